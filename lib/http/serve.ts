import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/**
 * A small Node HTTP host for an Apollo Server (its documented integration API), with the
 * routes every service has: `/graphql` and `/health`. No framework: fewer layers per request.
 */
export interface ServeOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: (req: IncomingMessage) => Promise<TContext>;
  port: number;
  host?: string;
  /** Readiness: resolves to named checks; any false makes /health answer 503. */
  health?: () => Promise<Record<string, boolean>>;
  maxBodyBytes?: number;
}

export interface Served {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) { reject(new BodyTooLarge()); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export async function serveGraphQL<TContext extends BaseContext>(options: ServeOptions<TContext>): Promise<Served> {
  const { apollo, maxBodyBytes = 1_000_000 } = options;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/health') {
        const checks = options.health ? await options.health() : {};
        const ok = Object.values(checks).every(Boolean);
        sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', checks });
        return;
      }
      if (url.pathname !== '/graphql') { sendJson(res, 404, { error: 'not found: use /graphql' }); return; }
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      }
      let body: unknown;
      if (req.method === 'POST') {
        const text = await readBody(req, maxBodyBytes);
        try { body = text ? JSON.parse(text) : undefined; } catch {
          sendJson(res, 400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
          return;
        }
      }
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: () => options.context(req),
      });
      for (const [k, v] of result.headers) res.setHeader(k, v);
      res.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') { res.end(result.body.string); return; }
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (e) {
      if (e instanceof BodyTooLarge) { sendJson(res, 413, { errors: [{ message: `Request body larger than ${maxBodyBytes} bytes.`, extensions: { code: 'BAD_REQUEST' } }] }); return; }
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
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
