import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/** Supplier suggestions: a fan-out over every owner with a ranked (keyset) merge. */
let hub: TestHub;
beforeAll(async () => { hub = await startTestHub({ demoEnterprises: 40 }); });
afterAll(async () => { await hub?.stop(); });

const criteria = { cpvPrefixes: ['9091', '7731'], schemes: ['REGIONAL_RECOGNISED', 'PSO_30_PLUS'], on: '2026-01-15', invoicePercentage: '100', purchaseAmount: '2500.00' };
const SUGGEST = `query($c: SupplierCriteriaInput!, $first: Int, $after: String) { supplierSuggestions(criteria: $c, first: $first, after: $after) {
  totalCount missingOwners pageInfo { hasNextPage endCursor }
  nodes { score credit enterprise { id staffTotal staffWithDistance } recognition { scheme validFrom validUntil } offerings { cpvCode countsForSocialReturn } } } }`;

type Node = { score: number; credit: string; enterprise: { id: string; staffTotal: number; staffWithDistance: number }; recognition: { scheme: string; validFrom: string; validUntil: string | null }; offerings: { cpvCode: string; countsForSocialReturn: boolean }[] };

/** The same question asked the long way, through the public lists: the oracle. */
async function expectedIds(): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const res: any = await hub.query(`query($after: String, $r: RecognitionFilter) { socialEnterprises(first: 100, after: $after, filter: { recognisedUnder: $r }) {
      pageInfo { hasNextPage endCursor } nodes { id offerings { cpvCode countsForSocialReturn } } } }`, { after, r: { schemes: criteria.schemes, on: criteria.on } });
    for (const e of res.data.socialEnterprises.nodes) {
      if (e.offerings.some((o: Node['offerings'][0]) => o.countsForSocialReturn && criteria.cpvPrefixes.some((p) => o.cpvCode.startsWith(p)))) ids.push(e.id);
    }
    if (!res.data.socialEnterprises.pageInfo.hasNextPage) return ids.sort();
    after = res.data.socialEnterprises.pageInfo.endCursor;
  }
}

describe('supplier suggestions', () => {
  it('rank fitting, recognised enterprises of every owner, and page exactly', async () => {
    const all = await hub.query(SUGGEST, { c: criteria, first: 100 });
    expect(all.errors).toBeUndefined();
    const nodes: Node[] = all.data.supplierSuggestions.nodes;
    expect(nodes.map((n) => n.enterprise.id).sort()).toEqual(await expectedIds());
    expect(all.data.supplierSuggestions.totalCount).toBe(nodes.length);
    expect(new Set(nodes.map((n) => n.enterprise.id.split(':')[0]))).toEqual(new Set(['den-haag', 'rotterdam', 'haaglanden-zhc']));
    for (const n of nodes) {
      // Valid on the date, of an accepted scheme; the score as documented; the credit of the purchase.
      expect(criteria.schemes).toContain(n.recognition.scheme);
      expect(n.recognition.validFrom <= criteria.on && (n.recognition.validUntil === null || n.recognition.validUntil >= criteria.on)).toBe(true);
      const fitting = n.offerings.filter((o) => o.countsForSocialReturn && criteria.cpvPrefixes.some((p) => o.cpvCode.startsWith(p)));
      expect(fitting).toEqual(n.offerings);
      expect(n.score).toBe(100 * fitting.length + Math.floor((100 * n.enterprise.staffWithDistance) / n.enterprise.staffTotal));
      expect(n.credit).toBe('2500.00');
    }
    const order = nodes.map((n) => [-n.score, n.enterprise.id]);
    expect(order).toEqual([...order].sort((a, b) => (a[0] !== b[0] ? (a[0] as number) - (b[0] as number) : a[1] < b[1] ? -1 : 1)));

    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await hub.query(SUGGEST, { c: criteria, first: 4, after });
      paged.push(...page.data.supplierSuggestions.nodes.map((n: Node) => n.enterprise.id));
      after = page.data.supplierSuggestions.pageInfo.hasNextPage ? page.data.supplierSuggestions.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(nodes.map((n) => n.enterprise.id));
  });

  it('take their criteria from a contract', async () => {
    const c = await hub.asStaff(`mutation { registerContract(input: { owner: "rotterdam", buyer: "GM0599", contractor: { kvkNumber: "81234567", name: "Glans B.V." },
      title: "Schoonmaak", cpvCode: "90919200-4", valueExclVat: "400000.00", periodStart: "2025-01-01", periodEnd: "2026-12-31", awardDate: "2024-12-01" }) {
      supplierCriteria { cpvPrefixes municipality schemes invoicePercentage purchaseAmount } } }`);
    expect(c.errors).toBeUndefined();
    expect(c.data.registerContract.supplierCriteria).toEqual({
      cpvPrefixes: ['9091'], municipality: 'GM0599', schemes: ['REGIONAL_RECOGNISED', 'PSO_30_PLUS', 'PSO_TREDE_3', 'CODE_SOCIALE_ONDERNEMINGEN', 'SOCIAL_ENTERPRISE_NL'],
      invoicePercentage: '100', purchaseAmount: '20000.00',
    });
  });
});
