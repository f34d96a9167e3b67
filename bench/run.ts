/**
 * `npm run bench`: every scenario against servers this harness starts on loopback, each its
 * own process, on the local PostgreSQL (or PGlite), measured in ONE run and reported as
 * ratios; the table goes to bench/RESULTS.md (RESULTS-large.md for the large dataset). Flags: --connections 10 --duration 5 --warmup 2 --rounds 3 --storage postgres|pglite
 * --dataset demo|large (large: 100,000 enterprises per owner) --only a,c,d
 */
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Request } from 'autocannon';
import postgres from 'postgres';
import { issueToken } from '../gateway/auth/jwt.ts';
import { ensureDevKeys } from '../lib/dev-keys.ts';
import { ANONYMOUS } from '../lib/identity.ts';
import { ROOT } from '../lib/paths.ts';
import { serviceKey, signRequest } from '../lib/service-auth.ts';
import { loadOwners } from '../subgraphs/owners.ts';
import { cpuMs, HAS_TASKSET, peakRssMb, sqlStatements, startProcess, type Proc } from './processes.ts';
import { scenarios, type Scenario } from './scenarios.ts';

const { values: flags } = parseArgs({
  options: {
    connections: { type: 'string', default: '10' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    storage: { type: 'string', default: 'postgres' },
    dataset: { type: 'string', default: 'demo' },
    only: { type: 'string' },
    'pg-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const connections = Number(flags.connections);
const duration = Number(flags.duration);
const warmup = Number(flags.warmup);
const rounds = Number(flags.rounds);
const large = flags.dataset === 'large';
const owners = loadOwners();
const BASE_PORT = 4900;
const SERVER_CORE = 1;
const local = (port: number) => `http://127.0.0.1:${port}/graphql`;

if (HAS_TASKSET) execSync(`taskset -cp 0 ${process.pid}`, { stdio: 'ignore' });
const pinning = HAS_TASKSET
  ? 'load generator pinned to core 0, the hub\'s services to core 1 (taskset); PostgreSQL unpinned'
  : 'no taskset: load generator and servers share the cores';

const devKeys = await ensureDevKeys();
const signingSecret = randomBytes(32);
const secretEnv = { HUB_SIGNING_SECRET: signingSecret.toString('base64url') };

/** One database per service on the local PostgreSQL, made afresh (or kept for the large set). */
async function databaseUrl(service: string): Promise<Record<string, string>> {
  if (flags.storage === 'pglite') return { DATA_DIR: join(ROOT, '.data', `bench-${flags.dataset}`) };
  const name = `srh_bench_${flags.dataset}_${service.replace(/-/g, '_')}`;
  const admin = postgres(flags['pg-url']!, { max: 1, onnotice: () => {} });
  try {
    const exists = (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
    if (exists && !large) await admin.unsafe(`drop database "${name}" with (force)`);
    if (!exists || !large) await admin.unsafe(`create database "${name}"`);
  } finally { await admin.end(); }
  const url = new URL(flags['pg-url']!);
  url.pathname = `/${name}`;
  return { DATABASE_URL: url.toString() };
}

const procs: Proc[] = [];
async function start(name: string, script: string, args: string[], env: Record<string, string>, port: number): Promise<Proc> {
  const p = await startProcess(name, script, args, { ...secretEnv, ...env, PORT: String(port) }, local(port), SERVER_CORE);
  procs.push(p);
  return p;
}

async function stopAll() { await Promise.all(procs.map((p) => p.stop())); }
process.on('SIGINT', () => { void stopAll().then(() => process.exit(130)); });
// A failed run must not leave servers behind: the next run would find its ports answered by them.
process.on('uncaughtException', (e) => { console.error(e); void stopAll().then(() => process.exit(1)); });
process.on('unhandledRejection', (e) => { console.error(e); void stopAll().then(() => process.exit(1)); });

console.log(`Preparing ${flags.dataset} data on ${flags.storage} and starting services (${pinning})…`);
const seedEnv = { SEED_DEMO: 'true', ...(large ? { DEMO_ENTERPRISES: '100000' } : {}) };
const catalog = await start('catalog', 'scripts/start-service.ts', ['catalog'], await databaseUrl('catalog'), BASE_PORT);
const regionProcs = await Promise.all(owners.map(async (o, i) =>
  start(o.code, 'scripts/start-service.ts', [o.code], { ...(await databaseUrl(o.code)), ...seedEnv }, BASE_PORT + 1 + i)));
const ownerUrls = owners.map((o, i) => `${o.code}=${regionProcs[i].url}`).join(',');
const gatewayEnv = { CATALOG_URL: catalog.url, OWNER_URLS: ownerUrls };
const servers: Record<string, Proc> = {
  owner: regionProcs[owners.findIndex((o) => o.code === 'den-haag')],
  hub: await start('hub', 'scripts/start-service.ts', ['gateway'], { ...gatewayEnv, RATE_LIMIT_PER_MINUTE: '1000000000' }, BASE_PORT + 10),
  hubBare: await start('hub-bare', 'scripts/start-service.ts', ['gateway'], { ...gatewayEnv, HUB_LIMITS: 'off', RATE_LIMIT_PER_MINUTE: 'off' }, BASE_PORT + 11),
  hubOnePhase: await start('hub-1phase', 'scripts/start-service.ts', ['gateway'], { ...gatewayEnv, ROUTER_TWO_PHASE: 'off', RATE_LIMIT_PER_MINUTE: '1000000000' }, BASE_PORT + 14),
  plainDefault: await start('plain-default', 'bench/plain-gateway.ts', [], { CATALOG_URL: catalog.url, REGION_URL: regionProcs[0].url, REGION_OWNER: owners[0].code, CLIENT: 'default' }, BASE_PORT + 12),
  plainKeepAlive: await start('plain-keepalive', 'bench/plain-gateway.ts', [], { CATALOG_URL: catalog.url, REGION_URL: regionProcs[0].url, REGION_OWNER: owners[0].code, CLIENT: 'keepalive' }, BASE_PORT + 13),
};
if (owners[0].code !== 'den-haag') throw new Error('the plain gateway serves the first owner; scenarios target den-haag');

const staffToken = await issueToken(devKeys.jwtPrivateKey, { subject: 'bench', roles: ['municipality'], owners: ['den-haag'] });

async function requestFor(s: Scenario, turn = 0) {
  const r = s.rotation?.[turn % s.rotation.length] ?? s;
  const body = JSON.stringify({ query: r.query, variables: r.variables });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (s.server === 'owner') Object.assign(headers, signRequest(serviceKey(signingSecret, 'den-haag'), ANONYMOUS, body));
  if (s.staff) headers.authorization = `Bearer ${staffToken}`;
  return { body, headers };
}

/** Each kind of request of a scenario, checked once: a scenario whose answer has errors is not measured. */
async function check(s: Scenario): Promise<void> {
  for (let turn = 0; turn < Math.min(2, s.rotation?.length ?? 1); turn++) {
    const { body, headers } = await requestFor(s, turn);
    const res = await fetch(servers[s.server].url, { method: 'POST', headers, body });
    const json = await res.json() as { errors?: unknown[] };
    if (!res.ok || json.errors) throw new Error(`scenario ${s.id} answers with errors: ${JSON.stringify(json).slice(0, 500)}`);
  }
}

/** Den Haag's offerings, counted through the hub: a write scenario must have written them all. */
async function denHaagOfferings(): Promise<number> {
  const res = await fetch(servers.hub.url, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ offerings(first: 0, filter: { owner: "den-haag" }) { totalCount } }' }),
  });
  return ((await res.json()) as { data: { offerings: { totalCount: number } } }).data.offerings.totalCount;
}

const ids = await fetch(servers.hub.url, {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: `{ offerings(first: 1, filter: { owner: "den-haag" }) { nodes { id } }
    a: socialEnterprises(first: 100, filter: { owner: "den-haag" }) { nodes { id } pageInfo { endCursor } } }` }),
}).then((r) => r.json()) as { data: { offerings: { nodes: { id: string }[] }; a: { nodes: { id: string }[]; pageInfo: { endCursor: string } } } };
// Registrations go round up to 200 enterprises, so three rounds stay below the cap of 50 offerings each.
const more = await fetch(servers.hub.url, {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: `query($after: String) { socialEnterprises(first: 100, after: $after, filter: { owner: "den-haag" }) { nodes { id } } }`, variables: { after: ids.data.a.pageInfo.endCursor } }),
}).then((r) => r.json()) as { data: { socialEnterprises: { nodes: { id: string }[] } } };
const all = scenarios(ids.data.offerings.nodes[0].id, [...ids.data.a.nodes, ...more.data.socialEnterprises.nodes].map((n) => n.id));
const selected = flags.only ? all.filter((s) => flags.only!.split(',').includes(s.id)) : all;

