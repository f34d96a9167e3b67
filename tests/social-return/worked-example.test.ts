import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/**
 * DOMAIN.md §2.9 through the public API: a Den Haag contract of €1,200,000, a WW job, a BBL
 * learn-work job and a purchase from a recognised social enterprise (here one of Rotterdam).
 */
let hub: TestHub;
beforeAll(async () => { hub = await startTestHub({ demoEnterprises: 12 }); });
afterAll(async () => { await hub?.stop(); });

const CONTRACT = `mutation($input: RegisterContractInput!) { registerContract(input: $input) {
  id title threshold buyer { code name } contractor { kvkNumber name }
  obligation { percentage baseType baseAmount tableVersion amount verified pending remaining }
} }`;
const RECORD = `mutation($input: RecordRealisationInput!) { recordRealisation(input: $input) {
  id route creditedAmount explanation status rule { tableVersion hoursBasis block { code annualValue invoicePercentage countLimitMonths } }
  supplierSnapshot { id name kvkNumber scheme }
} }`;
const DECIDE = `mutation($id: ID!, $decision: VerificationDecision!, $reason: String) { decideRealisation(id: $id, decision: $decision, reason: $reason) { id status decidedBy } }`;
const OBLIGATION = `query($id: ID!) { contract(id: $id) { obligation { amount verified pending remaining } realisations { creditedAmount status } } }`;

async function recognisedSupplier(owner: string) {
  const res = await hub.query(`query($f: SocialEnterpriseFilter) { socialEnterprises(first: 1, filter: $f) { nodes { id name kvkNumber } } }`,
    { f: { owner, recognisedUnder: { schemes: ['REGIONAL_RECOGNISED'], on: '2025-10-31' } } });
  return res.data.socialEnterprises.nodes[0] as { id: string; name: string; kvkNumber: string };
}

describe('the worked example of DOMAIN.md §2.9', () => {
  it('gives obligation 60000.00, credits 13333.33, 25000.00 and 18000.00, and the remaining amount as verification proceeds', async () => {
    const supplier = await recognisedSupplier('rotterdam');
    const contract = await hub.asStaff(CONTRACT, { input: {
      owner: 'den-haag', buyer: 'GM0518', contractor: { kvkNumber: '90004760', name: 'Schoon & Co Facilitair N.V.' },
      title: 'Schoonmaak stadsdeelkantoren 2025–2027', tenderReference: 'DEMO-123456', cpvCode: '90919200-4',
      valueExclVat: '1200000.00', periodStart: '2025-01-01', periodEnd: '2027-12-31', awardDate: '2024-11-15',
    } });
    expect(contract.errors).toBeUndefined();
    const c = contract.data.registerContract;
    expect(c).toEqual({
      id: expect.stringMatching(/^den-haag:Contract:/), title: 'Schoonmaak stadsdeelkantoren 2025–2027', threshold: '221000.00',
      buyer: { code: 'GM0518', name: "'s-Gravenhage" }, contractor: { kvkNumber: '90004760', name: 'Schoon & Co Facilitair N.V.' },
      obligation: { percentage: '5.00', baseType: 'CONTRACT_SUM', baseAmount: '1200000.00', tableVersion: 'haaglanden-zhc-2023-07',
        amount: '60000.00', verified: '0.00', pending: '0.00', remaining: '60000.00' },
    });

    const ww = await hub.asStaff(RECORD, { input: { contractId: c.id, route: 'JOB', targetGroup: 'WW', hoursPerWeek: 24, months: 12, startDate: '2025-03-01', endDate: '2026-02-28' } });
    expect(ww.errors).toBeUndefined();
    expect(ww.data.recordRealisation).toEqual({
      id: expect.stringMatching(/^den-haag:Realisation:/), route: 'JOB', creditedAmount: '13333.33', status: 'SUBMITTED',
      explanation: '20000.00 × 24/36 h × 12/12 months (at most 12) = 13333.33',
      rule: { tableVersion: 'haaglanden-zhc-2023-07', hoursBasis: 36, block: { code: 'JOB_WW', annualValue: '20000.00', invoicePercentage: null, countLimitMonths: 12 } },
      supplierSnapshot: null,
    });
    const bbl = await hub.asStaff(RECORD, { input: { contractId: c.id, route: 'BBL_LEVEL_1_2', hoursPerWeek: 36, months: 12, startDate: '2025-09-01', endDate: '2026-08-31' } });
    expect(bbl.data.recordRealisation.creditedAmount).toBe('25000.00');
    const purchase = await hub.asStaff(RECORD, { input: { contractId: c.id, route: 'PURCHASE', invoiceAmount: '18000.00', invoiceDate: '2025-10-31', supplierId: supplier.id } });
    expect(purchase.errors).toBeUndefined();
    expect(purchase.data.recordRealisation).toMatchObject({
      creditedAmount: '18000.00',
      explanation: '18000.00 × 100% of the invoice excl. VAT = 18000.00',
      supplierSnapshot: { id: supplier.id, name: supplier.name, kvkNumber: supplier.kvkNumber, scheme: 'REGIONAL_RECOGNISED' },
    });

    for (const r of [ww, purchase]) {
      const decided = await hub.asStaff(DECIDE, { id: r.data.recordRealisation.id, decision: 'VERIFIED' });
      expect(decided.data.decideRealisation).toEqual({ id: r.data.recordRealisation.id, status: 'VERIFIED', decidedBy: 'test-staff' });
    }
    const waiting = await hub.asStaff(OBLIGATION, { id: c.id });
    expect(waiting.data.contract.obligation).toEqual({ amount: '60000.00', verified: '31333.33', pending: '25000.00', remaining: '28666.67' });

    await hub.asStaff(DECIDE, { id: bbl.data.recordRealisation.id, decision: 'VERIFIED' });
    const done = await hub.asStaff(OBLIGATION, { id: c.id });
    expect(done.data.contract).toEqual({
      obligation: { amount: '60000.00', verified: '56333.33', pending: '0.00', remaining: '3666.67' },
      realisations: [
        { creditedAmount: '13333.33', status: 'VERIFIED' }, { creditedAmount: '25000.00', status: 'VERIFIED' }, { creditedAmount: '18000.00', status: 'VERIFIED' },
      ],
    });
    // A decision is final; a rejection needs a reason.
    const noReason = await hub.asStaff(DECIDE, { id: bbl.data.recordRealisation.id, decision: 'REJECTED' });
    expect(noReason.errors?.[0]).toMatchObject({ message: 'reason must be 3 to 1000 characters long.', extensions: { code: 'BAD_USER_INPUT' } });
    const again = await hub.asStaff(DECIDE, { id: bbl.data.recordRealisation.id, decision: 'REJECTED', reason: 'BPV-overeenkomst ontbreekt' });
    expect(again.errors?.[0]).toMatchObject({ message: expect.stringContaining('already VERIFIED'), extensions: { code: 'CONFLICT' } });
  });
});
