import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import * as schema from '../../drizzle/catalog/schema.ts';
import { readSchemaFile } from '../../lib/schema-files.ts';
import { formatError } from '../../lib/apollo-options.ts';
import { openDatabase, type Database, type Storage } from '../../lib/db/connect.ts';
import { serveGraphQL, type Served } from '../../lib/http/serve.ts';
import { MIGRATIONS } from '../../lib/paths.ts';
import { signedByGateway } from '../../lib/http/signed-requests.ts';
import { onceWith } from '../../lib/once.ts';
import { serviceMetrics } from '../../lib/metrics.ts';
import { bringUpToDate, type MigrationMode } from '../../lib/db/migrations.ts';
import type { Logger } from '../../lib/log.ts';
import type { OwnerSettings } from '../owners.ts';
import { resolvers, type CatalogContext } from './resolvers.ts';
import { readSnapshot } from './snapshot.ts';
import { syncCatalog } from './seed.ts';

export interface CatalogServiceOptions {
  storage: Storage;
  owners: readonly OwnerSettings[];
  port: number;
  host?: string;
  /** This service's key for the gateway's request signatures (lib/service-auth.ts). */
  signingKey: Buffer;
  /** Migrate on start (default) or require `npm run migrate` to have run (production). */
  migrations?: MigrationMode;
  log?: Logger;
}

export interface CatalogService extends Served {
  database: Database<typeof schema>;
  /** Graceful: in-flight requests get up to `deadlineMs` (serve.ts), then the pool closes. */
  stop(deadlineMs?: number): Promise<void>;
}

export async function startCatalogService(options: CatalogServiceOptions): Promise<CatalogService> {
  const database = await openDatabase(options.storage, schema);
  try {
    await bringUpToDate(database, MIGRATIONS.catalog, options.migrations ?? 'apply');
  } catch (e) {
    await database.close();
    throw e;
  }
  await syncCatalog(database.db, options.owners);
  const catalog = await readSnapshot(database.db);
  const apollo = new ApolloServer<CatalogContext>({
    schema: buildSubgraphSchema({ typeDefs: parse(readSchemaFile('catalog.graphql')), resolvers: resolvers as never }),
    formatError,
    includeStacktraceInErrorResponses: false,
    // scripts/start-service.ts drains and exits on signals; Apollo's own handler would re-kill first.
    stopOnTerminationSignals: false,
    csrfPrevention: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const served = await serveGraphQL<CatalogContext>({
    apollo,
    port: options.port,
    host: options.host,
    authenticate: signedByGateway(options.signingKey),
    context: async () => ({ catalog }),
    metrics: serviceMetrics('catalog', { sqlStatements: database.statements, pool: database.pool }),
    log: options.log,
    health: async () => ({ database: await database.ping() }),
  });
  return {
    ...served,
    database,
    stop: onceWith(async (deadlineMs?: number) => {
      await served.close(deadlineMs);
      await apollo.stop();
      await database.close();
    }),
  };
}
