import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { dedupeEntities } from './entity-dedupe.ts';
import type { OwnerRouter } from './owner-router.ts';
import type { OwnerTransport } from './transport.ts';

/**
 * The thin adapter between @apollo/gateway and the host-free router core: the gateway's
 * `buildService` gets this for the `region` subgraph, so every fetch the planner makes to
 * the regional contract goes through the owner router.
 */
export class OwnerRouterDataSource implements GraphQLDataSource {
  constructor(private readonly router: OwnerRouter) {}

  async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    return (await this.router.execute(
      { query: request.query!, variables: request.variables, operationName: request.operationName },
      options.context,
    )) as GatewayGraphQLResponse;
  }
}

/** A plain subgraph (the catalog) over the same keep-alive transport and deadline. */
export class ServiceDataSource implements GraphQLDataSource {
  constructor(private readonly name: string, private readonly transport: OwnerTransport, private readonly timeoutMs: number) {}

  async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const signal = AbortSignal.timeout(this.timeoutMs);
    const deduped = dedupeEntities({ query: request.query!, variables: request.variables, operationName: request.operationName });
    return deduped.expand(await this.transport.send(this.name, deduped.request, { signal, context: options.context })) as GatewayGraphQLResponse;
  }
}
