import { startGateway, type Gateway } from '../../gateway/server.ts';
import type { Storage } from '../../lib/db/connect.ts';
import { startCatalogService, type CatalogService } from '../../subgraphs/catalog/service.ts';
import { loadOwners, type OwnerSettings } from '../../subgraphs/owners.ts';
import { startRegionService, type RegionService } from '../../subgraphs/region/service.ts';
import type { Identity } from '../../lib/identity.ts';
import { signRequest } from '../../lib/service-auth.ts';
import { testSecurity, type TestSecurity } from './security.ts';

/**
 * The whole hub in this process on real loopback HTTP: catalog, one regional service per
 * owner (each its own database), and the gateway. Ports are picked by the OS.
 */
export interface TestHub {
  url: string;
  gateway: Gateway;
  catalog: CatalogService;
  keys: TestSecurity;
  /** A token for the default staff role of den-haag, used by `query` for writes in tests. */
  staffToken(owner: string): Promise<string>;
  regions: Map<string, RegionService>;
  query<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResult<T>>;
  /** As `query`, with a token of municipal staff of every owner (for tests that write). */
  asStaff<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

export interface GraphQLResult<T> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestHubOptions {
  owners?: OwnerSettings[];
  storage?: (service: string) => Promise<Storage> | Storage;
  seedDemo?: boolean;
  demoEnterprises?: number;
  /** Demo contracts per owner (default 40); 0 for tests that count contracts themselves. */
  demoContracts?: number;
  ownerTimeoutMs?: number;
  /** Extra owners the gateway routes to without this helper starting them (e.g. a hanging server). */
  externalOwners?: { code: string; url: string }[];
  keys?: TestSecurity;
  /** Social-return rules per owner instead of the owners' valuation.json (undefined: the file). */
  valuation?: (owner: string) => import('../../subgraphs/region/domain/valuation.ts').ValuationRules | null | undefined;
  /** Outbox delivery settings of every owner; default `{ intervalMs: 0 }`: tests deliver by hand. */
  outbox?: import('../../subgraphs/region/service.ts').RegionServiceOptions['outbox'];
}

export async function postGraphQL<T>(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResult<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLResult<T>;
}

export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const owners = options.owners ?? loadOwners();
  const storage = options.storage ?? (() => ({ kind: 'pglite' as const }));
  const keys = options.keys ?? await testSecurity();
  // Services read other owners through the gateway, which starts after them.
  let gatewayUrl: string | undefined;
  const [catalog, ...regionList] = await Promise.all([
    startCatalogService({ storage: await storage('catalog'), owners, port: 0, signingKey: keys.keyFor('catalog') }),
    ...owners.map(async (owner) => startRegionService({
      owner,
      storage: await storage(owner.code),
      port: 0,
      seedDemo: options.seedDemo ?? true,
      demoEnterprises: options.demoEnterprises,
      demoContracts: options.demoContracts,
      signingKey: keys.keyFor(owner.code),
      gatewayUrl: () => gatewayUrl,
      valuation: options.valuation?.(owner.code),
      // No background delivery by default: statement-counting tests must see only their own SQL.
      outbox: options.outbox ?? { intervalMs: 0 },
    })),
  ]) as [CatalogService, ...RegionService[]];
  const regions = new Map(regionList.map((r) => [r.owner.code, r]));
  const gateway = await startGateway({
    port: 0,
    catalogUrl: catalog.url,
    owners: [...regionList.map((r) => ({ code: r.owner.code, url: r.url })), ...(options.externalOwners ?? [])],
    ownerTimeoutMs: options.ownerTimeoutMs ?? 5000,
    security: keys.security,
  });
  gatewayUrl = gateway.url;
  const allOwners = [...owners.map((o) => o.code), ...(options.externalOwners ?? []).map((o) => o.code)];
  const staff = await keys.token({ subject: 'test-staff', roles: ['municipality'], owners: allOwners });
  return {
    url: gateway.url,
    gateway,
    catalog,
    regions,
    keys,
    staffToken: (owner) => keys.token({ subject: `staff-${owner}`, roles: ['municipality'], owners: [owner] }),
    query: (query, variables, headers) => postGraphQL(gateway.url, query, variables, headers),
    asStaff: (query, variables) => postGraphQL(gateway.url, query, variables, { authorization: `Bearer ${staff}` }),
    async stop() {
      await gateway.stop();
      await Promise.all([catalog.stop(), ...regionList.map((r) => r.stop())]);
    },
  };
}

/** A request straight to a service, signed as the gateway would sign it for `identity`. */
export async function postSigned<T>(url: string, key: Buffer, identity: Identity, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>> {
  const body = JSON.stringify({ query, variables });
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signRequest(key, identity, body) }, body });
  return (await res.json()) as GraphQLResult<T>;
}

/**
 * Another gateway over the same services, with other security settings; `gateway` overrides
 * other options (e.g. `twoPhase`), `ownerUrls` sends an owner's requests elsewhere (a proxy).
 */
export async function extraGateway(
  hub: TestHub,
  overrides: Partial<import('../../gateway/server.ts').GatewaySecurity>,
  ownerTimeoutMs = 5000,
  more: { twoPhase?: boolean; ownerUrls?: Record<string, string> } = {},
) {
  const gateway = await startGateway({
    port: 0,
    catalogUrl: hub.catalog.url,
    owners: [...hub.regions.values()].map((r) => ({ code: r.owner.code, url: more.ownerUrls?.[r.owner.code] ?? r.url })),
    ownerTimeoutMs,
    twoPhase: more.twoPhase,
    security: { ...hub.keys.security, ...overrides },
  });
  return {
    gateway,
    url: gateway.url,
    query: <T = any>(q: string, v?: Record<string, unknown>, headers?: Record<string, string>) => postGraphQL<T>(gateway.url, q, v, headers),
  };
}

/** Counts HTTP requests that reach the hub's services (catalog and owners). */
export function countServiceRequests(hub: TestHub): () => number {
  let n = 0;
  for (const s of [hub.catalog, ...hub.regions.values()]) s.server.on('request', () => { n++; });
  return () => n;
}
