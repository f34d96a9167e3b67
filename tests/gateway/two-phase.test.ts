import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countServiceRequests, extraGateway, startTestHub, type TestHub } from '../helpers/hub.ts';

/**
 * Heavy fan-out pages are fetched keys first, bodies second (gateway/router/two-phase.ts).
 * The answers must be exactly those of the one-phase router, page after page.
 */
let hub: TestHub;
let onePhase: Awaited<ReturnType<typeof extraGateway>>;
beforeAll(async () => {
  hub = await startTestHub({ demoEnterprises: 30 });
  onePhase = await extraGateway(hub, {}, 5000, { twoPhase: false });
});
afterAll(async () => { await onePhase?.gateway.stop(); await hub?.stop(); });

const HEAVY_NODES = `query($after: String) { socialEnterprises(first: 7, orderBy: NAME_DESC, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { __typename id name recognitions { scheme validFrom } offerings { name price { amount } category { name } } }
} }`;
const HEAVY_EDGES = `query($after: String) { offerings(first: 9, after: $after) {
  pageInfo { hasNextPage endCursor }
  edges { cursor __typename node { id name enterprise { name municipality { name } } } }
} }`;

async function allPages(query: (q: string, v: Record<string, unknown>) => Promise<any>, text: string) {
  const pages = [];
  let after: string | null = null;
  for (let i = 0; i < 6; i++) {
    const res = await query(text, { after });
    pages.push(res);
    const conn = Object.values(res.data)[0] as { pageInfo: { endCursor: string } };
    after = conn.pageInfo.endCursor;
  }
  return pages;
}

describe('two-phase fan-out pages', () => {
  it('give the same pages as one phase, for nodes and for edges', async () => {
    const requests = countServiceRequests(hub);
    for (const text of [HEAVY_NODES, HEAVY_EDGES]) {
      // A first page: three owners and the catalog in one phase; three more for the bodies.
      let before = requests();
      await onePhase.query(text, { after: null });
      expect(requests() - before).toBe(4);
      before = requests();
      await hub.query(text, { after: null });
      expect(requests() - before).toBe(7);

      const twoPhase = await allPages(hub.query, text);
      expect(twoPhase.every((p) => p.errors === undefined)).toBe(true);
      expect(twoPhase).toEqual(await allPages(onePhase.query, text));
    }
  });

  it('an owner that fails between the phases is missing, and the page stops before its first row', async () => {
    const rotterdam = hub.regions.get('rotterdam')!;
    // A proxy in front of Rotterdam that answers the key phase and refuses the bodies.
    const proxy: Server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      if (body.toString().includes('_entities')) { res.writeHead(502).end('bad gateway'); return; }
      const upstream = await request(rotterdam.url, { method: 'POST', headers: req.headers as Record<string, string>, body });
      res.writeHead(upstream.statusCode, { 'content-type': 'application/json' }).end(Buffer.from(await upstream.body.arrayBuffer()));
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const flaky = await extraGateway(hub, {}, 5000, { ownerUrls: { rotterdam: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql` } });
    try {
      const full = await hub.query(HEAVY_NODES.replace('first: 7', 'first: 20'), {});
      const ids: string[] = full.data.socialEnterprises.nodes.map((n: { id: string }) => n.id);
      const firstRotterdam = ids.findIndex((id) => id.startsWith('rotterdam:'));
      expect(firstRotterdam).toBeGreaterThan(0);
      const res = await flaky.query(`{ socialEnterprises(first: 20, orderBy: NAME_DESC) { missingOwners pageInfo { hasNextPage endCursor } nodes { id offerings { name } } } }`);
      expect(res.data.socialEnterprises.missingOwners).toEqual(['rotterdam']);
      expect(res.data.socialEnterprises.nodes.map((n: { id: string }) => n.id)).toEqual(ids.slice(0, firstRotterdam));
      expect(res.data.socialEnterprises.pageInfo.hasNextPage).toBe(true);
      expect(res.errors).toEqual([expect.objectContaining({ path: ['socialEnterprises'], extensions: expect.objectContaining({ code: 'OWNER_UNAVAILABLE', owner: 'rotterdam' }) })]);
    } finally {
      await flaky.gateway.stop();
      await new Promise((r) => proxy.close(r));
    }
  });
});
