import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { formatError } from '../lib/apollo-options.ts';
import { serveGraphQL, type Served } from '../lib/http/serve.ts';
import { once } from '../lib/once.ts';
import { readSchemaFile, SUPERGRAPH_FILE } from './compose.ts';
import { OwnerRouterDataSource, ServiceDataSource } from './router/apollo-data-source.ts';
import { httpTransport } from './router/http-transport.ts';
import { OwnerRouter } from './router/owner-router.ts';
import { buildRoutingTable } from './router/routing-table.ts';

export interface GatewayOptions {
  port: number;
  host?: string;
  catalogUrl: string;
  /** Every owner this hub routes to, with its regional service's GraphQL URL. */
  owners: readonly { code: string; url: string }[];
  /** Per-owner deadline for one subgraph request. */
  ownerTimeoutMs?: number;
}

export interface Gateway extends Served {
  router: OwnerRouter;
  stop(): Promise<void>;
}

async function reachable(url: string): Promise<boolean> {
  try {
    const res = await fetch(url.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** The one graph: @apollo/gateway on the checked-in supergraph, with the owner router for `region`. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const timeoutMs = options.ownerTimeoutMs ?? 5000;
  // Refuses to start when a root field of the regional contract has no routing rule.
  const table = buildRoutingTable(readSchemaFile('region.graphql'));
  const transport = httpTransport({
    urls: new Map([['catalog', options.catalogUrl], ...options.owners.map((o) => [o.code, o.url] as [string, string])]),
  });
  const router = new OwnerRouter({ table, owners: options.owners.map((o) => o.code), transport, timeoutMs });
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    buildService: ({ name }) => {
      if (name === 'region') return new OwnerRouterDataSource(router);
      if (name === 'catalog') return new ServiceDataSource('catalog', transport, timeoutMs);
      throw new Error(`the supergraph names an unknown subgraph "${name}"`);
    },
  });
  const apollo = new ApolloServer({ gateway, formatError, includeStacktraceInErrorResponses: false });
  await apollo.start();
  const served = await serveGraphQL({
    apollo,
    port: options.port,
    host: options.host,
    context: async () => ({}),
    health: async () => {
      const checks = await Promise.all([
        ['catalog', options.catalogUrl] as const,
        ...options.owners.map((o) => [o.code, o.url] as const),
      ].map(async ([name, url]) => [name, await reachable(url)] as const));
      return Object.fromEntries(checks);
    },
  });
  return {
    ...served,
    router,
    stop: once(async () => {
      await served.close();
      await apollo.stop();
      await transport.close();
    }),
  };
}
