import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityHeavyQuery, joinQuery } from '../../bench/scenarios.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/**
 * The statements behind bench scenarios e and f are counted, not timed: they must not grow
 * with the number of rows a page returns (DataLoader batches, the catalog answers from memory).
 */
let hub: TestHub;
beforeAll(async () => { hub = await startTestHub({ demoEnterprises: 60 }); });
afterAll(async () => { await hub?.stop(); });

async function statementsFor(query: string): Promise<{ owners: number; catalog: number; rows: number }> {
  const owners = () => [...hub.regions.values()].reduce((n, r) => n + r.database.statements(), 0);
  const [ownersBefore, catalogBefore] = [owners(), hub.catalog.database.statements()];
  const res = await hub.query(query);
  expect(res.errors).toBeUndefined();
  const list = Object.values(res.data as Record<string, { nodes: unknown[] }>)[0].nodes;
  return { owners: owners() - ownersBefore, catalog: hub.catalog.database.statements() - catalogBefore, rows: list.length };
}

describe('SQL statements of the benchmark scenarios', () => {
  it('e (offerings joined with catalog entities): the same for 5 and 50 rows', async () => {
    // One owner: the page. The catalog: none.
    expect(await statementsFor(joinQuery(5))).toEqual({ owners: 1, catalog: 0, rows: 5 });
    expect(await statementsFor(joinQuery(50))).toEqual({ owners: 1, catalog: 0, rows: 50 });
  });

  it('f (enterprises with offerings and categories): the same for 5 and 50 rows', async () => {
    // Per owner, in two phases: the page of keys; the picked enterprises by id and one batch of offerings.
    expect(await statementsFor(entityHeavyQuery(5))).toEqual({ owners: 9, catalog: 0, rows: 5 });
    expect(await statementsFor(entityHeavyQuery(50))).toEqual({ owners: 9, catalog: 0, rows: 50 });
  });
});
