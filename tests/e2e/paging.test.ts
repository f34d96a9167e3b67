import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { socialEnterprise } from '../../drizzle/region/schema.ts';
import { startTestHub, type GraphQLResult, type TestHub } from '../helpers/hub.ts';
import { storageKinds, testDatabases } from '../helpers/databases.ts';
import { enterpriseRows, postgresOrder } from '../helpers/oracle.ts';

describe.each(storageKinds)('paging the merged list on %s', (kind) => {
let hub: TestHub;
const dbs = testDatabases(kind);
beforeAll(async () => { hub = await startTestHub({ storage: (service) => dbs.create(service) }); });
afterAll(async () => {
  await hub?.stop();
  await dbs.dropAll();
});

const PAGE = `query Page($first: Int, $after: String, $orderBy: SocialEnterpriseOrder, $filter: SocialEnterpriseFilter) {
  socialEnterprises(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
    edges { cursor node { id name } }
    pageInfo { hasNextPage endCursor }
    totalCount
    missingOwners
  }
}`;

interface PageResult {
  socialEnterprises: {
    edges: { cursor: string; node: { id: string; name: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
    missingOwners: string[];
  };
}

async function pageThrough(variables: Record<string, unknown>, between?: (page: number) => Promise<void>) {
  const ids: string[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const res: GraphQLResult<PageResult> = await hub.query<PageResult>(PAGE, { ...variables, first: 20, after });
    expect(res.errors).toBeUndefined();
    const conn: PageResult["socialEnterprises"] = res.data!.socialEnterprises;
    expect(conn.missingOwners).toEqual([]);
    ids.push(...conn.edges.map((e) => e.node.id));
    totals.push(conn.totalCount);
    if (!conn.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor;
    await between?.(page);
  }
  return { ids, totals };
}

const ORDERS: [string, string][] = [
  ['NAME_ASC', 'name_key, id'],
  ['NAME_DESC', 'name_key desc, id'],
  ['STAFF_WITH_DISTANCE_DESC', 'staff desc, id'],
  ['CREATED_AT_DESC', 'created_at desc, id'],
];

describe('socialEnterprises fanned out over every owner', () => {
  it.each(ORDERS)('pages through all owners exactly once in %s, the order Postgres gives one table', async (orderBy, sqlOrder) => {
    const rows = await enterpriseRows(hub.regions.values());
    const { ids, totals } = await pageThrough({ orderBy });
    expect(new Set(rows.map((r) => r.id.split(':')[0]))).toEqual(new Set(['den-haag', 'rotterdam', 'haaglanden-zhc']));
    expect(ids).toEqual(await postgresOrder(rows, sqlOrder));
    expect(new Set(totals)).toEqual(new Set([rows.length]));
  });

  it('sorts names with diacritics and cross-owner ties as Postgres does', async () => {
    const res = await hub.query<PageResult>(PAGE, { first: 100, filter: { query: 'café' } });
    const names = res.data!.socialEnterprises.edges.map((e) => e.node.name);
    expect(names.length).toBeGreaterThan(0);
    const ties = await hub.query<PageResult>(PAGE, { first: 100, filter: { query: '"café de brug"' } });
    const owners = ties.data!.socialEnterprises.edges.filter((e) => e.node.name === 'Café De Brug').map((e) => e.node.id.split(':')[0]);
    // One per owner, broken by the global ID (owner prefix) bytewise.
    expect(owners).toEqual(['den-haag', 'haaglanden-zhc', 'rotterdam']);
  });

  it('pages with a filter: same rows and order as Postgres, totals summed over owners', async () => {
    const municipalities = ['GM0518', 'GM0503', 'GM0599'];
    const rows = await enterpriseRows(hub.regions.values(), sql`${socialEnterprise.municipalityCode} in ('GM0518', 'GM0503', 'GM0599')`);
    const { ids, totals } = await pageThrough({ orderBy: 'NAME_ASC', filter: { municipalities } });
    expect(ids).toEqual(await postgresOrder(rows, 'name_key, id'));
    expect(totals[0]).toBe(rows.length);
  });

  it('rows written between two page requests never duplicate or skip a row that was there before', async () => {
    const before = await enterpriseRows(hub.regions.values());
    const expected = await postgresOrder(before, 'name_key, id');
    const names = ['Aaa Eerste Werkplaats', 'Café De Brug', 'Zzz Laatste Atelier', 'Middelweg Sociaal'];
    let n = 0;
    const { ids } = await pageThrough({ orderBy: 'NAME_ASC' }, async (page) => {
      if (page % 3 !== 0) return;
      for (const owner of ['den-haag', 'rotterdam']) {
        const res = await hub.asStaff(`mutation($input: RegisterSocialEnterpriseInput!) { registerSocialEnterprise(input: $input) { id } }`, {
          input: {
            owner, name: names[n % names.length], kvkNumber: String(40000000 + n), legalForm: 'BV',
            municipality: owner === 'den-haag' ? 'GM0518' : 'GM0599', postcode4: owner === 'den-haag' ? '2511' : '3011',
            description: 'Tussendoor geregistreerd tijdens het bladeren.', staffTotal: 10, staffWithDistance: 4,
          },
        });
        expect(res.errors).toBeUndefined();
        n++;
      }
    });
    const preExisting = new Set(expected);
    expect(ids.filter((id) => preExisting.has(id))).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
    expect(n).toBeGreaterThan(0);
  });

  it('rejects a page size above 100 and a foreign cursor with BAD_USER_INPUT, once', async () => {
    const big = await hub.query(PAGE, { first: 101 });
    expect(big.errors).toEqual([{ message: 'first must be between 0 and 100, got 101.', path: ['socialEnterprises'], extensions: { code: 'BAD_USER_INPUT', serviceName: 'region' } }]);
    expect(big.data).toEqual({ socialEnterprises: null });
    const bad = await hub.query(PAGE, { after: 'not-a-cursor' });
    expect(bad.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});
});
