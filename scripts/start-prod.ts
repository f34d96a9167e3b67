/**
 * `npm run start:prod`: the hub in production mode on the local PostgreSQL server, for a
 * try-out. Creates one database per owner and one for the catalog when missing
 * (`srh_catalog`, `srh_den_haag`, …), runs `npm run migrate` on them, then starts every
 * service as its own process (scripts/start.ts) with NODE_ENV=production, so services check
 * the migrations instead of running them. POSTGRES_URL names the server (default
 * postgres://postgres@127.0.0.1:5432/postgres); SEED_DEMO=false starts with empty databases.
 */
import { spawn } from 'node:child_process';
import postgres from 'postgres';
import { ROOT } from '../lib/paths.ts';
import { loadOwners } from '../subgraphs/owners.ts';

const server = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const services = ['catalog', ...loadOwners().map((o) => o.code)];
const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', SEED_DEMO: 'true', ...process.env, MIGRATE_ON_START: 'false' };

const admin = postgres(server, { max: 1, onnotice: () => {} });
try {
  for (const service of services) {
    const name = `srh_${service.replace(/-/g, '_')}`;
    const [{ exists }] = await admin<{ exists: boolean }[]>`select exists (select 1 from pg_database where datname = ${name})`;
    if (!exists) {
      await admin.unsafe(`create database "${name}"`);
      console.log(`created database ${name}`);
    }
    const url = new URL(server);
    url.pathname = `/${name}`;
    env[`DATABASE_URL_${service.toUpperCase().replace(/-/g, '_')}`] ??= url.toString();
  }
} finally {
  await admin.end();
}

/** Runs a script of this repository as a child process with the environment above. */
function run(script: string): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env, stdio: 'inherit' });
  // The supervisor stops the services itself: pass Ctrl-C and SIGTERM on, and wait.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => child.on('exit', (code) => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    resolve(code ?? 1);
  }));
}

const migrated = await run('scripts/migrate.ts');
process.exit(migrated === 0 ? await run('scripts/start.ts') : migrated);
