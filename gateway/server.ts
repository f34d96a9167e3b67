import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { formatError } from '../lib/apollo-options.ts';
import { HttpError } from '../lib/http/http-error.ts';
import { serveGraphQL, type Served } from '../lib/http/serve.ts';
import { actsFor, ANONYMOUS, type Identity, type Role } from '../lib/identity.ts';
import { onceWith } from '../lib/once.ts';
import { ownerMetrics, serviceMetrics } from '../lib/metrics.ts';
import { REQUEST_ID_HEADER, type Logger } from '../lib/log.ts';
import { serviceKey, signRequest } from '../lib/service-auth.ts';
import { ApiKeyStore, type ApiKeyRecord } from './auth/api-keys.ts';
import { authenticator } from './auth/authenticate.ts';
import { jwtVerifier, type JwtSettings } from './auth/jwt.ts';
import { readSchemaFile, SUPERGRAPH_FILE } from '../lib/schema-files.ts';
import { allowListPlugin } from './limits/allow-list.ts';
import { armor, DEFAULT_SHAPE_LIMITS, type ShapeLimits } from './limits/armor.ts';
import { costLimitPlugin, DEFAULT_BUDGETS } from './limits/cost.ts';
import { introspectionPlugin } from './limits/introspection.ts';
import { rateLimiter, type RateLimitSettings } from './limits/rate-limit.ts';
import { OwnerRouterDataSource, ServiceDataSource } from './router/apollo-data-source.ts';
import { ideHandler } from './ide/serve.ts';
import { httpTransport } from './router/http-transport.ts';
import { OwnerRouter } from './router/owner-router.ts';
import { buildRoutingTable } from './router/routing-table.ts';
import type { BreakerSettings } from './router/circuit-breaker.ts';

export interface GatewaySecurity {
  /** Master secret; each service's signing key is derived from it. */
  signingSecret: Buffer;
  jwt: JwtSettings;
  apiKeys: readonly ApiKeyRecord[];
  /** Frontend origins allowed by CORS. */
  corsOrigins: readonly string[];
  /** Production: introspection only for `introspectionRoles`, no field suggestions. */
  production: boolean;
  introspectionRoles?: readonly Role[];
  /** Off only for benchmarks that compare the bare router with a plain gateway. */
  limits?: { shape?: ShapeLimits; budgets?: Record<Role, number>; maxTokens?: number } | false;
  rateLimit?: RateLimitSettings | false;
  /** Allow-list mode: only these operations (sha256 → query) run. */
  allowList?: Record<string, string>;
}

export interface GatewayOptions {
  port: number;
  host?: string;
  catalogUrl: string;
  /** Every owner this hub routes to, with its regional service's GraphQL URL. */
  owners: readonly { code: string; url: string }[];
  /** Per-owner deadline for one subgraph request. */
  ownerTimeoutMs?: number;
  /** Heavy fan-out pages keys first, bodies second (router/two-phase.ts); default on. */
  twoPhase?: boolean;
  /** The GraphQL IDE at /ide (gateway/ide); default on. */
  ide?: boolean;
  /** When an owner that keeps failing is skipped, and for how long. */
  breaker?: BreakerSettings;
  security: GatewaySecurity;
  log?: Logger;
}

export interface GatewayContext {
  identity: Identity;
  /** Sent on to every service this request reaches, so their log lines carry it too. */
  requestId?: string;
}

export interface Gateway extends Served {
  router: OwnerRouter;
  /** Graceful: in-flight requests get up to `deadlineMs` (serve.ts). */
  stop(deadlineMs?: number): Promise<void>;
}

