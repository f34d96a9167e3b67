import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/**
 * A Rotterdam contract buys from a Den Haag social enterprise: the supplier is checked through
 * the gateway at write time (snapshot), and shown live through region-links at read time.
 */
let hub: TestHub;
beforeAll(async () => { hub = await startTestHub({ demoEnterprises: 12 }); });
afterAll(async () => { await hub?.stop(); });

const SUPPLIER_FIELDS = 'id name kvkNumber recognitions { scheme validFrom validUntil }';

async function rotterdamContract(): Promise<string> {
  const res = await hub.asStaff(`mutation { registerContract(input: {
    owner: "rotterdam", buyer: "GM0599", contractor: { kvkNumber: "81234567", name: "Havenbouw B.V." },
    title: "Onderhoud kademuren", cpvCode: "45240000-1", valueExclVat: "2500000.00",
    periodStart: "2025-01-01", periodEnd: "2026-12-31", awardDate: "2024-12-01" }) { id obligation { amount tableVersion } } }`);
  expect(res.data.registerContract.obligation).toEqual({ amount: '125000.00', tableVersion: 'rijnmond-2020' });
  return res.data.registerContract.id;
}

describe('a purchase from another owner\'s social enterprise', () => {
  it('shows the supplier\'s current name from its owner, while credit and snapshot stay as recorded', async () => {
    const found = await hub.query(`{ socialEnterprises(first: 1, filter: { owner: "den-haag", recognisedUnder: { schemes: [REGIONAL_RECOGNISED], on: "2025-06-30" } }) { nodes { ${SUPPLIER_FIELDS} } } }`);
    const supplier = found.data.socialEnterprises.nodes[0];
    const contractId = await rotterdamContract();
    const recorded = await hub.asStaff(`mutation($c: ID!, $s: ID!) { recordRealisation(input: {
      contractId: $c, route: "PURCHASE", invoiceAmount: "12345.67", invoiceDate: "2025-06-30", supplierId: $s }) {
      id creditedAmount supplierSnapshot { id name kvkNumber scheme } supplier { id name owner { code } } } }`, { c: contractId, s: supplier.id });
    expect(recorded.errors).toBeUndefined();
    const realisation = recorded.data.recordRealisation;
    expect(realisation).toEqual({
      id: expect.stringMatching(/^rotterdam:Realisation:/),
      creditedAmount: '12345.67',
      supplierSnapshot: { id: supplier.id, name: supplier.name, kvkNumber: supplier.kvkNumber, scheme: 'REGIONAL_RECOGNISED' },
      supplier: { id: supplier.id, name: supplier.name, owner: { code: 'den-haag' } },
    });

    const renamed = await hub.asStaff(`mutation($id: ID!) { updateSocialEnterprise(id: $id, input: { name: "Nieuwe Naam Één B.V." }) { name } }`, { id: supplier.id });
    expect(renamed.errors).toBeUndefined();
    const read = await hub.asStaff(`query($id: ID!) { realisation(id: $id) { creditedAmount supplierSnapshot { name } supplier { name } } }`, { id: realisation.id });
    expect(read).toEqual({ data: { realisation: { creditedAmount: '12345.67', supplierSnapshot: { name: supplier.name }, supplier: { name: 'Nieuwe Naam Één B.V.' } } } });
  });

  it('counts only on invoice dates inside a recognition of an accepted scheme; a refusal writes nothing', async () => {
    const contractId = await rotterdamContract();
    const registered = await hub.asStaff(`mutation { registerSocialEnterprise(input: {
      owner: "den-haag", name: "Groenwerk Laak", kvkNumber: "66554433", legalForm: STICHTING, municipality: "GM0518", postcode4: "2525",
      description: "Groenonderhoud.", staffTotal: 20, staffWithDistance: 12,
      recognitions: [
        { scheme: REGIONAL_RECOGNISED, issuedBy: "Gemeente Den Haag", validFrom: "2020-01-01", validUntil: "2024-12-31" },
        { scheme: REGIONAL_ASPIRANT, issuedBy: "Gemeente Den Haag", validFrom: "2025-01-01" }
      ] }) { id } }`);
    const supplierId = registered.data.registerSocialEnterprise.id;
    const purchase = (invoiceDate: string) => hub.asStaff(`mutation($c: ID!, $s: ID!, $d: Date!) { recordRealisation(input: {
      contractId: $c, route: "PURCHASE", invoiceAmount: "500.00", invoiceDate: $d, supplierId: $s }) { creditedAmount supplierSnapshot { scheme validUntil } } }`,
    { c: contractId, s: supplierId, d: invoiceDate });
    // The last day of the recognition counts; the next day only an aspirant status remains, which Rotterdam does not accept.
    expect((await purchase('2024-12-31')).data.recordRealisation).toEqual({ creditedAmount: '500.00', supplierSnapshot: { scheme: 'REGIONAL_RECOGNISED', validUntil: '2024-12-31' } });
    const refused = await purchase('2025-01-01');
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringContaining('Groenwerk Laak'), extensions: { code: 'BAD_USER_INPUT', field: 'supplierId' },
    });
    expect(refused.errors?.[0].message).toContain('was not recognised on 2025-01-01 under a scheme "rotterdam" accepts');
    const after = await hub.asStaff(`query($id: ID!) { contract(id: $id) { realisations { invoiceDate } } }`, { id: contractId });
    expect(after.data.contract.realisations).toEqual([{ invoiceDate: '2024-12-31' }]);
  });
});
