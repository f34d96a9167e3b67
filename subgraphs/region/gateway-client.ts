import { request } from 'undici';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../lib/errors.ts';
import { SERVICE_HEADER, serviceIdentityOf, signRequest } from '../../lib/service-auth.ts';

/**
 * How a regional service reads another owner's rows at write time (DESIGN.md §2, mechanism 2):
 * through the gateway, as itself (a signed service identity), never from another database.
 */
export interface GatewayClient {
  query<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export interface GatewayClientOptions {
  /** The gateway's GraphQL URL; a function because the gateway may start after this service. */
  url: () => string | undefined;
  service: string;
  /** This service's own signing key (the same one the gateway signs its requests to it with). */
  key: Buffer;
  timeoutMs?: number;
}

export function gatewayClient(options: GatewayClientOptions): GatewayClient {
  const identity = serviceIdentityOf(options.service);
  return {
    async query<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const url = options.url();
      if (!url) throw new Error('this service has no gateway URL (GATEWAY_URL) to read other owners through');
      const body = JSON.stringify({ query, variables });
      const res = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SERVICE_HEADER]: options.service, ...signRequest(options.key, identity, body) },
        body,
        headersTimeout: options.timeoutMs ?? 5000,
        bodyTimeout: options.timeoutMs ?? 5000,
      });
      const json = await res.body.json() as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
      if (json.errors?.length || !json.data) {
        const e = json.errors?.[0];
        // Another owner down or refusing: the write cannot be checked, so it is not made.
        const code = e?.extensions?.code === ErrorCode.OWNER_UNAVAILABLE ? ErrorCode.OWNER_UNAVAILABLE : ErrorCode.BAD_USER_INPUT;
        throw new GraphQLError(`Could not check this through the hub: ${e?.message ?? `HTTP ${res.statusCode}`}`, {
          extensions: { code, upstreamCode: e?.extensions?.code ?? null },
        });
      }
      return json.data;
    },
  };
}