async function reachable(url: string): Promise<boolean> {
  try {
    const res = await fetch(url.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** An owner's region-links endpoint, next to its contract: `…/graphql` → `…/links/graphql`. */
export function linksUrl(ownerUrl: string): string {
  return ownerUrl.replace(/\/graphql$/, '/links/graphql');
}

/** The one graph: @apollo/gateway on the checked-in supergraph, with the owner router for `region`. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { security } = options;
  const timeoutMs = options.ownerTimeoutMs ?? 5000;
  // Refuses to start when a root field of the regional contract has no routing rule.
  const table = buildRoutingTable(readSchemaFile('region.graphql'));
  const keys = new Map<string, Buffer>();
  const keyFor = (service: string) => keys.get(service) ?? keys.set(service, serviceKey(security.signingSecret, service)).get(service)!;
  // Each service's request is signed for that service, after the router split it, and carries the request id.
  const headers = (service: string, body: string, context: unknown) => {
    const ctx = context as GatewayContext | undefined;
    return { ...signRequest(keyFor(service), ctx?.identity ?? ANONYMOUS, body), ...(ctx?.requestId ? { [REQUEST_ID_HEADER]: ctx.requestId } : {}) };
  };
  const transport = httpTransport({
    urls: new Map([['catalog', options.catalogUrl], ...options.owners.map((o) => [o.code, o.url] as [string, string])]),
    headers,
  });
  const metrics = serviceMetrics('gateway');
  // Filled below: the breaker states are the router's, and the router reports to the metrics.
  const routers: OwnerRouter[] = [];
  const ownerStats = ownerMetrics(metrics.registry, () => {
    const open: Record<string, boolean> = {};
    for (const r of routers) for (const [o, v] of Object.entries(r.circuitOpen())) open[o] ||= v;
    return open;
  });
  const observe = (owner: string, seconds: number, outcome: 'ok' | 'failed' | 'skipped') => {
    ownerStats.fetched(owner, seconds, outcome);
    if (outcome !== 'ok') options.log?.warn({ owner, outcome }, 'owner request did not succeed');
  };
  const router = new OwnerRouter({
    table, owners: options.owners.map((o) => o.code), transport, timeoutMs, twoPhase: options.twoPhase, breaker: options.breaker, observe,
    // Small counts of people are shown only to staff of every owner in the cell.
    exemptFromSuppression: (owners, context) => {
      const identity = (context as GatewayContext | undefined)?.identity ?? ANONYMOUS;
      return owners.every((o) => actsFor(identity, o, 'municipality', 'wsp'));
    },
  });
  // region-links (fields whose target may be another owner's) lives next to each owner's contract.
  const linksTransport = httpTransport({
    urls: new Map(options.owners.map((o) => [o.code, linksUrl(o.url)] as [string, string])),
    headers,
  });
  const linksRouter = new OwnerRouter({
    table: buildRoutingTable(readSchemaFile('region-links.graphql')), owners: options.owners.map((o) => o.code), transport: linksTransport, timeoutMs,
    breaker: options.breaker, observe,
  });
  routers.push(router, linksRouter);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    buildService: ({ name }) => {
      if (name === 'region') return new OwnerRouterDataSource(router);
      if (name === 'region-links') return new OwnerRouterDataSource(linksRouter);
      if (name === 'catalog') return new ServiceDataSource('catalog', transport, timeoutMs);
      throw new Error(`the supergraph names an unknown subgraph "${name}"`);
    },
  });

  const plugins: ApolloServerPlugin<GatewayContext>[] = [ApolloServerPluginLandingPageDisabled()];
  let validationRules: ReturnType<typeof armor>['validationRules'] = [];
  const limits = security.limits === false ? undefined : security.limits ?? {};
  if (limits) {
    const shape = armor(limits.shape ?? DEFAULT_SHAPE_LIMITS, security.production);
    validationRules = shape.validationRules;
    plugins.push(...(shape.plugins as ApolloServerPlugin<GatewayContext>[]));
    plugins.push(costLimitPlugin(table, () => options.owners.length, limits.budgets ?? DEFAULT_BUDGETS));
  }
  if (security.production) plugins.push(introspectionPlugin(security.introspectionRoles ?? ['analyst', 'municipality', 'wsp', 'partner']));
  if (security.allowList) plugins.push(allowListPlugin(security.allowList) as ApolloServerPlugin<GatewayContext>);

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    // scripts/start-service.ts drains and exits on signals; Apollo's own handler would re-kill first.
    stopOnTerminationSignals: false,
    hideSchemaDetailsFromClientErrors: security.production,
    // On for everyone; the introspection plugin decides per role (Apollo's switch is global).
    introspection: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions: limits ? { maxTokens: limits.maxTokens ?? 5000 } : undefined,
    validationRules,
    plugins,
  });
  await apollo.start();
  const authenticate = authenticator(jwtVerifier(security.jwt), new ApiKeyStore(security.apiKeys), keyFor);
  const admit = security.rateLimit === false ? undefined : rateLimiter(security.rateLimit ?? { points: 1200, durationSeconds: 60 });
  const served = await serveGraphQL<GatewayContext>({
    apollo,
    port: options.port,
    host: options.host,
    cors: {
      origin: (origin, callback) => callback(null, !origin || security.corsOrigins.includes(origin)),
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'apollo-require-preflight', 'x-apollo-operation-name', 'apollographql-client-name'],
      maxAge: 600,
    },
    authenticate: (req, body) => authenticate(req.headers, body),
    admit,
    context: async (req, identity) => ({ identity, requestId: req.headers[REQUEST_ID_HEADER] as string | undefined }),
    metrics,
    log: options.log,
    pages: options.ide === false ? {} : { '/ide': ideHandler() },
    // Pages of 50-100 entities are 30-100 kB of JSON; below 8 kB gzip costs more than it saves.
    compressAboveBytes: 8 * 1024,
    health: async () => {
      const checks = await Promise.all([
        ['catalog', options.catalogUrl] as const,
        ...options.owners.map((o) => [o.code, o.url] as const),
      ].map(async ([name, url]) => [name, await reachable(url)] as const));
      return Object.fromEntries(checks);
    },
    // Ready while the catalog and at least one owner answer: one owner down is a partial answer, not an outage.
    ready: (checks) => checks.catalog === true && options.owners.some((o) => checks[o.code]),
  });
  return {
    ...served,
    router,
    stop: onceWith(async (deadlineMs?: number) => {
      await served.close(deadlineMs);
      await apollo.stop();
      await Promise.all([transport.close(), linksTransport.close()]);
    }),
  };
}

export { HttpError };
