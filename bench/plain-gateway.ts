/**
 * The peer baseline (bench scenario b): a plain @apollo/gateway on the same supergraph, with
 * ONE owner's service as the `region` subgraph (no owner router). Requests are signed the way
 * our services require, so both gateways pay for the same HMAC.
 *   PORT, CATALOG_URL, REGION_URL, REGION_OWNER, HUB_SIGNING_SECRET, CLIENT=default|keepalive
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Agent, fetch as undiciFetch } from 'undici';
import { SUPERGRAPH_FILE } from '../lib/schema-files.ts';
import { ANONYMOUS } from '../lib/identity.ts';
import { serviceKey, signRequest } from '../lib/service-auth.ts';

const env = process.env;
const secret = Buffer.from(env.HUB_SIGNING_SECRET!, 'base64url');
const sameClientAsHub = env.CLIENT === 'keepalive';
const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 30_000 });

/** Signs the exact body the data source sends, inside its fetcher (default or keep-alive). */
function signedDataSource(url: string, key: Buffer): RemoteGraphQLDataSource {
  const base = new RemoteGraphQLDataSource({ url });
  const inner = sameClientAsHub
    ? (input: string, init: { headers: Record<string, string>; body: string }) => undiciFetch(input, { ...init, dispatcher: agent })
    : base.fetcher.bind(base) as unknown as (input: string, init: { headers: Record<string, string>; body: string }) => Promise<unknown>;
  const fetcher = (input: string, init: { headers: Record<string, string>; body: string }) =>
    inner(input, { ...init, headers: { ...init.headers, ...signRequest(key, ANONYMOUS, init.body) } });
  return new RemoteGraphQLDataSource({ url, fetcher: fetcher as never });
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
  buildService: ({ name }) => {
    const regionKey = serviceKey(secret, env.REGION_OWNER!);
    if (name === 'region') return signedDataSource(env.REGION_URL!, regionKey);
    if (name === 'region-links') return signedDataSource(env.REGION_URL!.replace(/\/graphql$/, '/links/graphql'), regionKey);
    return signedDataSource(env.CATALOG_URL!, serviceKey(secret, 'catalog'));
  },
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { port: Number(env.PORT), host: '127.0.0.1' } });
console.log(`plain gateway (${sameClientAsHub ? 'keep-alive client' : 'default client'}) listening on ${url}`);
