import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../../gateway/server.ts';
import { postGraphQL, startTestHub, type TestHub } from '../helpers/hub.ts';

/** An owner that accepts requests and never answers until the test releases it. */
async function hangingOwner() {
  const held: ServerResponse[] = [];
  const server = createServer((_req: IncomingMessage, res: ServerResponse) => { held.push(res); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    pending: () => held.filter((r) => !r.writableEnded).length,
    async release() {
      for (const r of held) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

let hub: TestHub;
let hanging: Awaited<ReturnType<typeof hangingOwner>>;

beforeAll(async () => {
  hanging = await hangingOwner();
  hub = await startTestHub({ demoEnterprises: 12, ownerTimeoutMs: 400 });
});
afterAll(async () => {
  await hub?.stop();
  await hanging?.release();
});

describe('an owner that hangs or is down', () => {
  it('a hanging owner: the others answer, one OWNER_UNAVAILABLE names it, missingOwners lists it', async () => {
    const hub2 = await startTestHubWith(hanging.url);
    try {
      const res = await hub2.query(`{ socialEnterprises(first: 50) { nodes { id } totalCount missingOwners } }`);
      expect(hanging.pending()).toBeGreaterThan(0);
      expect(res.data.socialEnterprises.missingOwners).toEqual(['traag']);
      expect(res.data.socialEnterprises.totalCount).toBe(36);
      expect(new Set(res.data.socialEnterprises.nodes.map((n: { id: string }) => n.id.split(':')[0])))
        .toEqual(new Set(['den-haag', 'rotterdam', 'haaglanden-zhc']));
      expect(res.errors).toEqual([{
        message: 'Owner "traag" did not answer (timed out after 400 ms); the other owners\' data is complete.',
        path: ['socialEnterprises'],
        extensions: { code: 'OWNER_UNAVAILABLE', owner: 'traag', serviceName: 'region' },
      }]);
    } finally {
      await hub2.stop();
    }
  });

  it('a stopped owner: lookups of its IDs fail with OWNER_UNAVAILABLE, the rest still resolve', async () => {
    const dh = await hub.query(`{ socialEnterprises(first: 1, filter: { owner: "den-haag" }) { nodes { id } } }`);
    const rd = await hub.query(`{ socialEnterprises(first: 1, filter: { owner: "rotterdam" }) { nodes { id } } }`);
    const rotterdamId = rd.data.socialEnterprises.nodes[0].id;
    const denHaagId = dh.data.socialEnterprises.nodes[0].id;
    await hub.regions.get('rotterdam')!.stop();
    hub.regions.delete('rotterdam');
    const res = await hub.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id } list: socialEnterprises(first: 100) { totalCount missingOwners } }`, { ids: [rotterdamId, denHaagId] });
    expect(res.data).toEqual({ nodes: [null, { id: denHaagId }], list: { totalCount: 24, missingOwners: ['rotterdam'] } });
    expect(res.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.owner])).toEqual([
      [['nodes', 0], 'OWNER_UNAVAILABLE', 'rotterdam'],
      [['list'], 'OWNER_UNAVAILABLE', 'rotterdam'],
    ]);
  });
});

/** A second gateway over the same services plus the hanging owner. */
async function startTestHubWith(url: string) {
  const gateway = await startGateway({
    port: 0,
    catalogUrl: hub.catalog.url,
    owners: [...[...hub.regions.values()].map((r) => ({ code: r.owner.code, url: r.url })), { code: 'traag', url }],
    ownerTimeoutMs: 400,
    security: hub.keys.security,
  });
  return { query: (q: string) => postGraphQL<any>(gateway.url, q), stop: () => gateway.stop() };
}
