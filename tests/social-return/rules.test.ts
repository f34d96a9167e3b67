import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadValuationRules, type ValuationRules } from '../../subgraphs/region/domain/valuation.ts';
import { startRegionService } from '../../subgraphs/region/service.ts';
import { postSigned, startTestHub, type TestHub } from '../helpers/hub.ts';

/** Thresholds, table versions, counting limits and input rules, through the public API. */
const dataDir = mkdtempSync(join(tmpdir(), 'srh-rules-'));
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ demoEnterprises: 5, storage: (service) => ({ kind: 'pglite', dataDir: join(dataDir, service) }) });
});
afterAll(async () => { await hub?.stop(); rmSync(dataDir, { recursive: true, force: true }); });

async function contract(value: string, awardDate: string, owner = 'den-haag', buyer = 'GM0518') {
  const res = await hub.asStaff(`mutation($i: RegisterContractInput!) { registerContract(input: $i) { id threshold obligation { amount tableVersion } } }`, { i: {
    owner, buyer, contractor: { kvkNumber: '90004760', name: 'Schoon & Co Facilitair N.V.' }, title: 'Schoonmaak', cpvCode: '90919200-4',
    valueExclVat: value, periodStart: '2023-01-01', periodEnd: '2027-12-31', awardDate,
  } });
  expect(res.errors).toBeUndefined();
  return res.data.registerContract as { id: string; threshold: string; obligation: { amount: string; tableVersion: string } | null };
}

const RECORD = `mutation($i: RecordRealisationInput!) { recordRealisation(input: $i) { id creditedAmount rule { tableVersion block { annualValue } } } }`;
const record = (input: Record<string, unknown>) => hub.asStaff(RECORD, { i: input });
const job = (contractId: string, extra: Record<string, unknown>) => record({ contractId, route: 'JOB', targetGroup: 'WW', hoursPerWeek: 36, months: 12, ...extra });

describe('the obligation at award', () => {
  it('applies the threshold in force on the award date; below it there is no obligation', async () => {
    expect(await contract('220999.99', '2024-06-01')).toMatchObject({ threshold: '221000.00', obligation: null });
    expect(await contract('221000.00', '2024-06-01')).toMatchObject({ threshold: '221000.00', obligation: { amount: '11050.00' } });
    // The same value a day into the next threshold period: 215,000 was enough in 2023, not in 2024.
    expect(await contract('215000.00', '2023-12-31')).toMatchObject({ threshold: '215000.00', obligation: { amount: '10750.00', tableVersion: 'haaglanden-zhc-2023-07' } });
    expect(await contract('215000.00', '2024-01-01')).toMatchObject({ threshold: '221000.00', obligation: null });
    // Before 1 July 2023 the earlier table version applies.
    expect((await contract('500000.00', '2023-06-30')).obligation).toEqual({ amount: '25000.00', tableVersion: 'haaglanden-2015' });
  });

  it('refuses a realisation on a contract without obligation', async () => {
    const small = await contract('1000.00', '2024-06-01');
    const res = await job(small.id, {});
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'contractId' } });
  });
});

