import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/** Who may see and change contract data: staff of the owner, and a contractor for its own. */
let hub: TestHub;
let own: string;
let other: string;
beforeAll(async () => {
  hub = await startTestHub({ demoEnterprises: 5, demoContracts: 0 });
  const register = async (kvk: string, title: string) => (await hub.asStaff(`mutation($kvk: String!, $t: String!) { registerContract(input: {
    owner: "den-haag", buyer: "GM0518", contractor: { kvkNumber: $kvk, name: "Aannemer" }, title: $t, cpvCode: "45000000-7",
    valueExclVat: "800000.00", periodStart: "2025-01-01", periodEnd: "2026-12-31", awardDate: "2024-12-01" }) { id } }`, { kvk, t: title })).data.registerContract.id as string;
  own = await register('12345678', 'Eigen opdracht');
  other = await register('87654321', 'Andermans opdracht');
});
afterAll(async () => { await hub?.stop(); });

const as = async (claims: Parameters<TestHub['keys']['token']>[0]) => {
  const token = await hub.keys.token(claims);
  return (q: string, v?: Record<string, unknown>) => hub.query(q, v, { authorization: `Bearer ${token}` });
};
const TITLES = `{ contracts(filter: { owner: "den-haag" }) { nodes { title } } }`;
const RECORD = `mutation($c: ID!) { recordRealisation(input: { contractId: $c, route: "JOB", targetGroup: "WW", hoursPerWeek: 36, months: 12 }) { id status } }`;

describe('contract access', () => {
  it('shows a contractor only its own contracts, and staff all of their owner', async () => {
    const contractor = await as({ roles: ['contractor'], kvk: '12345678' });
    expect((await contractor(TITLES)).data.contracts.nodes).toEqual([{ title: 'Eigen opdracht' }]);
    const denied = await contractor(`query($id: ID!) { contract(id: $id) { title } }`, { id: other });
    expect(denied.data.contract).toBeNull();
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const staff = await as({ roles: ['wsp'], owners: ['den-haag'] });
    expect((await staff(TITLES)).data.contracts.nodes.map((n: { title: string }) => n.title).sort()).toEqual(['Andermans opdracht', 'Eigen opdracht']);
    const rotterdamStaff = await as({ roles: ['municipality'], owners: ['rotterdam'] });
    expect((await rotterdamStaff(TITLES)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await hub.query(TITLES);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const analyst = await as({ roles: ['analyst'] });
    expect((await analyst(TITLES)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lets a contractor record on its own contract only, and only WSP or municipal staff decide', async () => {
    const contractor = await as({ roles: ['contractor'], kvk: '12345678' });
    const recorded = await contractor(RECORD, { c: own });
    expect(recorded.data.recordRealisation.status).toBe('SUBMITTED');
    expect((await contractor(RECORD, { c: other })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const decide = `mutation($id: ID!) { decideRealisation(id: $id, decision: VERIFIED) { status } }`;
    expect((await contractor(decide, { id: recorded.data.recordRealisation.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const wsp = await as({ roles: ['wsp'], owners: ['den-haag'] });
    expect((await wsp(decide, { id: recorded.data.recordRealisation.id })).data.decideRealisation).toEqual({ status: 'VERIFIED' });
    const municipalityOfRotterdam = await as({ roles: ['municipality'], owners: ['rotterdam'] });
    const registerElsewhere = await municipalityOfRotterdam(`mutation { registerContract(input: {
      owner: "den-haag", buyer: "GM0518", contractor: { kvkNumber: "11111111", name: "Xander B.V." }, title: "Niet van jou", cpvCode: "45000000-7",
      valueExclVat: "800000.00", periodStart: "2025-01-01", periodEnd: "2026-12-31", awardDate: "2024-12-01" }) { id } }`);
    expect(registerElsewhere.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('serves the valuation rules to anyone, with assumptions marked', async () => {
    const res = await hub.query(`{ valuationRules(owner: "rotterdam") { obligationPercentage thresholds { amount assumption }
      tables { version hoursBasis blocks { code annualValue assumption } } } }`);
    const rules = res.data.valuationRules;
    expect(rules.obligationPercentage).toBe('5.00');
    expect(rules.thresholds).toEqual([{ amount: '100000.00', assumption: expect.stringContaining('assumed') }]);
    expect(rules.tables[0].blocks.find((b: { code: string }) => b.code === 'JOB_PARTICIPATIEWET')).toEqual({ code: 'JOB_PARTICIPATIEWET', annualValue: '50000.00', assumption: null });
  });
});
