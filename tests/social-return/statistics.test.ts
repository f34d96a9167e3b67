import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realisation } from '../../drizzle/region/schema.ts';
import { fromCents } from '../../lib/money.ts';
import { parseGlobalId } from '../../lib/global-id.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/** sroiStatistics: figures of every owner added up in the gateway, small counts suppressed in the merged cell. */
let hub: TestHub;
const contracts: Record<string, string> = {};

async function contract(owner: string, buyer: string, value: string) {
  const res = await hub.asStaff(`mutation($i: RegisterContractInput!) { registerContract(input: $i) { id } }`, { i: {
    owner, buyer, contractor: { kvkNumber: '90004760', name: 'Bouwbedrijf' }, title: 'Renovatie', cpvCode: '45000000-7',
    valueExclVat: value, periodStart: '2025-01-01', periodEnd: '2026-12-31', awardDate: '2024-12-01' } });
  return res.data.registerContract.id as string;
}

async function placed(contractId: string, n: number, hoursPerWeek: number) {
  for (let i = 0; i < n; i++) {
    const r = await hub.asStaff(`mutation($c: ID!, $h: Float!) { recordRealisation(input: { contractId: $c, route: "JOB", targetGroup: "WW",
      hoursPerWeek: $h, months: 12, startDate: "2025-03-01" }) { id } }`, { c: contractId, h: hoursPerWeek });
    await hub.asStaff(`mutation($id: ID!) { decideRealisation(id: $id, decision: VERIFIED) { status } }`, { id: r.data.recordRealisation.id });
  }
}

beforeAll(async () => {
  hub = await startTestHub({ demoEnterprises: 3, demoContracts: 0 });
  contracts['den-haag'] = await contract('den-haag', 'GM0518', '1000000.00'); // obligation 50,000
  contracts.rotterdam = await contract('rotterdam', 'GM0599', '4000000.00'); // obligation 200,000
  await placed(contracts['den-haag'], 3, 36); // 3 × 20,000 = 60,000: rate 1.2 on its own
  await placed(contracts.rotterdam, 4, 18); // 4 × 12,500 = 50,000: rate 0.25 on its own
});
afterAll(async () => { await hub?.stop(); });

const STATS = `query($g: [StatisticsDimension!]!, $f: StatisticsFilter) { sroiStatistics(groupBy: $g, filter: $f) {
  complete missingOwners cells { owner year municipality { code name } contracts obligationAmount verifiedCredit realisations peoplePlaced peoplePlacedSuppressed fulfilmentRate } } }`;

describe('sroiStatistics', () => {
  it('adds owners up exactly, recomputes the rate from the sums, and suppresses per merged cell', async () => {
    const total = await hub.query(STATS, { g: [] });
    expect(total.data.sroiStatistics).toEqual({ complete: true, missingOwners: [], cells: [{
      owner: null, year: null, municipality: null, contracts: 2, obligationAmount: '250000.00', verifiedCredit: '110000.00',
      // 7 people over two owners: shown, although each owner alone is below 5. 110,000 / 250,000, not the mean of 1.2 and 0.25.
      realisations: 7, peoplePlaced: 7, peoplePlacedSuppressed: false, fulfilmentRate: '0.4400',
    }] });
    const byOwner = await hub.query(STATS, { g: ['OWNER'] });
    expect(byOwner.data.sroiStatistics.cells.map((c: Record<string, unknown>) => [c.owner, c.verifiedCredit, c.peoplePlaced, c.peoplePlacedSuppressed, c.fulfilmentRate])).toEqual([
      // haaglanden-zhc has neither contracts nor realisations: no cell.
      ['den-haag', '60000.00', null, true, '1.2000'],
      ['rotterdam', '50000.00', null, true, '0.2500'],
    ]);
  });

  it('equals the sum of the per-owner results', async () => {
    const all = (await hub.query(STATS, { g: ['YEAR'] })).data.sroiStatistics.cells;
    const perOwner = await Promise.all(['den-haag', 'rotterdam', 'haaglanden-zhc'].map(async (owner) => (await hub.query(STATS, { g: ['YEAR'], f: { owner } })).data.sroiStatistics.cells));
    const sumOf = (cells: Record<string, string | number>[], f: string) => fromCents(cells.reduce((s, c) => s + BigInt(Math.round(Number(c[f] ?? 0) * 100)), 0n));
    for (const year of [2024, 2025]) {
      const cells = perOwner.flat().filter((c) => c.year === year);
      const merged = all.find((c: { year: number }) => c.year === year);
      expect({ credit: merged.verifiedCredit, obligation: merged.obligationAmount, n: merged.realisations })
        .toEqual({ credit: sumOf(cells, 'verifiedCredit'), obligation: sumOf(cells, 'obligationAmount'), n: cells.reduce((s, c) => s + c.realisations, 0) });
    }
  });

  it('shows an owner\'s own staff its small counts, and nobody else\'s', async () => {
    const token = await hub.keys.token({ roles: ['wsp'], owners: ['den-haag'] });
    const res = await hub.query(STATS, { g: ['OWNER', 'MUNICIPALITY'] }, { authorization: `Bearer ${token}` });
    expect(res.data.sroiStatistics.cells.map((c: Record<string, any>) => [c.owner, c.municipality?.name, c.peoplePlaced, c.peoplePlacedSuppressed])).toEqual([
      ['den-haag', "'s-Gravenhage", 3, false],
      ['rotterdam', 'Rotterdam', null, true],
    ]);
  });

  it('sums 10,000 credits without a cent of float error', async () => {
    const dh = hub.regions.get('den-haag')!;
    const contractUuid = parseGlobalId(contracts['den-haag'])!.uuid;
    const amounts = Array.from({ length: 10_000 }, (_, i) => ['0.10', '0.20', '0.07', '1234.33', '0.01'][i % 5]);
    const rule = { tableVersion: 'test', hoursBasis: 36, block: { code: 'SOCIAL_ACTIVITY', route: 'SOCIAL_ACTIVITY', hourlyValue: '1.00' } };
    for (let i = 0; i < amounts.length; i += 1000) {
      await dh.database.db.insert(realisation).values(amounts.slice(i, i + 1000).map((a) => ({
        id: crypto.randomUUID(), contractId: contractUuid, route: 'SOCIAL_ACTIVITY', hours: a, rule, creditedAmount: a,
        explanation: 'bulk', status: 'VERIFIED', recordedBy: 'test', startDate: '2026-05-01',
      })));
    }
    const res = await hub.query(STATS, { g: ['YEAR'], f: { years: [2026] } });
    // 2,000 × (0.10 + 0.20 + 0.07 + 1234.33 + 0.01) = 2,469,420.00 exactly; a float sum drifts.
    expect(res.data.sroiStatistics.cells).toEqual([expect.objectContaining({ year: 2026, verifiedCredit: '2469420.00', realisations: 10_000, peoplePlaced: 0 })]);
    expect(amounts.reduce((s, a) => s + Number(a), 0)).not.toBe(2469420);
  });
});