describe('credits', () => {
  it('hold the counting limits (12, 24 months, always) and pay the full value above the hours basis, not more', async () => {
    const c = await contract('5000000.00', '2024-03-01');
    const credits = [];
    for (const input of [
      { targetGroup: 'WW', months: 18 }, { targetGroup: 'PARTICIPATIEWET', months: 30 }, { targetGroup: 'BANENAFSPRAAK', months: 40 },
      { targetGroup: 'WW', hoursPerWeek: 48, months: 6 }, { targetGroup: 'NUG', hoursPerWeek: 20.5, months: 7 },
    ]) credits.push((await job(c.id, input)).data.recordRealisation.creditedAmount);
    // 20000 × 12/12; 40000 × 24/12; 50000 × 40/12; 20000 × 36/36 × 6/12; 5000 × 20.5/36 × 7/12 = 1660.879… → 1660.88.
    expect(credits).toEqual(['20000.00', '80000.00', '166666.67', '10000.00', '1660.88']);
    const activity = await record({ contractId: c.id, route: 'SOCIAL_ACTIVITY', hours: 7.5 });
    expect(activity.data.recordRealisation.creditedAmount).toBe('750.00');
    const costs = await record({ contractId: c.id, route: 'BONUS_TRAINING_COSTS', invoiceAmount: '1234.56', invoiceDate: '2024-05-01' });
    expect(costs.data.recordRealisation.creditedAmount).toBe('1234.56');
  });

  it('refuses invalid input with a message that says what is wrong, and writes nothing', async () => {
    const c = await contract('5000000.00', '2024-03-01');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ hoursPerWeek: 0 }, 'hoursPerWeek', 'hoursPerWeek must be more than 0 and at most 60'],
      [{ hoursPerWeek: -8 }, 'hoursPerWeek', 'hoursPerWeek must be more than 0 and at most 60'],
      [{ hoursPerWeek: 61 }, 'hoursPerWeek', 'hoursPerWeek must be more than 0 and at most 60'],
      [{ hoursPerWeek: 24.125 }, 'hoursPerWeek', 'with at most 2 decimals'],
      [{ months: 0 }, 'months', 'months must be a whole number from 1 to 120'],
      [{ route: 'CATERING', targetGroup: undefined }, 'route', 'Route CATERING is not in table haaglanden-zhc-2023-07 (routes: JOB, INTERNSHIP_MBO_HBO'],
      [{ targetGroup: null }, 'targetGroup', 'A JOB realisation needs a known targetGroup'],
      [{ targetGroup: 'ASTRONAUT' }, 'targetGroup', 'A JOB realisation needs a known targetGroup'],
      [{ startDate: '2024-05-01', endDate: '2024-04-30' }, 'endDate', 'endDate 2024-04-30 is before startDate 2024-05-01'],
      [{ invoiceAmount: '100.00' }, 'invoiceAmount', 'A JOB realisation has no invoiceAmount'],
      [{ route: 'PURCHASE', hoursPerWeek: undefined, months: undefined, targetGroup: undefined }, 'invoiceAmount', 'A PURCHASE realisation needs invoiceAmount'],
    ];
    for (const [change, field, message] of cases) {
      const res = await job(c.id, change);
      expect(res.errors?.[0], JSON.stringify(change)).toMatchObject({ message: expect.stringContaining(message), extensions: { code: 'BAD_USER_INPUT', field } });
    }
    // A contract of another owner sent straight to the wrong owner's service.
    const rotterdam = await contract('900000.00', '2024-03-01', 'rotterdam', 'GM0599');
    const wrong = await postSigned<any>(hub.regions.get('den-haag')!.url, hub.keys.keyFor('den-haag'),
      { subject: 'wsp-1', roles: ['wsp'], owners: ['den-haag'] }, RECORD, { i: { contractId: rotterdam.id, route: 'JOB', targetGroup: 'WW', hoursPerWeek: 36, months: 12 } });
    expect(wrong.errors?.[0]).toMatchObject({ message: `${rotterdam.id} is not a contract of owner "den-haag".`, extensions: { code: 'BAD_USER_INPUT' } });
    const after = await hub.asStaff(`query($a: ID!, $b: ID!) { a: contract(id: $a) { realisations { id } } b: contract(id: $b) { realisations { id } } }`, { a: c.id, b: rotterdam.id });
    expect(after.data).toEqual({ a: { realisations: [] }, b: { realisations: [] } });
  });
});

describe('a changed table', () => {
  it('leaves earlier credits as they were, even after an edit in place; new contracts use the new version', async () => {
    const c = await contract('1200000.00', '2025-01-10');
    const before = (await job(c.id, { hoursPerWeek: 24 })).data.recordRealisation;
    expect(before).toMatchObject({ creditedAmount: '13333.33', rule: { tableVersion: 'haaglanden-zhc-2023-07', block: { annualValue: '20000.00' } } });

    // Den Haag edits its 2023 table in place (WW 20,000 → 22,000) and adds a version from 2026.
    const rules = structuredClone(loadValuationRules('den-haag')!) as ValuationRules;
    const current = rules.tables.find((t) => t.version === 'haaglanden-zhc-2023-07')!;
    current.blocks.find((b) => b.code === 'JOB_WW')!.annualValue = '22000.00';
    current.validUntil = '2025-12-31';
    rules.tables.push({ ...structuredClone(current), version: 'den-haag-2026', validFrom: '2026-01-01', validUntil: null,
      blocks: current.blocks.map((b) => (b.code === 'JOB_WW' ? { ...b, annualValue: '30000.00' } : b)) });
    const old = hub.regions.get('den-haag')!;
    await old.stop();
    const restarted = await startRegionService({
      owner: old.owner, storage: { kind: 'pglite', dataDir: join(dataDir, 'den-haag') }, port: old.port, seedDemo: true,
      signingKey: hub.keys.keyFor('den-haag'), gatewayUrl: () => hub.url, valuation: rules,
    });
    hub.regions.set('den-haag', restarted);

    const read = await hub.asStaff(`query($id: ID!) { realisation(id: $id) { creditedAmount rule { block { annualValue } } } }`, { id: before.id });
    expect(read.data.realisation).toEqual({ creditedAmount: '13333.33', rule: { block: { annualValue: '20000.00' } } });
    // The same contract keeps its version; its rows are valued with that version as it now reads.
    expect((await job(c.id, { hoursPerWeek: 24 })).data.recordRealisation.creditedAmount).toBe('14666.67');
    const newer = await contract('1200000.00', '2026-02-01');
    expect(newer.obligation).toEqual({ amount: '60000.00', tableVersion: 'den-haag-2026' });
    expect((await job(newer.id, { hoursPerWeek: 24 })).data.recordRealisation.creditedAmount).toBe('20000.00');
  });
});
