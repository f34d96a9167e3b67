import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extraGateway, startTestHub, type GraphQLResult, type TestHub } from '../helpers/hub.ts';
import { storageKinds, testDatabases } from '../helpers/databases.ts';

/** marketplaceStatistics: every owner's figures added up in the gateway, checked against the rows themselves. */
const ON = '2026-01-01';
const STATS = `query($g: [MarketplaceDimension!]!, $f: MarketplaceStatisticsFilter) { marketplaceStatistics(groupBy: $g, filter: $f) {
  complete missingOwners
  cells { owner municipality { code } category { code } recognition year enterprises offerings offeringsCountingForSocialReturn staffTotal staffWithDistance shareWithDistance } } }`;

interface Enterprise {
  owner: { code: string }; municipality: { code: string }; createdAt: string; staffTotal: number; staffWithDistance: number;
  recognitions: { scheme: string; validFrom: string; validUntil: string | null }[];
  offerings: { category: { code: string }; countsForSocialReturn: boolean }[];
}
type Dim = 'OWNER' | 'MUNICIPALITY' | 'CATEGORY' | 'RECOGNITION' | 'YEAR';
type Cell = Record<string, unknown>;

const yearIn = (iso: string) => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date(iso)));

/** The cells computed here from every enterprise read through the API: the oracle. */
function expectedCells(all: Enterprise[], groupBy: Dim[]): Cell[] {
  const cells = new Map<string, Cell>();
  for (const e of all) {
    const categories = groupBy.includes('CATEGORY') ? [...new Set(e.offerings.map((o) => o.category.code))] : [null];
    const schemes = groupBy.includes('RECOGNITION')
      ? [...new Set(e.recognitions.filter((r) => r.validFrom <= ON && (r.validUntil === null || r.validUntil >= ON)).map((r) => r.scheme))] : [null];
    for (const category of categories.length ? categories : [null]) {
      for (const recognition of schemes.length ? schemes : [null]) {
        const key = {
          owner: groupBy.includes('OWNER') ? e.owner.code : null,
          municipality: groupBy.includes('MUNICIPALITY') ? { code: e.municipality.code } : null,
          category: category === null ? null : { code: category },
          recognition,
          year: groupBy.includes('YEAR') ? yearIn(e.createdAt) : null,
        };
        const id = JSON.stringify(key);
        const cell = cells.get(id) ?? { ...key, enterprises: 0, offerings: 0, offeringsCountingForSocialReturn: 0, staffTotal: 0, staffWithDistance: 0 };
        const offerings = e.offerings.filter((o) => category === null || o.category.code === category);
        cell.enterprises = (cell.enterprises as number) + 1;
        cell.offerings = (cell.offerings as number) + offerings.length;
        cell.offeringsCountingForSocialReturn = (cell.offeringsCountingForSocialReturn as number) + offerings.filter((o) => o.countsForSocialReturn).length;
        cell.staffTotal = (cell.staffTotal as number) + e.staffTotal;
        cell.staffWithDistance = (cell.staffWithDistance as number) + e.staffWithDistance;
        cells.set(id, cell);
      }
    }
  }
  return [...cells.values()].map((c) => ({
    ...c,
    shareWithDistance: c.staffTotal ? (Math.round((c.staffWithDistance as number) * 10_000 / (c.staffTotal as number)) / 10_000).toFixed(4) : null,
  }));
}

const sorted = (cells: Cell[]) => [...cells].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

