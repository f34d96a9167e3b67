import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, type GraphQLResult } from '../helpers/hub.ts';
import { postgresUrl, testDatabases } from '../helpers/databases.ts';
import {
  freePort, jwksServer, readyStatus, runMigrate, serviceProcess, signingSecret, tcpProxy, until, type ServiceProcess,
} from './processes.ts';

/**
 * Fault injection on the hub as production runs it: five processes (catalog, three owners,
 * gateway) on PostgreSQL, each its own database. Rotterdam is killed mid-load, Den Haag is
 * killed and stopped during writes, and Haaglanden-ZHC reaches PostgreSQL through a TCP
 * proxy the test cuts and restores.
 */
const describeOnPostgres = postgresUrl ? describe : describe.skip;
const OWNERS = ['den-haag', 'rotterdam', 'haaglanden-zhc'] as const;
const ENTERPRISES_PER_OWNER = 4;
const LIST = `{ socialEnterprises(first: 100) { nodes { id } totalCount missingOwners } }`;

type List = { socialEnterprises: { nodes: { id: string }[]; totalCount: number; missingOwners: string[] } };

const databases = testDatabases('postgres');
const services = new Map<string, ServiceProcess>();
const urls = new Map<string, string>();
let gateway: ServiceProcess;
let proxy: Awaited<ReturnType<typeof tcpProxy>>;
let jwks: Awaited<ReturnType<typeof jwksServer>>;
let staffToken: string;

