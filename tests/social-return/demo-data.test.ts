import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_TODAY } from '../../subgraphs/region/seed/generate.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/** The demo's contracts: every owner, several years, every obligation and verification status. */
let hub: TestHub;
beforeAll(async () => { hub = await startTestHub({ demoEnterprises: 40 }); });
afterAll(async () => { await hub?.stop(); });

describe('social-return demo data', () => {
  it('has contracts of several years per owner in every status, valued as the API values them', async () => {
    for (const owner of ['den-haag', 'rotterdam', 'haaglanden-zhc']) {
      const res = await hub.asStaff(`query($o: ID!, $on: Date!) { contracts(first: 100, filter: { owner: $o }) { totalCount nodes {
        awardDate obligation { amount verified remaining status(on: $on) } realisations { status creditedAmount explanation } } } }`, { o: owner, on: DEFAULT_DEMO_TODAY });
      expect(res.errors).toBeUndefined();
      const nodes = res.data.contracts.nodes as { awardDate: string; obligation: { status: string } | null; realisations: { status: string; creditedAmount: string; explanation: string }[] }[];
      expect(nodes.length, owner).toBeGreaterThanOrEqual(30);
      expect(new Set(nodes.map((n) => n.awardDate.slice(0, 4))).size, owner).toBeGreaterThanOrEqual(8);
      expect(nodes.some((n) => n.obligation === null), `${owner}: a contract below the threshold`).toBe(true);
      expect(new Set(nodes.flatMap((n) => (n.obligation ? [n.obligation.status] : [])))).toEqual(new Set(['NOT_STARTED', 'ON_TRACK', 'AT_RISK', 'FULFILLED', 'OVERDUE']));
      const realisations = nodes.flatMap((n) => n.realisations);
      expect(new Set(realisations.map((r) => r.status))).toEqual(new Set(['SUBMITTED', 'VERIFIED', 'REJECTED']));
      for (const r of realisations) expect(r.explanation.endsWith(`= ${r.creditedAmount}`) || r.explanation === `actual costs ${r.creditedAmount}`).toBe(true);
    }
  });
});
