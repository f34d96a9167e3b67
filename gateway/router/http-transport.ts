import { Agent, request } from 'undici';
import type { OwnerTransport, SubgraphRequest, SubgraphResponse } from './transport.ts';

export interface HttpTransportOptions {
  /** Service name (owner code, or `catalog`) → its GraphQL URL. */
  urls: ReadonlyMap<string, string>;
  /** Sockets per service. */
  connections?: number;
  /** Below the services' keep-alive timeout (65 s), so the client closes idle sockets first. */
  idleTimeoutMs?: number;
  /** Headers for each request (e.g. the signed identity), from the host's context. */
  headers?: (service: string, body: string, context: unknown) => Record<string, string>;
}

/**
 * Keep-alive HTTP to the services, one bounded socket pool per origin (undici). A service
 * that answers with something other than a GraphQL response is an error, not data.
 */
export function httpTransport(options: HttpTransportOptions): OwnerTransport & { close(): Promise<void> } {
  const agent = new Agent({
    connections: options.connections ?? 64,
    keepAliveTimeout: options.idleTimeoutMs ?? 30_000,
    keepAliveMaxTimeout: options.idleTimeoutMs ?? 30_000,
  });
  return {
    async send(service: string, req: SubgraphRequest, { signal, context }): Promise<SubgraphResponse> {
      const url = options.urls.get(service);
      if (!url) throw new Error(`no URL configured for ${service}`);
      const body = JSON.stringify(req);
      const res = await request(url, {
        method: 'POST',
        dispatcher: agent,
        signal,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...options.headers?.(service, body, context),
        },
        body,
      });
      const text = await res.body.text();
      let parsed: SubgraphResponse;
      try { parsed = JSON.parse(text) as SubgraphResponse; } catch {
        throw new Error(`HTTP ${res.statusCode} without a GraphQL body`);
      }
      if (res.statusCode >= 500 || (parsed.data === undefined && !parsed.errors)) throw new Error(`HTTP ${res.statusCode}`);
      return parsed;
    },
    close: () => agent.close(),
  };
}