interface Row { s: Scenario; rps: number; p50: number; p99: number; cpuPerReq: number; sqlPerReq: number; non2xx: number; requests: number }
let writesChecked = '';

/** One measured run of one scenario. */
async function measure(s: Scenario): Promise<Row> {
  const server = servers[s.server];
  const { body, headers } = await requestFor(s);
  let turn = 0;
  let graphqlErrors = 0;
  let acknowledged = 0;
  // A rotation sends its requests in turn, one per request autocannon makes; every answer is
  // checked for GraphQL errors (they come with HTTP 200).
  const requestSpecs = [{
    ...(s.rotation ? { setupRequest: (req: Request): Request => {
      const r = s.rotation![turn++ % s.rotation!.length];
      return { ...req, body: JSON.stringify({ query: r.query, variables: r.variables }) };
    } } : {}),
    onResponse: (_status: number, responseBody: string) => {
      if (responseBody.includes('"errors"')) graphqlErrors++;
      else if (responseBody.includes('"registerOffering":{"id"')) acknowledged++;
    },
  }];
  const load = (seconds: number) => autocannon({ url: server.url, method: 'POST', headers, body, connections, duration: seconds, requests: requestSpecs });
  const offeringsBefore = s.rotation ? await denHaagOfferings() : 0;
  await load(warmup);
  const statementsBefore = await Promise.all(regionProcs.map((p) => sqlStatements(p.url)));
  const cpuBefore = cpuMs(server.child.pid!);
  graphqlErrors = 0;
  const result = await load(duration);
  const cpu = cpuMs(server.child.pid!) - cpuBefore;
  const statementsAfter = await Promise.all(regionProcs.map((p) => sqlStatements(p.url)));
  const sql = statementsAfter.reduce((n, v, i) => n + v - statementsBefore[i], 0);
  const requests = result.requests.total;
  if (s.rotation) {
    // Every acknowledged registration must be there; requests cut off when the run stops may
    // or may not have been done, so sent is only an upper bound (warm-up included in all three).
    const registered = await denHaagOfferings() - offeringsBefore;
    const verdict = registered >= acknowledged ? 'none lost' : `${acknowledged - registered} ACKNOWLEDGED WRITES LOST`;
    writesChecked += `${writesChecked ? '; ' : ''}${registered} offerings registered, ${acknowledged} acknowledged, ${Math.ceil(turn / 2)} sent (${verdict})`;
  }
  console.log(`${s.id.padEnd(8)} ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  ${s.title}`);
  return { s, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuPerReq: cpu / requests, sqlPerReq: sql / requests, non2xx: result.non2xx + result.errors + graphqlErrors, requests };
}

