import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { asRole, registerCandidate, registerVacancy } from './fixtures.ts';

/**
 * Acceptance 2: without the owner's WSP role candidate profiles are not readable; a WSP user of
 * owner A cannot read owner B's candidates, only pseudonymous match results for A's own vacancies.
 */
let hub: TestHub;
let denHaagCandidate: string;
let rotterdamCandidate: string;
let denHaagVacancy: string;
const PROFILE = { occupations: ['9112'], skills: ['Schoonmaken'], postcode4: '2525', hoursPerWeek: 24, supportAvailable: true };

beforeAll(async () => {
  hub = await startTestHub({ seedDemo: false });
  denHaagCandidate = await registerCandidate(hub, 'den-haag', PROFILE);
  rotterdamCandidate = await registerCandidate(hub, 'rotterdam', { ...PROFILE, postcode4: '3011' });
  denHaagVacancy = await registerVacancy(hub, 'den-haag', { occupation: '9112', skills: ['Schoonmaken'], postcode4: '2511', municipality: 'GM0518', hoursMin: 20, targetGroups: ['WW'] });
});
afterAll(async () => { await hub?.stop(); });

const PROFILE_QUERY = `query($id: ID!) { candidateProfile(id: $id) { id postcode4 } }`;

describe('candidate profiles', () => {
  it('are readable only by the WSP staff of their owner', async () => {
    expect((await hub.query(PROFILE_QUERY, { id: denHaagCandidate })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const municipal = await asRole(hub, 'municipality', 'den-haag');
    expect((await municipal(PROFILE_QUERY, { id: denHaagCandidate })).errors?.[0]).toMatchObject({
      message: 'You may not read CandidateProfile data of owner "den-haag".', extensions: { code: 'FORBIDDEN' } });
    const contractor = await asRole(hub, 'contractor', 'den-haag', '90004760');
    expect((await contractor(PROFILE_QUERY, { id: denHaagCandidate })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const analyst = await hub.keys.token({ roles: ['analyst'] });
    expect((await hub.query(PROFILE_QUERY, { id: denHaagCandidate }, { authorization: `Bearer ${analyst}` })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const own = await asRole(hub, 'wsp', 'den-haag');
    expect(await own(PROFILE_QUERY, { id: denHaagCandidate })).toEqual({ data: { candidateProfile: { id: denHaagCandidate, postcode4: '2525' } } });
  });

  it('of owner B are not readable by a WSP of owner A: not by ID, list, node or change', async () => {
    const wsp = await asRole(hub, 'wsp', 'den-haag');
    const byId = await wsp(PROFILE_QUERY, { id: rotterdamCandidate });
    expect(byId).toEqual({ data: { candidateProfile: null }, errors: [expect.objectContaining({
      message: 'You may not read CandidateProfile data of owner "rotterdam".', extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })] });
    expect((await wsp(`{ candidateProfiles(owner: "rotterdam") { nodes { id } } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await wsp(`query($id: ID!) { node(id: $id) { id } }`, { id: rotterdamCandidate })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const change = await wsp(`mutation($id: ID!) { updateCandidate(id: $id, input: { hoursPerWeek: 12 }) { id } }`, { id: rotterdamCandidate });
    expect(change.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const erase = await wsp(`mutation($id: ID!) { eraseCandidate(id: $id) { introductionsErased } }`, { id: rotterdamCandidate });
    expect(erase.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('of owner B reach a WSP of owner A only as pseudonymous match results for A\'s own vacancies', async () => {
    const wsp = await asRole(hub, 'wsp', 'den-haag');
    const res = await wsp(`query($v: ID!) { candidateMatches(vacancyId: $v) { nodes { score candidate { id owner { code } postcode4 skills } } } }`, { v: denHaagVacancy });
    expect(res.errors).toBeUndefined();
    expect(res.data.candidateMatches.nodes.map((n: { candidate: { id: string; owner: { code: string } } }) => [n.candidate.id, n.candidate.owner.code])).toEqual([
      [denHaagCandidate, 'den-haag'], [rotterdamCandidate, 'rotterdam'],
    ]);
    // A match result does not open the profile.
    expect((await wsp(PROFILE_QUERY, { id: rotterdamCandidate })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // The match view has no owner-only fields (status, introductions) to ask for.
    const deeper = await wsp(`query($v: ID!) { candidateMatches(vacancyId: $v) { nodes { candidate { status } } } }`, { v: denHaagVacancy });
    expect(deeper.errors?.[0].message).toContain('Cannot query field "status" on type "MatchedCandidate"');
  });

  it('are matched for a vacancy only for the WSP of the vacancy\'s owner', async () => {
    const other = await asRole(hub, 'wsp', 'rotterdam');
    const res = await other(`query($v: ID!) { candidateMatches(vacancyId: $v) { nodes { score } } }`, { v: denHaagVacancy });
    // Every owner refuses on its own (the router merges the empty answers and keeps each refusal).
    expect(res.data).toEqual({ candidateMatches: { nodes: [] } });
    expect(res.errors?.map((e) => [e.extensions?.owner, e.extensions?.code, e.message])).toEqual(['den-haag', 'haaglanden-zhc', 'rotterdam'].map((owner) =>
      [owner, 'FORBIDDEN', 'Only the WSP staff of owner "den-haag" match candidates for its vacancies.']));
    expect((await hub.query(`query($v: ID!) { candidateMatches(vacancyId: $v) { nodes { score } } }`, { v: denHaagVacancy })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('vacancies', () => {
  it('are public when published and searchable over owners; drafts only for the owner\'s staff', async () => {
    const draft = await registerVacancy(hub, 'rotterdam', { occupation: '4321', skills: [], postcode4: '3011', municipality: 'GM0599', hoursMin: 32, targetGroups: [], title: 'Magazijnmedewerker haven', description: 'Orderpicken in het magazijn.', status: 'DRAFT' });
    await registerVacancy(hub, 'haaglanden-zhc', { occupation: '4321', skills: [], postcode4: '2611', municipality: 'GM0503', hoursMin: 24, targetGroups: ['NUG'], title: 'Magazijnmedewerker Delft', description: 'Orderpicken en inpakken.' });
    const search = `query($f: VacancyFilter) { vacancies(filter: $f) { totalCount missingOwners nodes { title status owner { code } occupation { code label } } } }`;
    const open = await hub.query(search, { f: { query: 'orderpicken' } });
    expect(open).toEqual({ data: { vacancies: { totalCount: 1, missingOwners: [], nodes: [
      { title: 'Magazijnmedewerker Delft', status: 'PUBLISHED', owner: { code: 'haaglanden-zhc' }, occupation: { code: '4321', label: 'Magazijnmedewerkers' } },
    ] } } });
    // A word finds the Dutch compounds it starts ("magazijn" → "Magazijnmedewerker"), published only.
    const compound = await hub.query(search, { f: { query: 'magazijn' } });
    expect(compound.data.vacancies.nodes.map((n: { title: string }) => n.title)).toEqual(['Magazijnmedewerker Delft']);
    const staff = await asRole(hub, 'municipality', 'rotterdam');
    const drafts = await staff(search, { f: { query: 'orderpicken', statuses: ['DRAFT', 'PUBLISHED'] } });
    expect(drafts.data.vacancies.nodes.map((n: { title: string }) => n.title).sort()).toEqual(['Magazijnmedewerker Delft', 'Magazijnmedewerker haven']);
    expect((await hub.query(`query($id: ID!) { vacancy(id: $id) { id } }`, { id: draft })).data).toEqual({ vacancy: null });
    const byFilter = await hub.query(search, { f: { occupations: ['91'], targetGroups: ['WW'] } });
    expect(byFilter.data.vacancies.nodes.map((n: { owner: { code: string } }) => n.owner.code)).toEqual(['den-haag']);
  });
});
