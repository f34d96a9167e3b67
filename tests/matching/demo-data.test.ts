import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOwners } from '../../subgraphs/owners.ts';
import { findPersonalData } from '../../subgraphs/region/domain/personal-data.ts';
import { OCCUPATIONS } from '../../subgraphs/region/domain/isco.ts';
import { generateDemoData, DEFAULT_DEMO_TODAY } from '../../subgraphs/region/seed/generate.ts';
import { generateMatchingDemo } from '../../subgraphs/region/seed/matching.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { asRole } from './fixtures.ts';

/** Demo matching data: deterministic, invented, and enough to try every part of matching (and to count SQL on). */
describe('matching demo data', () => {
  const owners = loadOwners();
  const demo = (i: number) => generateMatchingDemo(owners[i], generateDemoData(owners[i], { enterprises: 20 }), undefined, DEFAULT_DEMO_TODAY);

  it('is deterministic per owner and different between owners', () => {
    expect(demo(0)).toEqual(demo(0));
    expect(demo(1).candidates[0].id).not.toBe(demo(0).candidates[0].id);
  });

  it('holds known occupations, no personal data in free text, and placements of every kind', () => {
    for (let i = 0; i < owners.length; i++) {
      const d = demo(i);
      expect(d.vacancies.every((v) => OCCUPATIONS[v.occupationCode] && owners[i].municipalities.includes(v.municipalityCode))).toBe(true);
      expect(d.candidates.flatMap((c) => [...c.occupationCodes, ...c.skills]).filter((s) => findPersonalData(s))).toEqual([]);
      expect(new Set(d.introductions.map((x) => x.status))).toEqual(new Set(['REQUESTED', 'CONTACTED', 'CONSENTED', 'REFUSED', 'CONTACT_RELEASED']));
      expect(d.placements.filter((p) => p.candidateId === null).length).toBeGreaterThan(0);
    }
  });
});

describe('the seeded hub', () => {
  let hub: TestHub;
  let vacancyId: string;
  beforeAll(async () => {
    hub = await startTestHub({ demoEnterprises: 12, demoContracts: 10 });
    vacancyId = (await hub.query(`{ vacancies(first: 1, filter: { owner: "den-haag" }) { nodes { id } } }`)).data.vacancies.nodes[0].id;
  });
  afterAll(async () => { await hub?.stop(); });

  /** No N+1: the SQL statements of a request do not grow with the rows it returns. */
  async function statementsFor(query: string, headers?: Record<string, string>, variables?: Record<string, unknown>) {
    const count = () => [...hub.regions.values()].reduce((n, r) => n + r.database.statements(), 0);
    const before = count();
    const res = await hub.query(query, variables, headers);
    expect(res.errors).toBeUndefined();
    const list = Object.values(res.data as Record<string, { nodes: unknown[] }>)[0].nodes;
    return { statements: count() - before, rows: list.length };
  }

  it('matches a demo vacancy with candidates of every owner, and counts placements of every owner', async () => {
    const open = await hub.query(`{ vacancies(first: 100, filter: { owner: "den-haag", occupations: ["9112"] }) { nodes { id contractId } } }`);
    const vacancy = open.data.vacancies.nodes[0];
    expect(vacancy.id).toMatch(/^den-haag:Vacancy:/);
    const wsp = await asRole(hub, 'wsp', 'den-haag');
    const matches = await wsp(`query($v: ID!) { candidateMatches(vacancyId: $v, first: 30) { nodes { score candidate { owner { code } } } } }`, { v: vacancy.id });
    expect(matches.errors).toBeUndefined();
    const nodes = matches.data.candidateMatches.nodes as { score: number; candidate: { owner: { code: string } } }[];
    expect(new Set(nodes.map((n) => n.candidate.owner.code))).toEqual(new Set(['den-haag', 'rotterdam', 'haaglanden-zhc']));
    expect(nodes.map((n) => n.score)).toEqual([...nodes.map((n) => n.score)].sort((a, b) => b - a));
    const stats = await hub.asStaff(`{ placementStatistics(groupBy: [OWNER]) { cells { owner peoplePlaced } } }`);
    expect(stats.data.placementStatistics.cells).toEqual(['den-haag', 'haaglanden-zhc', 'rotterdam'].map((owner) => ({ owner, peoplePlaced: 14 })));
  });

  it('SQL statements of a vacancy page: per owner one for the page and one for the bodies, for 2 and for 30 rows', async () => {
    // A nested selection (occupation label) makes the router fetch in two phases: keys from
    // every owner, then the bodies from the owners whose rows made the page.
    const page = (n: number) => `{ vacancies(first: ${n}) { nodes { id title occupation { label } municipality { code } } } }`;
    for (const n of [2, 30]) {
      const ownersIn = async () => new Set((await hub.query(page(n))).data.vacancies.nodes.map((v: { id: string }) => v.id.split(':')[0])).size;
      const owners = await ownersIn();
      expect(await statementsFor(page(n))).toEqual({ statements: 3 + owners, rows: n });
    }
  });

  it('SQL statements of candidate matches: the same for 2 and for 30 rows', async () => {
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
