/**
 * `npm run migrate`: brings databases up to the latest migrations, explicitly (production
 * services only check, and refuse to start on a database that lacks one). Safe to re-run:
 * drizzle applies only the migrations a database has not recorded, each in a transaction.
 *   npm run migrate -- <catalog|owner code>   with DATABASE_URL
 *   npm run migrate                           with DATABASE_URL_CATALOG, DATABASE_URL_DEN_HAAG, …
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../lib/db/connect.ts';
import { MIGRATIONS } from '../lib/paths.ts';
import { loadOwners } from '../subgraphs/owners.ts';
import { serviceLogger } from '../lib/log.ts';

const log = serviceLogger('migrate');
const services = ['catalog', ...loadOwners().map((o) => o.code)];
const envName = (service: string) => `DATABASE_URL_${service.toUpperCase().replace(/-/g, '_')}`;

function targets(): { service: string; url: string }[] {
  const only = process.argv[2];
  if (only) {
    if (!services.includes(only)) throw new Error(`unknown service "${only}"; one of ${services.join(', ')}`);
    const url = process.env[envName(only)] ?? process.env.DATABASE_URL;
    if (!url) throw new Error(`set DATABASE_URL (or ${envName(only)}) for ${only}`);
    return [{ service: only, url }];
  }
  const found = services.flatMap((service) => (process.env[envName(service)] ? [{ service, url: process.env[envName(service)]! }] : []));
  if (!found.length) throw new Error(`set ${services.map(envName).join(', ')} (or DATABASE_URL and name one service)`);
  return found;
}

async function migrateOne(service: string, url: string): Promise<void> {
  // One connection, so the advisory lock and the migrations share a session: two runs at once
  // (e.g. two deploy jobs) take turns instead of racing on the same tables.
  const database = await openDatabase({ kind: 'postgres', url, maxConnections: 1 }, {});
  try {
    await database.db.execute(sql`select pg_advisory_lock(hashtext('social-return-hub:migrate'))`);
    await database.migrate(service === 'catalog' ? MIGRATIONS.catalog : MIGRATIONS.region);
    log.info({ database: new URL(url).pathname.slice(1) }, `${service} migrated`);
  } finally {
    await database.close();
  }
}

try {
  for (const { service, url } of targets()) await migrateOne(service, url);
} catch (e) {
  log.fatal({ err: e }, `migration failed: ${(e as Error).message}`);
  process.exitCode = 1;
}
