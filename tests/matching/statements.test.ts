import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/** No N+1: the SQL statements of a matching request do not grow with the rows returned. */
let hub: TestHub;
let vacancyId: string;
beforeAll(async () => {
  hub = await startTestHub({ demoEnterprises: 12, demoContracts: 10 });
  vacancyId = (await hub.query(`{ vacancies(first: 1, filter: { owner: "den-haag" }) { nodes { id } } }`)).data.vacancies.nodes[0].id;
});
afterAll(async () => { await hub?.stop(); });

async function statementsFor(query: string, headers?: Record<string, string>, variables?: Record<string, unknown>) {
  const count = () => [...hub.regions.values()].reduce((n, r) => n + r.database.statements(), 0);
  const before = count();
  const res = await hub.query(query, variables, headers);
  expect(res.errors).toBeUndefined();
  const list = Object.values(res.data as Record<string, { nodes: unknown[] }>)[0].nodes;
  return { statements: count() - before, rows: list.length };
}

describe('SQL statements', () => {
  it('of a vacancy page: per owner one for the page and one for the bodies, for 2 and for 30 rows', async () => {
    // A nested selection (occupation label) makes the router fetch in two phases: keys from
    // every owner, then the bodies from the owners whose rows made the page.
    const page = (n: number) => `{ vacancies(first: ${n}) { nodes { id title occupation { label } municipality { code } } } }`;
    for (const n of [2, 30]) {
      const ownersIn = async () => new Set((await hub.query(page(n))).data.vacancies.nodes.map((v: { id: string }) => v.id.split(':')[0])).size;
      const owners = await ownersIn();
      expect(await statementsFor(page(n))).toEqual({ statements: 3 + owners, rows: n });
    }
  });

  it('of candidate matches: the same for 2 and for 30 rows', async () => {
    const headers = { authorization: `Bearer ${await hub.keys.token({ roles: ['wsp'], owners: ['den-haag'] })}` };
    const page = (n: number) => `query($v: ID!) { candidateMatches(vacancyId: $v, first: ${n}) { nodes { score factors { points } candidate { id occupations { label } languages { code } } } } }`;
    const small = await statementsFor(page(2), headers, { v: vacancyId });
    const large = await statementsFor(page(30), headers, { v: vacancyId });
    expect([small.rows, large.rows]).toEqual([2, 30]);
    // Per owner one read of its active candidates and one of the vacancy (the vacancy's owner
    // reads its own row; the two others ask it through the gateway): 3 × 2.
    expect(small.statements).toBe(large.statements);
    expect(large.statements).toBe(6);
  });
});