/**
 * Rounds: every scenario once per round, so slow drifts of the machine (other tenants, CPU
 * clocks) hit all scenarios alike; each figure is the median over the rounds.
 */
for (const s of selected) await check(s);
const byScenario = new Map<string, Row[]>(selected.map((s) => [s.id, []]));
for (let round = 1; round <= rounds; round++) {
  console.log(`round ${round} of ${rounds}`);
  for (const s of selected) byScenario.get(s.id)!.push(await measure(s));
}
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const rows: Row[] = selected.map((s) => {
  const runs = byScenario.get(s.id)!;
  const pick = (f: (r: Row) => number) => median(runs.map(f));
  return { s, rps: pick((r) => r.rps), p50: pick((r) => r.p50), p99: pick((r) => r.p99), cpuPerReq: pick((r) => r.cpuPerReq),
    sqlPerReq: pick((r) => r.sqlPerReq), non2xx: runs.reduce((n, r) => n + r.non2xx, 0), requests: runs.reduce((n, r) => n + r.requests, 0) };
});

const rss = Object.fromEntries(Object.entries(servers).map(([k, p]) => [k, peakRssMb(p.child.pid!)]));
await stopAll();

// The report: every figure from this run.
const a = rows.find((r) => r.s.id === 'a')?.rps;
const b = rows.find((r) => r.s.id === 'b')?.rps;
const ratio = (v: number, base?: number) => (base ? (v / base).toFixed(2) : '–');
const commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
const dirty = execSync('git status --porcelain', { cwd: ROOT }).toString().trim() ? ' (with uncommitted changes)' : '';
const pgVersion = flags.storage === 'postgres'
  ? await (async () => { const c = postgres(flags['pg-url']!, { max: 1 }); try { return (await c`show server_version`)[0].server_version as string; } finally { await c.end(); } })()
  : 'PGlite';
const table = [
  '| scenario | req/s | p50 ms | p99 ms | × (a) | × (b) | front CPU ms/req | SQL stmts/req | failed |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.s.id}: ${r.s.title} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${ratio(r.rps, a)} | ${ratio(r.rps, b)} | ${r.cpuPerReq.toFixed(2)} | ${r.sqlPerReq.toFixed(2)} | ${r.non2xx} |`),
];
const report = `# Benchmark results

Generated by \`npm run bench\` (${process.argv.slice(2).join(' ') || 'defaults'}) at ${new Date().toISOString()}, commit ${commit}${dirty}.
Every figure below comes from this one run; nothing is copied from an earlier run.

- Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}, Node ${process.version}
- Storage: ${flags.storage} (${pgVersion}); dataset: ${large ? '100,000 enterprises per owner' : 'demo (150–170 enterprises, ~1,100 offerings per owner)'}
- Load: autocannon, ${connections} connections; ${rounds} rounds, each running every scenario for ${warmup} s warm-up then ${duration} s; each figure is the median over the rounds; ${pinning}
- "front CPU" is the CPU time of the server the load hits (the owner in a, the gateway otherwise) per request;
  "SQL stmts" counts statements of all owners' databases per request; "failed": non-2xx, socket errors and answers with GraphQL errors.

${table.join('\n')}

Peak RSS (MB): ${Object.entries(rss).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}.
${writesChecked ? `\nWrites (g), per round: ${writesChecked}.\n` : ''}`;
writeFileSync(join(ROOT, 'bench', large ? 'RESULTS-large.md' : 'RESULTS.md'), report);
console.log(`\n${report}`);