describe.each(storageKinds)('marketplaceStatistics on %s', (kind) => {
  let hub: TestHub;
  let all: Enterprise[] = [];
  const dbs = testDatabases(kind);
  beforeAll(async () => {
    hub = await startTestHub({ demoEnterprises: 25, demoContracts: 0, storage: (service) => dbs.create(service) });
    let after: string | null = null;
    for (;;) {
      const res: GraphQLResult<any> = await hub.query(`query($after: String) { socialEnterprises(first: 100, after: $after) { nodes {
        owner { code } municipality { code } createdAt staffTotal staffWithDistance recognitions { scheme validFrom validUntil }
        offerings { category { code } countsForSocialReturn } } pageInfo { hasNextPage endCursor } } }`, { after });
      all.push(...res.data.socialEnterprises.nodes);
      if (!res.data.socialEnterprises.pageInfo.hasNextPage) break;
      after = res.data.socialEnterprises.pageInfo.endCursor;
    }
  });
  afterAll(async () => {
    await hub?.stop();
    await dbs.dropAll();
  });

  const groupings: Dim[][] = [[], ['OWNER'], ['MUNICIPALITY', 'CATEGORY'], ['RECOGNITION'], ['OWNER', 'YEAR'], ['OWNER', 'MUNICIPALITY', 'CATEGORY', 'RECOGNITION', 'YEAR']];
  it.each(groupings.map((g) => [g.join(',') || '(total)', g] as const))('groups by %s exactly as the rows add up', async (_, groupBy) => {
    const res = await hub.query(STATS, { g: groupBy, f: { recognisedOn: ON } });
    expect(res.errors).toBeUndefined();
    expect(res.data.marketplaceStatistics.complete).toBe(true);
    expect(res.data.marketplaceStatistics.missingOwners).toEqual([]);
    expect(sorted(res.data.marketplaceStatistics.cells)).toEqual(sorted(expectedCells(all, groupBy)));
  });

  it('has data to group: three owners, several categories and schemes', () => {
    expect(new Set(all.map((e) => e.owner.code)).size).toBe(3);
    expect(new Set(all.flatMap((e) => e.offerings.map((o) => o.category.code))).size).toBeGreaterThan(3);
    expect(expectedCells(all, ['RECOGNITION']).length).toBeGreaterThan(2);
  });

  it('asks one owner when the filter names it; the owners add up to the whole', async () => {
    const perOwner = await Promise.all(['den-haag', 'rotterdam', 'haaglanden-zhc'].map(async (owner) => (await hub.query(STATS, { g: ['OWNER'], f: { owner, recognisedOn: ON } })).data.marketplaceStatistics.cells));
    expect(perOwner.map((cells) => cells.map((c: Cell) => c.owner))).toEqual([['den-haag'], ['rotterdam'], ['haaglanden-zhc']]);
    const total = (await hub.query(STATS, { g: [] })).data.marketplaceStatistics.cells[0];
    for (const f of ['enterprises', 'offerings', 'offeringsCountingForSocialReturn', 'staffTotal', 'staffWithDistance']) {
      expect([f, perOwner.flat().reduce((s: number, c: Cell) => s + (c[f] as number), 0)]).toEqual([f, total[f]]);
    }
  });

  it('says which owner did not answer, with the others\' figures', async () => {
    const partial = await extraGateway(hub, {}, 2000, { ownerUrls: { rotterdam: 'http://127.0.0.1:9/graphql' } });
    try {
      const res = await partial.query(STATS, { g: ['OWNER'], f: { recognisedOn: ON } });
      expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.owner])).toEqual([['OWNER_UNAVAILABLE', 'rotterdam']]);
      expect(res.data.marketplaceStatistics.complete).toBe(false);
      expect(res.data.marketplaceStatistics.missingOwners).toEqual(['rotterdam']);
      expect(sorted(res.data.marketplaceStatistics.cells)).toEqual(sorted(expectedCells(all.filter((e) => e.owner.code !== 'rotterdam'), ['OWNER'])));
    } finally {
      await partial.gateway.stop();
    }
  });

  it('refuses years out of range', async () => {
    const res = await hub.query(STATS, { g: ['YEAR'], f: { years: [1999] } });
    // Every owner checks its input; the router reports each refusal with its owner.
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field, e.extensions?.owner])).toEqual([
      ['BAD_USER_INPUT', 'years', 'den-haag'], ['BAD_USER_INPUT', 'years', 'haaglanden-zhc'], ['BAD_USER_INPUT', 'years', 'rotterdam']]);
    expect(res.data.marketplaceStatistics).toEqual({ complete: false, missingOwners: ['den-haag', 'haaglanden-zhc', 'rotterdam'], cells: [] });
  });
});
