import type { GraphQLFormattedError } from 'graphql';

/** One GraphQL request as the router sends it to one owner. */
export interface SubgraphRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface SubgraphResponse {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * How the router reaches an owner. The core knows nothing of HTTP or of the gateway host;
 * `context` is whatever the host passes through (e.g. the caller's identity to sign).
 */
export interface OwnerTransport {
  send(owner: string, request: SubgraphRequest, options: { signal: AbortSignal; context?: unknown }): Promise<SubgraphResponse>;
}
