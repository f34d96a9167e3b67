/**
 * `npm start`: the whole hub on this machine, each service in its own process (PGlite runs
 * in the JavaScript thread, so one process per database keeps the owners independent).
 * Starts catalog and owners, waits until they answer, then the gateway; prefixes each
 * service's log lines; Ctrl-C stops them all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { ensureDevKeys } from '../lib/dev-keys.ts';
import { ROOT } from '../lib/paths.ts';
import { loadOwners } from '../subgraphs/owners.ts';
import { CATALOG_PORT, GATEWAY_PORT, localUrl } from './config.ts';

const started = Date.now();
const children = new Map<string, ChildProcess>();
let stopping = false;

/**
 * Each child gets its own settings: PORT only for the gateway (the others use their own
 * ports), and DATABASE_URL from DATABASE_URL_<SERVICE> (e.g. DATABASE_URL_DEN_HAAG).
 */
function childEnv(name: string): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // Regional services read other owners through the gateway (a supplier of another owner).
  env.GATEWAY_URL ??= localUrl(Number(process.env.PORT ?? GATEWAY_PORT));
  if (name !== 'gateway') delete env.PORT;
  delete env.DATABASE_URL;
  const own = process.env[`DATABASE_URL_${name.toUpperCase().replace(/-/g, '_')}`];
  if (own) env.DATABASE_URL = own;
  return env;
}

function run(name: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start-service.ts', name], {
    cwd: ROOT,
    env: childEnv(name),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${name}]`.padEnd(17);
  const relay = (stream: NodeJS.ReadableStream, out: NodeJS.WriteStream) => {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) out.write(`${prefix} ${line}\n`);
    });
  };
  relay(child.stdout!, process.stdout);
  relay(child.stderr!, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`${prefix} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping the hub`);
      void stopAll(1);
    }
  });
  children.set(name, child);
  return child;
}

async function waitForHealth(name: string, url: string, timeoutMs = 120_000): Promise<void> {
  const health = url.replace(/\/graphql$/, '/health');
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (stopping) return;
    try {
      if ((await fetch(health, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not become healthy at ${health}`);
}

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const child of children.values()) child.kill('SIGTERM');
  const deadline = setTimeout(() => { for (const c of children.values()) c.kill('SIGKILL'); }, 10_000);
  while (children.size) await new Promise((r) => setTimeout(r, 100));
  clearTimeout(deadline);
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

const owners = loadOwners();
// Made once, before the services start, so they all read the same keys.
if (!process.env.HUB_SIGNING_SECRET) await ensureDevKeys();
run('catalog');
for (const o of owners) run(o.code);
try {
  await Promise.all([
    waitForHealth('catalog', localUrl(CATALOG_PORT)),
    ...owners.map((o) => waitForHealth(o.code, localUrl(o.port))),
  ]);
  run('gateway');
  const gatewayUrl = localUrl(Number(process.env.PORT ?? GATEWAY_PORT));
  await waitForHealth('gateway', gatewayUrl);
  console.log(`\nSocial Return Hub ready at ${gatewayUrl} (${owners.length} owners: ${owners.map((o) => o.code).join(', ')}; started in ${((Date.now() - started) / 1000).toFixed(1)} s); GraphQL IDE at ${gatewayUrl.replace(/\/graphql$/, '/ide')}. Ctrl-C stops it.\n`);
} catch (e) {
  console.error((e as Error).message);
  await stopAll(1);
}
