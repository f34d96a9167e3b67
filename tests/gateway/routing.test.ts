import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
beforeAll(async () => { hub = await startTestHub({ demoEnterprises: 40 }); });
afterAll(async () => { await hub?.stop(); });

async function firstIdsPerOwner(): Promise<Record<string, { id: string; name: string }>> {
  const out: Record<string, { id: string; name: string }> = {};
  for (const owner of ['den-haag', 'rotterdam', 'haaglanden-zhc']) {
    const res = await hub.query(`query($f: SocialEnterpriseFilter) { socialEnterprises(first: 1, filter: $f) { nodes { id name } } }`, { f: { owner } });
    out[owner] = res.data.socialEnterprises.nodes[0];
  }
  return out;
}

describe('routing by owner', () => {
  it('node(id) returns the object of the owner the ID names', async () => {
    const ids = await firstIdsPerOwner();
    for (const [owner, e] of Object.entries(ids)) {
      expect(e.id.startsWith(`${owner}:SocialEnterprise:`)).toBe(true);
      const res = await hub.query(`query($id: ID!) { node(id: $id) { id ... on SocialEnterprise { name owner { code name } } } }`, { id: e.id });
      expect(res).toEqual({ data: { node: { id: e.id, name: e.name, owner: { code: owner, name: expect.any(String) } } } });
    }
  });

  it('nodes(ids) keeps the order of mixed owners; a bad ID fails only its own item', async () => {
    const ids = await firstIdsPerOwner();
    const missing = 'rotterdam:SocialEnterprise:00000000-0000-4000-8000-000000000000';
    const asked = [ids.rotterdam.id, 'no-id', ids['den-haag'].id, 'atlantis:SocialEnterprise:00000000-0000-4000-8000-000000000000', ids['haaglanden-zhc'].id, missing, ids.rotterdam.id];
    const res = await hub.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: asked });
    expect(res.data).toEqual({ nodes: [
      { id: ids.rotterdam.id }, null, { id: ids['den-haag'].id }, null, { id: ids['haaglanden-zhc'].id }, null, { id: ids.rotterdam.id },
    ] });
    expect(res.errors).toEqual([
      { message: '"no-id" is not a valid ID (expected <owner>:<Type>:<uuid>).', path: ['nodes', 1], extensions: { code: 'BAD_USER_INPUT', serviceName: 'region' } },
      { message: 'No owner "atlantis" in this hub, so atlantis:SocialEnterprise:00000000-0000-4000-8000-000000000000 does not exist.', path: ['nodes', 3], extensions: { code: 'NOT_FOUND', owner: 'atlantis', serviceName: 'region' } },
    ]);
  });

  it('a malformed ID is BAD_USER_INPUT and an unknown owner NOT_FOUND, on that field only', async () => {
    const ids = await firstIdsPerOwner();
    const res = await hub.query(`query($good: ID!) {
      bad: node(id: "x") { id }
      gone: socialEnterprise(id: "nowhere:SocialEnterprise:00000000-0000-4000-8000-000000000000") { id }
      good: node(id: $good) { id }
    }`, { good: ids['den-haag'].id });
    expect(res.data).toEqual({ bad: null, gone: null, good: { id: ids['den-haag'].id } });
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['bad'], 'BAD_USER_INPUT'], [['gone'], 'NOT_FOUND']]);
  });

  it('offerings { category { name } } resolves the category from the catalog', async () => {
    const res = await hub.query(`{ offerings(first: 5) { nodes { id category { code name cpvCodes { code } } price { amount unit } enterprise { id } } } }`);
    expect(res.errors).toBeUndefined();
    for (const o of res.data.offerings.nodes) {
      expect(o.category.name).toEqual(expect.any(String));
      expect(o.category.cpvCodes.length).toBeGreaterThan(0);
      expect(o.enterprise.id.split(':')[0]).toBe(o.id.split(':')[0]);
    }
  });

  it('Region fields of the regional contract are routed by the region code', async () => {
    const res = await hub.query(`{ regions { code name socialEnterprises(first: 2) { nodes { id } totalCount } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.regions.map((r: { code: string }) => r.code)).toEqual(['den-haag', 'haaglanden-zhc', 'rotterdam']);
    for (const r of res.data.regions) {
      expect(r.socialEnterprises.totalCount).toBe(40);
      for (const n of r.socialEnterprises.nodes) expect(n.id.startsWith(`${r.code}:`)).toBe(true);
    }
  });

  it('several root fields in one operation (aliases, variables, a named fragment) equal asking each alone', async () => {
    const ids = await firstIdsPerOwner();
    const fragment = `fragment E on SocialEnterprise { id name municipality { code name } }`;
    const together = await hub.query(`query Both($id: ID!, $n: Int) {
      one: socialEnterprise(id: $id) { ...E }
      all: socialEnterprises(first: $n, orderBy: NAME_DESC) { nodes { ...E } pageInfo { hasNextPage } }
      dh: socialEnterprises(first: 3, filter: { owner: "den-haag" }) { edges { node { ...E } } }
    } ${fragment}`, { id: ids.rotterdam.id, n: 5 });
    const one = await hub.query(`query($id: ID!) { one: socialEnterprise(id: $id) { ...E } } ${fragment}`, { id: ids.rotterdam.id });
    const all = await hub.query(`query { all: socialEnterprises(first: 5, orderBy: NAME_DESC) { nodes { ...E } pageInfo { hasNextPage } } } ${fragment}`);
    const dh = await hub.query(`query { dh: socialEnterprises(first: 3, filter: { owner: "den-haag" }) { edges { node { ...E } } } } ${fragment}`);
    expect(together.errors).toBeUndefined();
    expect(together.data).toEqual({ ...one.data, ...all.data, ...dh.data });
  });

  it('the number of SQL statements does not grow with the page size (DataLoader, no N+1)', async () => {
    const count = () => [...hub.regions.values()].reduce((n, r) => n + r.database.statements(), 0);
    const run = async (first: number) => {
      const before = count();
      const res = await hub.query(`query($first: Int) { socialEnterprises(first: $first) { nodes { name recognitions { scheme } offerings { name category { name } } } } }`, { first });
      expect(res.errors).toBeUndefined();
      expect(res.data.socialEnterprises.nodes.length).toBe(first);
      return count() - before;
    };
    const small = await run(10);
    const large = await run(100);
    // Per owner, in two phases (gateway/router/two-phase.ts): the page of keys; then the
    // picked enterprises by id, the offerings batch and the recognitions batch.
    expect({ small, large }).toEqual({ small: 12, large: 12 });
  });

  it('mutations go to the owner the input names, and write nothing on bad input', async () => {
    const ok = await hub.asStaff(`mutation { registerSocialEnterprise(input: {
      owner: "rotterdam", name: "Fietsatelier Één", kvkNumber: "77777777", legalForm: STICHTING, municipality: "GM0599",
      postcode4: "3011", description: "Fietsreparatie door mensen met afstand tot de arbeidsmarkt.", staffTotal: 12, staffWithDistance: 9
    }) { id owner { code } shareWithDistance } }`);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.registerSocialEnterprise).toEqual({ id: expect.stringMatching(/^rotterdam:SocialEnterprise:/), owner: { code: 'rotterdam' }, shareWithDistance: '0.7500' });
    const wrong = await hub.asStaff(`mutation { registerSocialEnterprise(input: {
      owner: "rotterdam", name: "Verkeerde Gemeente", kvkNumber: "77777778", legalForm: BV, municipality: "GM0518",
      postcode4: "2511", description: "x", staffTotal: 2, staffWithDistance: 1 }) { id } }`);
    expect(wrong.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'municipality' } });
    const dup = await hub.asStaff(`mutation { registerSocialEnterprise(input: {
      owner: "rotterdam", name: "Dubbel", kvkNumber: "77777777", legalForm: BV, municipality: "GM0599",
      postcode4: "3011", description: "x", staffTotal: 2, staffWithDistance: 1 }) { id } }`);
    expect(dup.errors?.[0].extensions?.code).toBe('CONFLICT');
    const count = await hub.query(`{ socialEnterprises(filter: { owner: "rotterdam" }) { totalCount } }`);
    expect(count.data.socialEnterprises.totalCount).toBe(41);
  });

  it('a Decimal price round-trips exactly; a float is refused', async () => {
    const ids = await firstIdsPerOwner();
    const created = await hub.asStaff(`mutation($e: ID!) { registerOffering(input: {
      enterpriseId: $e, name: "Kantoorschoonmaak", description: "Dagelijkse schoonmaak", kind: SERVICE, category: "cleaning",
      cpvCode: "90919200-4", price: { amount: "9999999999.99", unit: PER_MONTH }, serviceArea: ["GM0518"], countsForSocialReturn: true
    }) { id price { amount unit } } }`, { e: ids['den-haag'].id });
    expect(created.errors).toBeUndefined();
    expect(created.data.registerOffering.price).toEqual({ amount: '9999999999.99', unit: 'PER_MONTH' });
    const id = created.data.registerOffering.id;
    const updated = await hub.asStaff(`mutation($id: ID!) { updateOffering(id: $id, input: { price: { amount: "0.10", unit: PER_HOUR } }) { price { amount } } }`, { id });
    expect(updated.data.updateOffering.price).toEqual({ amount: '0.10' });
    const read = await hub.query(`query($id: ID!) { offering(id: $id) { price { amount } } }`, { id });
    expect(read.data.offering.price).toEqual({ amount: '0.10' });
    const float = await hub.asStaff(`mutation($id: ID!) { updateOffering(id: $id, input: { price: { amount: 12.5, unit: PER_HOUR } }) { id } }`, { id });
    expect(float.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
