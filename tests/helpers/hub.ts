import { startGateway, type Gateway } from '../../gateway/server.ts';
import type { Storage } from '../../lib/db/connect.ts';
import { startCatalogService, type CatalogService } from '../../subgraphs/catalog/service.ts';
import { loadOwners, type OwnerSettings } from '../../subgraphs/owners.ts';
import { startRegionService, type RegionService } from '../../subgraphs/region/service.ts';

/**
 * The whole hub in this process on real loopback HTTP: catalog, one regional service per
 * owner (each its own database), and the gateway. Ports are picked by the OS.
 */
export interface TestHub {
  url: string;
  gateway: Gateway;
  catalog: CatalogService;
  regions: Map<string, RegionService>;
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
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
  ownerTimeoutMs?: number;
  /** Extra owners the gateway routes to without this helper starting them (e.g. a hanging server). */
  externalOwners?: { code: string; url: string }[];
}

export async function postGraphQL<T>(url: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLResult<T>;
}

export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const owners = options.owners ?? loadOwners();
  const storage = options.storage ?? (() => ({ kind: 'pglite' as const }));
  const [catalog, ...regionList] = await Promise.all([
    startCatalogService({ storage: await storage('catalog'), owners, port: 0 }),
    ...owners.map(async (owner) => startRegionService({
      owner,
      storage: await storage(owner.code),
      port: 0,
      seedDemo: options.seedDemo ?? true,
      demoEnterprises: options.demoEnterprises,
    })),
  ]) as [CatalogService, ...RegionService[]];
  const regions = new Map(regionList.map((r) => [r.owner.code, r]));
  const gateway = await startGateway({
    port: 0,
    catalogUrl: catalog.url,
    owners: [...regionList.map((r) => ({ code: r.owner.code, url: r.url })), ...(options.externalOwners ?? [])],
    ownerTimeoutMs: options.ownerTimeoutMs ?? 5000,
  });
  return {
    url: gateway.url,
    gateway,
    catalog,
    regions,
    query: (query, variables) => postGraphQL(gateway.url, query, variables),
    async stop() {
      await gateway.stop();
      await Promise.all([catalog.stop(), ...regionList.map((r) => r.stop())]);
    },
  };
}
