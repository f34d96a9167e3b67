/**
 * Runs ONE service of the hub (the production entry point; `npm start` runs one per process):
 *   tsx scripts/start-service.ts catalog | gateway | <owner code>
 * Environment: PORT, DATABASE_URL (else PGlite under DATA_DIR, default .data/), SEED_DEMO
 * (default: yes on PGlite, no on PostgreSQL), CATALOG_URL and OWNER_URLS (gateway),
 * OWNER_TIMEOUT_MS and ROUTER_TWO_PHASE=off (gateway), GATEWAY_URL (regional services), HOST (default 127.0.0.1); keys and security: scripts/security.ts.
 */
import { storageFromEnv } from '../lib/db/storage.ts';
import { loadOwners } from '../subgraphs/owners.ts';
import { CATALOG_PORT, GATEWAY_PORT, localUrl, ownerUrls } from './config.ts';
import { gatewaySecurityFromEnv, serviceSigningKey } from './security.ts';

const name = process.argv[2];
const env = process.env;
const host = env.HOST ?? '127.0.0.1';
const owners = loadOwners();

async function main(): Promise<{ url: string; stop(): Promise<void> }> {
  // Each kind of service loads only its own code: the gateway has no database driver (40 MB less RSS).
  if (name === 'gateway') {
    const { startGateway } = await import('../gateway/server.ts');
    return startGateway({
      port: Number(env.PORT ?? GATEWAY_PORT),
      host,
      catalogUrl: env.CATALOG_URL ?? localUrl(CATALOG_PORT),
      owners: ownerUrls(owners),
      ownerTimeoutMs: env.OWNER_TIMEOUT_MS ? Number(env.OWNER_TIMEOUT_MS) : undefined,
      twoPhase: env.ROUTER_TWO_PHASE !== 'off',
      security: await gatewaySecurityFromEnv(),
    });
  }
  if (name === 'catalog') {
    const { startCatalogService } = await import('../subgraphs/catalog/service.ts');
    return startCatalogService({
      storage: storageFromEnv('catalog'), owners, port: Number(env.PORT ?? CATALOG_PORT), host, signingKey: await serviceSigningKey('catalog'),
    });
  }
  const owner = owners.find((o) => o.code === name);
  if (!owner) throw new Error(`usage: start-service.ts catalog | gateway | ${owners.map((o) => o.code).join(' | ')}`);
  const storage = storageFromEnv(owner.code);
  const { startRegionService } = await import('../subgraphs/region/service.ts');
  return startRegionService({
    owner,
    storage,
    port: Number(env.PORT ?? owner.port),
    host,
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === 'true' || env.SEED_DEMO === '1' : storage.kind === 'pglite',
    demoEnterprises: env.DEMO_ENTERPRISES ? Number(env.DEMO_ENTERPRISES) : undefined,
    changeRetentionDays: env.CHANGE_RETENTION_DAYS ? Number(env.CHANGE_RETENTION_DAYS) : undefined,
    signingKey: await serviceSigningKey(owner.code),
    // Where this owner reads other owners' rows at write time (a supplier of another owner).
    gatewayUrl: () => env.GATEWAY_URL ?? localUrl(GATEWAY_PORT),
  });
}

main().then((service) => {
  console.log(`${name} listening on ${service.url}`);
  const stop = async () => {
    await service.stop();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}, (e: unknown) => {
  console.error(`${name} failed to start:`, e instanceof Error ? e.message : e);
  process.exit(1);
});
