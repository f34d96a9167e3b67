import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../lib/paths.ts';
import { testSecurity, type TestSecurity } from '../helpers/security.ts';

/**
 * The hub as production runs it: each service its own process (scripts/start-service.ts) on
 * PostgreSQL, configured only by environment, JSON logs on stdout kept per service. The test
 * serves the JWT keys itself (JWKS_URL), so nothing is read from or written to `.data/`.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Polls `probe` until it gives a value; `failed` ends the wait early with its reason. */
export const until = async <T>(what: string, probe: () => Promise<T | undefined>, limitMs = 90_000, failed?: () => string | undefined): Promise<T> => {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const reason = failed?.();
    if (reason) throw new Error(reason);
    const got = await probe().catch(() => undefined);
    if (got !== undefined) return got;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

export async function readyStatus(url: string): Promise<number | undefined> {
  try {
    return (await fetch(url.replace(/\/graphql$/, '/ready'), { signal: AbortSignal.timeout(3000) })).status;
  } catch {
    return undefined;
  }
}

export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Every JSON log line of this service, across restarts. */
  logs: Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  start(): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function serviceProcess(name: string, port: number, env: NodeJS.ProcessEnv): ServiceProcess {
  const logs: Record<string, unknown>[] = [];
  const proc: ServiceProcess = {
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    logs,
    child: undefined as unknown as ChildProcess,
    exited: Promise.resolve({ code: null, signal: null }),
    async start() {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start-service.ts', name], {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: String(port), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let rest = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          try { logs.push(JSON.parse(line) as Record<string, unknown>); } catch { logs.push({ text: line }); }
        }
      });
      const stderr: string[] = [];
      child.stderr!.on('data', (c: Buffer) => stderr.push(c.toString()));
      proc.child = child;
      proc.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
      let gone = false;
      void proc.exited.then(() => { gone = true; });
      await until(`${name} ready`, async () => ((await readyStatus(proc.url)) === 200 ? true : undefined), 120_000,
        () => (gone ? `${name} exited while starting: ${JSON.stringify(logs.slice(-3))} ${stderr.join('')}` : undefined));
    },
    async kill(signal) {
      proc.child.kill(signal);
      return proc.exited;
    },
  };
  return proc;
}

/** A TCP proxy between one service and PostgreSQL that the test can cut and restore. */
export async function tcpProxy(target: { host: string; port: number }) {
  const open = new Set<Socket>();
  let cut = false;
  const server: Server = createServer((client) => {
    if (cut) { client.destroy(); return; }
    const upstream = createConnection(target);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as AddressInfo).port,
    /** Drops every connection and refuses new ones: to the service, the database is gone. */
    cut() {
      cut = true;
      for (const s of open) s.destroy();
    },
    restore() { cut = false; },
    close: () => new Promise<void>((r) => { for (const s of open) s.destroy(); server.close(() => r()); }),
  };
}

/** JWT keys served as a JWKS, the way the gateway reads them in production. */
export async function jwksServer(): Promise<{ keys: TestSecurity; url: string; apiKeysFile: string; close(): Promise<void> }> {
  const keys = await testSecurity();
  const pub = (keys.security.jwt.keys as { publicKey: unknown }).publicKey;
  const server: HttpServer = createHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [pub] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const dir = mkdtempSync(join(tmpdir(), 'srh-prod-'));
  const apiKeysFile = join(dir, 'api-keys.json');
  writeFileSync(apiKeysFile, JSON.stringify({ keys: [] }));
  return {
    keys,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`,
    apiKeysFile,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

export const signingSecret = () => randomBytes(32).toString('base64url');

/** Runs `npm run migrate` (scripts/migrate.ts) with these database URLs; resolves to its exit code. */
export function runMigrate(env: NodeJS.ProcessEnv, service?: string): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts', ...(service ? [service] : [])], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore',
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}