/** The value of the one series of this name with these labels (in any order) in a Prometheus text page. */
function value(page: string, name: string, labels: Record<string, string>): number | undefined {
  const line = page.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const ownersOf = (r: GraphQLResult<List>) => new Set(r.data!.socialEnterprises.nodes.map((n) => n.id.split(':')[0]));
const list = () => postGraphQL<List>(gateway.url, LIST);

describeOnPostgres('faults, with every service its own process on PostgreSQL', () => {
  beforeAll(async () => {
    jwks = await jwksServer();
    staffToken = await jwks.keys.token({ roles: ['municipality'], owners: ['den-haag'] });
    for (const name of ['catalog', ...OWNERS]) {
      const storage = await databases.create(name);
      urls.set(name, (storage as { url: string }).url);
    }
    // Haaglanden-ZHC reaches its database only through the proxy.
    const pg = new URL(postgresUrl!);
    proxy = await tcpProxy({ host: pg.hostname, port: Number(pg.port || 5432) });
    const viaProxy = new URL(urls.get('haaglanden-zhc')!);
    viaProxy.port = String(proxy.port);
    urls.set('haaglanden-zhc', viaProxy.toString());

    const secret = signingSecret();
    const ports = new Map(await Promise.all(['gateway', 'catalog', ...OWNERS].map(async (n) => [n, await freePort()] as const)));
    const gatewayUrl = `http://127.0.0.1:${ports.get('gateway')}/graphql`;
    const common = { NODE_ENV: 'production', HUB_SIGNING_SECRET: secret, SHUTDOWN_TIMEOUT_MS: '20000', GATEWAY_URL: gatewayUrl };

    // Production services refuse a database that `npm run migrate` has not brought up to date.
    const unmigrated = serviceProcess('catalog', ports.get('catalog')!, { ...common, DATABASE_URL: urls.get('catalog') });
    await expect(unmigrated.start()).rejects.toThrow(/exited while starting.*npm run migrate/);
    const migrateEnv = Object.fromEntries([...urls].map(([n, u]) => [`DATABASE_URL_${n.toUpperCase().replace(/-/g, '_')}`, u]));
    expect(await runMigrate(migrateEnv)).toBe(0);
    expect(await runMigrate(migrateEnv)).toBe(0); // re-running is harmless

    for (const name of ['catalog', ...OWNERS]) {
      services.set(name, serviceProcess(name, ports.get(name)!, {
        ...common, DATABASE_URL: urls.get(name), SEED_DEMO: 'true', DEMO_ENTERPRISES: String(ENTERPRISES_PER_OWNER),
      }));
    }
    await Promise.all([...services.values()].map((s) => s.start()));
    gateway = serviceProcess('gateway', ports.get('gateway')!, {
      ...common,
      CATALOG_URL: services.get('catalog')!.url,
      OWNER_URLS: OWNERS.map((o) => `${o}=${services.get(o)!.url}`).join(','),
      // Generous for a loaded CI machine; the breaker opens after two failures and retries soon.
      OWNER_TIMEOUT_MS: '8000',
      OWNER_BREAKER_FAILURES: '2',
      OWNER_BREAKER_COOLDOWN_MS: '300',
      JWKS_URL: jwks.url,
      API_KEYS_FILE: jwks.apiKeysFile,
      RATE_LIMIT_PER_MINUTE: 'off',
    });
    await gateway.start();
  }, 240_000);

  afterAll(async () => {
    await Promise.all([gateway, ...services.values()].filter(Boolean).map((s) => (s.child.exitCode === null && s.child.signalCode === null ? s.kill('SIGKILL') : undefined)));
    await proxy?.close();
    await jwks?.close();
    await databases.dropAll();
  }, 60_000);

  it('an owner killed mid-load: the others keep answering, errors name it, it is used again after its restart', async () => {
    const complete = await list();
    expect(complete.errors).toBeUndefined();
    expect(complete.data!.socialEnterprises.totalCount).toBe(3 * ENTERPRISES_PER_OWNER);

    // Readers keep querying while Rotterdam dies; each answer is complete or lacks only Rotterdam.
    const answers: GraphQLResult<List>[] = [];
    let reading = true;
    const readers = [0, 1].map(async () => {
      for (let i = 0; reading && i < 500; i += 1) answers.push(await list());
    });
    await until('a few answers under load', async () => (answers.length >= 4 ? true : undefined));
    const killed = await services.get('rotterdam')!.kill('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    const partial = await until('an answer without Rotterdam', async () => {
      const r = await list();
      return r.data?.socialEnterprises.missingOwners.length ? r : undefined;
    });
    reading = false;
    await Promise.all(readers);

    expect(partial.data!.socialEnterprises.missingOwners).toEqual(['rotterdam']);
    expect(partial.data!.socialEnterprises.totalCount).toBe(2 * ENTERPRISES_PER_OWNER);
    expect(ownersOf(partial)).toEqual(new Set(['den-haag', 'haaglanden-zhc']));
    expect(partial.errors!.map((e) => [e.extensions?.code, e.extensions?.owner, e.path])).toEqual([['OWNER_UNAVAILABLE', 'rotterdam', ['socialEnterprises']]]);
    for (const a of answers) {
      const missing = a.data!.socialEnterprises.missingOwners;
      expect(missing.length === 0 || (missing.length === 1 && missing[0] === 'rotterdam')).toBe(true);
      expect(a.data!.socialEnterprises.totalCount).toBe((3 - missing.length) * ENTERPRISES_PER_OWNER);
    }

    await services.get('rotterdam')!.start();
    const healed = await until('Rotterdam used again', async () => {
      const r = await list();
      return r.errors === undefined ? r : undefined;
    });
    expect(healed.data!.socialEnterprises).toMatchObject({ totalCount: 3 * ENTERPRISES_PER_OWNER, missingOwners: [] });
    expect(ownersOf(healed)).toEqual(new Set(OWNERS));
  }, 180_000);

  it('SIGKILL and SIGTERM during writes: every acknowledged write is there after the restart, none half-done', async () => {
    const denHaag = services.get('den-haag')!;
    const acknowledged: string[] = [];
    let n = 0;
    const register = () => postGraphQL<{ registerContract: { id: string } }>(gateway.url, `mutation($t: String!) { registerContract(input: {
      owner: "den-haag", buyer: "GM0518", contractor: { kvkNumber: "90004760", name: "Schoon & Co" }, title: $t, cpvCode: "90919200-4",
      valueExclVat: "1200000.00", periodStart: "2025-01-01", periodEnd: "2027-12-31", awardDate: "2024-11-15" }) { id } }`,
    { t: `Fault test ${(n += 1)}` }, { authorization: `Bearer ${staffToken}` });
    /** Three writers until the owner is gone (each bounded); only answers with an id count as acknowledged. */
    const writeUntilGone = (gone: () => boolean) => Promise.all([0, 1, 2].map(async () => {
      for (let i = 0; !gone() && i < 300; i += 1) {
        const r = await register().catch(() => undefined);
        const id = r?.data?.registerContract?.id;
        if (id) acknowledged.push(id.split(':')[2]);
      }
    }));

    for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
      let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
      const before = acknowledged.length;
      const writers = writeUntilGone(() => exited !== undefined);
      await until('writes acknowledged', async () => (acknowledged.length >= before + 6 ? true : undefined));
      exited = await denHaag.kill(signal);
      await writers;
      // SIGTERM is a clean stop: in-flight writes finish, then the process exits 0.
      expect(exited).toEqual(signal === 'SIGTERM' ? { code: 0, signal: null } : { code: null, signal: 'SIGKILL' });
      await denHaag.start();
    }

    const sql = postgres(urls.get('den-haag')!, { max: 1, onnotice: () => {} });
    try {
      const contracts = await sql<{ id: string }[]>`select id::text from contract where title like 'Fault test %'`;
      const audited = await sql<{ id: string }[]>`select entity_id::text as id from audit_log
        where action = 'registerContract' and detail->>'title' like 'Fault test %'`;
      const stored = new Set(contracts.map((c) => c.id));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      // A contract and its audit row are one transaction: never one without the other.
      expect(audited.map((a) => a.id).sort()).toEqual([...stored].sort());
    } finally {
      await sql.end();
    }
  }, 180_000);

  it('an owner whose database is cut off: the others are unaffected, and it recovers without a restart', async () => {
    const owner = services.get('haaglanden-zhc')!;
    const pid = owner.child.pid;
    proxy.cut();
    expect(await until('its readiness to fail', async () => ((await readyStatus(owner.url)) === 503 ? 503 : undefined))).toBe(503);
    const during = await list();
    expect(ownersOf(during)).toEqual(new Set(['den-haag', 'rotterdam']));
    expect(during.data!.socialEnterprises.missingOwners).toEqual(['haaglanden-zhc']);
    expect(during.errors!.length).toBeGreaterThan(0);
    expect(during.errors!.map((e) => [e.extensions?.owner, e.path])).toEqual(during.errors!.map(() => ['haaglanden-zhc', ['socialEnterprises']]));

    proxy.restore();
    const healed = await until('haaglanden-zhc answering again', async () => {
      const r = await list();
      return r.errors === undefined ? r : undefined;
    });
    expect(healed.data!.socialEnterprises).toMatchObject({ totalCount: 3 * ENTERPRISES_PER_OWNER, missingOwners: [] });
    expect(owner.child.pid).toBe(pid);
    expect(owner.child.exitCode).toBeNull();
    expect(await readyStatus(owner.url)).toBe(200);
  }, 180_000);

  it('metrics expose the listed series; one request id is in the gateway\'s and the owner\'s log lines', async () => {
    const reqId = `trace-${Date.now().toString(36)}`;
    const res = await postGraphQL<List>(gateway.url, `{ socialEnterprises(first: 1, filter: { owner: "rotterdam" }) { totalCount } }`, undefined, { 'x-request-id': reqId });
    expect(res).toEqual({ data: { socialEnterprises: { totalCount: ENTERPRISES_PER_OWNER } } });
    const lines = (s: ServiceProcess) => until(`${s.name} log line of ${reqId}`, async () => s.logs.find((l) => l.reqId === reqId));
    expect(await lines(gateway)).toMatchObject({ service: 'gateway', reqId, path: '/graphql', status: 200, msg: 'request' });
    expect(await lines(services.get('rotterdam')!)).toMatchObject({ service: 'rotterdam', reqId, path: '/graphql', status: 200, msg: 'request' });
    expect(services.get('den-haag')!.logs.some((l) => l.reqId === reqId)).toBe(false);

    const gatewayMetrics = await (await fetch(gateway.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(value(gatewayMetrics, 'hub_http_requests_total', { path: '/graphql', status: '200' })).toBeGreaterThan(0);
    expect(value(gatewayMetrics, 'hub_http_request_duration_seconds_count', { path: '/graphql' })).toBeGreaterThan(0);
    expect(value(gatewayMetrics, 'hub_graphql_errors_total', { code: 'OWNER_UNAVAILABLE' })).toBeGreaterThan(0);
    expect(value(gatewayMetrics, 'hub_owner_fetch_duration_seconds_count', { owner: 'den-haag', outcome: 'ok' })).toBeGreaterThan(0);
    expect(value(gatewayMetrics, 'hub_owner_fetch_failures_total', { owner: 'rotterdam', outcome: 'failed' })).toBeGreaterThan(0);
    expect(value(gatewayMetrics, 'hub_owner_circuit_open', { owner: 'rotterdam' })).toBe(0);
    const ownerMetrics = await (await fetch(services.get('den-haag')!.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(value(ownerMetrics, 'hub_db_pool_connections', { state: 'max' })).toBe(10);
    expect(value(ownerMetrics, 'hub_db_pool_connections', { state: 'active' })).toBeGreaterThan(0); // the scrape's own query
    expect(value(ownerMetrics, 'hub_sql_statements_total', {})).toBeGreaterThan(0);
    expect(value(ownerMetrics, 'hub_http_requests_total', { path: '/graphql', status: '200' })).toBeGreaterThan(0);
  }, 60_000);
});
