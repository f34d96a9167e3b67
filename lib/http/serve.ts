import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import compression from 'compression';
import cors, { type CorsOptions } from 'cors';
import type { Identity } from '../identity.ts';
import { REQUEST_ID_HEADER, type Logger } from '../log.ts';
import type { ServiceMetrics } from '../metrics.ts';
import { HttpError } from './http-error.ts';

/**
 * A small Node HTTP host for an Apollo Server (its documented integration API), with what
 * every service has: `/graphql`, `/live` (the process answers), `/ready` (alias `/health`: its
 * dependencies answer and it is not shutting down), `/metrics`, a body limit, a request id
 * (`x-request-id`, taken from the caller or made here) on every log line, and three hooks
 * that run before GraphQL: CORS, authentication (which sees the raw body, for signatures)
 * and admission (rate limits). No framework: fewer layers per request.
 */
export interface ServeOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  authenticate: (req: IncomingMessage, body: string) => Promise<Identity>;
  context: (req: IncomingMessage, identity: Identity) => Promise<TContext>;
  port: number;
  host?: string;
  cors?: CorsOptions;
  /** Throws HttpError to refuse (e.g. 429). */
  admit?: (identity: Identity, req: IncomingMessage) => Promise<void>;
  /** Readiness: named checks; any false makes /ready answer 503 (`ready` overrides that rule). */
  health?: () => Promise<Record<string, boolean>>;
  /** Whether the checks mean ready; default: all of them pass. */
  ready?: (checks: Record<string, boolean>) => boolean;
  /** More GraphQL servers on other paths of the same port (a regional service's /links/graphql). */
  alsoAt?: Record<string, ApolloServer<TContext>>;
  /** Gzip/brotli responses of at least this many bytes for clients that accept it (the gateway). */
  compressAboveBytes?: number;
  /** Prometheus metrics served at /metrics; every request is counted in them. */
  metrics?: ServiceMetrics;
  log?: Logger;
  /** Plain HTTP pages under a path prefix (the gateway's IDE at /ide); no authentication: they serve no data. */
  pages?: Record<string, (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void> | void>;
  maxBodyBytes?: number;
}

export interface Served {
  server: Server;
  url: string;
  port: number;
  /**
   * Graceful: stops accepting, answers new requests on open connections with 503, lets
   * in-flight requests finish for up to `deadlineMs`, then cuts what is left.
   */
  close(deadlineMs?: number): Promise<void>;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The caller's request id when it is a sane one, else a new one; set on the request for the context. */
function requestId(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  return id;
}

/** The `extensions.code` of each error in a GraphQL response body (for the error metrics). */
function errorCodes(body: string): string[] {
  if (!body.includes('"errors"')) return [];
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    return (parsed.errors ?? []).map((e) => String(e.extensions?.code ?? 'UNKNOWN'));
  } catch {
    return [];
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new HttpError(413, 'BAD_REQUEST', `Request body larger than ${limit} bytes.`));
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

type Middleware = (req: never, res: never, next: (e?: unknown) => void) => void;

function runMiddleware(handler: Middleware, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => handler(req as never, res as never, (e?: unknown) => (e ? reject(e) : resolve())));
}

export async function serveGraphQL<TContext extends BaseContext>(options: ServeOptions<TContext>): Promise<Served> {
  const { apollo, maxBodyBytes = 1_000_000 } = options;
  const corsHandler = options.cors ? cors(options.cors) : undefined;
  const compress = options.compressAboveBytes !== undefined ? compression({ threshold: options.compressAboveBytes }) : undefined;
  let draining = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const started = process.hrtime.bigint();
    const reqId = requestId(req);
    const known = url.pathname === '/graphql' || options.alsoAt?.[url.pathname];
    const path = known ? url.pathname : 'other';
    let codes: string[] = [];
    inFlight += 1;
    res.setHeader(REQUEST_ID_HEADER, reqId);
    res.once('close', () => {
      inFlight -= 1;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (known) {
        options.metrics?.request(path, res.statusCode, seconds, codes);
        options.log?.info({ reqId, method: req.method, path, status: res.statusCode, ms: Math.round(seconds * 1000), ...(codes.length ? { errors: codes } : {}) }, 'request');
      }
      if (draining) {
        server.closeIdleConnections();
        if (inFlight === 0) drained?.();
      }
    });
    try {
      if (draining) res.setHeader('connection', 'close');
      if (url.pathname === '/live') { sendJson(res, 200, { status: 'ok' }); return; }
      if (corsHandler) {
        await runMiddleware(corsHandler, req, res);
        if (res.writableEnded) return; // a preflight was answered
      }
      if (url.pathname === '/ready' || url.pathname === '/health') {
        const checks = { ...(options.health ? await options.health() : {}), accepting: !draining };
        const ok = !draining && (options.ready ? options.ready(checks) : Object.values(checks).every(Boolean));
        sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', checks });
        return;
      }
      if (url.pathname === '/metrics' && options.metrics) {
        res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
        res.end(await options.metrics.registry.metrics());
        return;
      }
      const page = Object.entries(options.pages ?? {}).find(([prefix]) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`));
      if (page) { await page[1](req, res, url.pathname.slice(page[0].length)); return; }
      const target = url.pathname === '/graphql' ? apollo : options.alsoAt?.[url.pathname];
      if (!target) { sendJson(res, 404, { error: 'not found: use /graphql' }); return; }
      if (draining) throw new HttpError(503, 'SHUTTING_DOWN', 'This service is shutting down; retry on another instance.');
      if (compress) await runMiddleware(compress as Middleware, req, res);
      const text = req.method === 'POST' ? await readBody(req, maxBodyBytes) : '';
      const identity = await options.authenticate(req, text);
      await options.admit?.(identity, req);
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      }
      let body: unknown;
      if (text) {
        try { body = JSON.parse(text); } catch {
          // Apollo Server answers a body that is not JSON (e.g. text/plain) itself; keep the text.
          body = text;
        }
      }
      const result = await target.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: () => options.context(req, identity),
      });
      for (const [k, v] of result.headers) res.setHeader(k, v);
      if (draining) res.setHeader('connection', 'close');
      res.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        codes = errorCodes(result.body.string);
        res.end(result.body.string);
        return;
      }
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (e) {
      if (e instanceof HttpError) {
        codes = [e.code];
        sendJson(res, e.status, { errors: [{ message: e.message, extensions: { code: e.code } }] }, e.headers);
        return;
      }
      codes = ['INTERNAL_SERVER_ERROR'];
      options.log?.error({ reqId, err: e }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    }
  });
  // Longer than the gateway's idle socket timeout, so the gateway closes idle sockets first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://${options.host ?? '127.0.0.1'}:${port}/graphql`,
    async close(deadlineMs = 10_000) {
      if (draining) return;
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => { drained = resolve; }),
          new Promise<void>((resolve) => { timer = setTimeout(resolve, deadlineMs); }),
        ]);
        clearTimeout(timer);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
