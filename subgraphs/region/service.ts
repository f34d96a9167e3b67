import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { sql } from 'drizzle-orm';
import * as schema from '../../drizzle/region/schema.ts';
import { formatError } from '../../lib/apollo-options.ts';
import { openDatabase, type Database, type Storage } from '../../lib/db/connect.ts';
import { serveGraphQL, type Served } from '../../lib/http/serve.ts';
import { MIGRATIONS } from '../../lib/paths.ts';
import { onceWith } from '../../lib/once.ts';
import { serviceMetrics } from '../../lib/metrics.ts';
import { bringUpToDate, type MigrationMode } from '../../lib/db/migrations.ts';
import type { Logger } from '../../lib/log.ts';
import type { OwnerSettings } from '../owners.ts';
import { signedByGateway } from '../../lib/http/signed-requests.ts';
import { readAuditPlugin } from './audit.ts';
import { createRegionContext, type RegionContext } from './context.ts';
import { DEFAULT_DEMO_TODAY, generateDemoData } from './seed/generate.ts';
import { generateSocialReturnDemo } from './seed/social-return.ts';
import { generateMatchingDemo } from './seed/matching.ts';
import { loadDemoData } from './seed/load.ts';
import { regionSchema } from './subgraph.ts';
import { linksSchema } from './links.ts';
import { loadValuationRules, type ValuationRules } from './domain/valuation.ts';
import { gatewayClient } from './gateway-client.ts';
import { OutboxDelivery, type OutboxOptions } from './outbox.ts';
import { PLACEMENT_REALISATION, placementRealisation } from './placement-delivery.ts';
import { DEFAULT_RETENTION_MONTHS, scheduleRetention } from './retention.ts';
import { pruneChangeLog } from './data/changes.ts';

export interface RegionServiceOptions {
  owner: OwnerSettings;
  storage: Storage;
  port: number;
  host?: string;
  /** Load the owner's demo data when its database is empty. */
  seedDemo: boolean;
  /** Demo volume override (benchmarks: 100,000 enterprises). */
  demoEnterprises?: number;
  /** Demo contracts (with their realisations) to generate; default 40, 0 for none. */
  demoContracts?: number;
  /** This service's key for the gateway's request signatures (lib/service-auth.ts). */
  signingKey: Buffer;
  /** The gateway this service reads other owners through (it may start later, hence a function). */
  gatewayUrl?: () => string | undefined;
  /** Social-return rules; by default the owner's `valuation.json`. */
  valuation?: ValuationRules | null;
  /** Outbox delivery: every `intervalMs` (default 2000; 0: only when `outbox.deliverDue()` is called). */
  outbox?: OutboxOptions & { intervalMs?: number };
  /** How long the change feed keeps superseded changes and tombstones (default 30 days). */
  changeRetentionDays?: number;
  /** Migrate on start (default) or require `npm run migrate` to have run (production). */
  migrations?: MigrationMode;
  log?: Logger;
}

const DEFAULT_CHANGE_RETENTION_DAYS = 30;
/** How often the change feed is compacted. */
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

export interface RegionService extends Served {
  database: Database<typeof schema>;
  owner: OwnerSettings;
  /** Writes to other owners waiting for delivery (DESIGN.md §2, mechanism 3). */
  outbox: OutboxDelivery;
  /** Graceful: in-flight requests get up to `deadlineMs` (serve.ts), then the pool closes. */
  stop(deadlineMs?: number): Promise<void>;
}

export async function prepareRegionDatabase(
  options: Pick<RegionServiceOptions, 'owner' | 'storage' | 'seedDemo' | 'demoEnterprises' | 'demoContracts' | 'migrations'>, valuation: ValuationRules | null,
) {
  const database = await openDatabase(options.storage, schema);
  try {
    await bringUpToDate(database, MIGRATIONS.region, options.migrations ?? 'apply');
  } catch (e) {
    await database.close();
    throw e;
  }
  if (options.seedDemo) {
    const [{ n }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(schema.socialEnterprise);
    if (n === 0) {
      const data = generateDemoData(options.owner, { enterprises: options.demoEnterprises });
      const contracts = options.demoContracts ?? 40;
      const socialReturn = valuation && contracts > 0 ? generateSocialReturnDemo(options.owner, valuation, data, DEFAULT_DEMO_TODAY, contracts) : undefined;
      await loadDemoData(database.db, data, socialReturn, generateMatchingDemo(options.owner, data, socialReturn, DEFAULT_DEMO_TODAY));
    }
  }
  return database;
}

/** One owner's regional subgraph: its own database, the shared regional contract. */
export async function startRegionService(options: RegionServiceOptions): Promise<RegionService> {
  const valuation = options.valuation !== undefined ? options.valuation : loadValuationRules(options.owner.code);
  const database = await prepareRegionDatabase(options, valuation);
  const services = {
    owner: options.owner,
    db: database.db,
    valuation,
    gateway: gatewayClient({ url: options.gatewayUrl ?? (() => undefined), service: options.owner.code, key: options.signingKey }),
  };
  const outbox = new OutboxDelivery(database.db, services.gateway, { [PLACEMENT_REALISATION]: placementRealisation }, options.outbox);
  const intervalMs = options.outbox?.intervalMs ?? 2000;
  if (intervalMs > 0) outbox.start(intervalMs);
  const stopRetention = await scheduleRetention(database.db, options.owner.code, options.owner.candidateRetentionMonths ?? DEFAULT_RETENTION_MONTHS);
  const apollo = new ApolloServer<RegionContext>({
    schema: regionSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    // scripts/start-service.ts drains and exits on signals; Apollo's own handler would re-kill first.
    stopOnTerminationSignals: false,
    // The gateway is the only client; it sends operations its own validation accepted.
    csrfPrevention: false,
    plugins: [ApolloServerPluginInlineTraceDisabled(), readAuditPlugin<RegionContext>()],
  });
  const links = new ApolloServer<RegionContext>({
    schema: linksSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    csrfPrevention: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await Promise.all([apollo.start(), links.start()]);
  const served = await serveGraphQL<RegionContext>({
    apollo,
    alsoAt: { '/links/graphql': links },
    port: options.port,
    host: options.host,
    authenticate: signedByGateway(options.signingKey),
    context: async (_req, viewer) => createRegionContext(services, viewer),
    metrics: serviceMetrics(options.owner.code, { sqlStatements: database.statements, pool: database.pool }),
    log: options.log,
    health: async () => ({ database: await database.ping() }),
  });
  const retentionSeconds = (options.changeRetentionDays ?? DEFAULT_CHANGE_RETENTION_DAYS) * 86_400;
  const prune = () => pruneChangeLog(database.db, retentionSeconds).catch((e: unknown) => console.error(`[${options.owner.code}] change feed compaction failed:`, e));
  await prune();
  const pruning = setInterval(prune, PRUNE_INTERVAL_MS).unref();
  return {
    ...served,
    database,
    owner: options.owner,
    outbox,
    stop: onceWith(async (deadlineMs?: number) => {
      await served.close(deadlineMs);
      stopRetention();
      await outbox.stop();
      clearInterval(pruning);
      await Promise.all([apollo.stop(), links.stop()]);
      await database.close();
    }),
  };
}
