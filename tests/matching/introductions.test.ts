import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { asRole, registerCandidate, registerVacancy } from './fixtures.ts';

/**
 * Acceptance 4: the introduction workflow across owners (a Den Haag vacancy, a Rotterdam
 * candidate) rejects invalid transitions with clear errors, and every step is audited.
 */
let hub: TestHub;
let vacancy: string;
let candidate: string;
const PROFILE = { occupations: ['9112'], skills: ['Schoonmaken'], postcode4: '3011', hoursPerWeek: 24, supportAvailable: true };
const FIELDS = 'id status candidateId vacancyId vacancyTitle employer { kvkNumber name }';

beforeAll(async () => {
  hub = await startTestHub({ seedDemo: false });
  vacancy = await registerVacancy(hub, 'den-haag', { occupation: '9112', skills: [], postcode4: '2511', municipality: 'GM0518', hoursMin: 20, targetGroups: ['WW'], title: 'Schoonmaker avonddienst' });
  candidate = await registerCandidate(hub, 'rotterdam', PROFILE);
});
afterAll(async () => { await hub?.stop(); });

async function request(as: Awaited<ReturnType<typeof asRole>>, c = candidate) {
  return as(`mutation($c: ID!, $v: ID!) { requestIntroduction(input: { candidateId: $c, vacancyId: $v }) { ${FIELDS} } }`, { c, v: vacancy });
}

describe('an introduction', () => {
  it('goes REQUESTED → CONTACTED → CONSENTED → CONTACT_RELEASED, refusing every step out of turn, audited', async () => {
    const asker = await asRole(hub, 'wsp', 'den-haag');
    const advisor = await asRole(hub, 'wsp', 'rotterdam');
    const asked = await request(asker);
    expect(asked).toEqual({ data: { requestIntroduction: {
      id: expect.stringMatching(/^rotterdam:Introduction:/), status: 'REQUESTED', candidateId: candidate, vacancyId: vacancy,
      vacancyTitle: 'Schoonmaker avonddienst', employer: { kvkNumber: '90004760', name: 'Schoon & Co Facilitair' },
    } } });
    const id = asked.data.requestIntroduction.id;
    const act = (who: typeof advisor, mutation: string, extra = '') => who(`mutation($id: ID!) { ${mutation}(id: $id${extra}) { status } }`, { id });
    const refused = async (p: ReturnType<typeof act>) => { const r = await p; return [r.errors?.[0].extensions?.code, r.errors?.[0].message]; };

    expect(await refused(act(advisor, 'recordIntroductionConsent', ', decision: GIVEN'))).toEqual(['CONFLICT',
      `Introduction ${id} is REQUESTED: record the contact with the candidate first (recordIntroductionContact): the candidate answers the advisor who contacted them.`]);
    expect(await refused(act(advisor, 'recordContactDetailsReleased'))).toEqual(['CONFLICT',
      `Introduction ${id} is REQUESTED: contact details may be released only after the candidate consented.`]);
    // The asking side (another owner) may not take the candidate owner's steps.
    expect(await refused(act(asker, 'recordIntroductionContact'))).toEqual(['FORBIDDEN', 'You may not contact Introduction data of owner "rotterdam".']);

    expect((await act(advisor, 'recordIntroductionContact')).data).toEqual({ recordIntroductionContact: { status: 'CONTACTED' } });
    expect(await refused(act(advisor, 'recordIntroductionContact'))).toEqual(['CONFLICT', `Introduction ${id} is CONTACTED: the contact with the candidate was already recorded.`]);
    expect(await refused(act(asker, 'recordIntroductionConsent', ', decision: GIVEN'))).toEqual(['FORBIDDEN', 'You may not consent Introduction data of owner "rotterdam".']);
    expect((await act(advisor, 'recordIntroductionConsent', ', decision: GIVEN')).data).toEqual({ recordIntroductionConsent: { status: 'CONSENTED' } });
    expect(await refused(act(advisor, 'recordIntroductionConsent', ', decision: REFUSED'))).toEqual(['CONFLICT',
      `Introduction ${id} is CONSENTED: the candidate already answered (CONSENTED); a consent decision is final.`]);
    expect((await act(advisor, 'recordContactDetailsReleased')).data).toEqual({ recordContactDetailsReleased: { status: 'CONTACT_RELEASED' } });
    expect(await refused(act(advisor, 'recordContactDetailsReleased'))).toEqual(['CONFLICT',
      `Introduction ${id} is CONTACT_RELEASED: the release of the contact details was already recorded.`]);

    // The asking side follows the status; a third owner's WSP may not.
    const read = `query($id: ID!) { introduction(id: $id) { status contactedAt decidedAt contactReleasedAt } }`;
    const seen = await asker(read, { id });
    expect(seen.data.introduction).toEqual({ status: 'CONTACT_RELEASED', contactedAt: expect.any(String), decidedAt: expect.any(String), contactReleasedAt: expect.any(String) });
    const third = await asRole(hub, 'wsp', 'haaglanden-zhc');
    expect((await third(read, { id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const log = await advisor(`{ auditLog(owner: "rotterdam", first: 50) { nodes { action entityType entityId subject } } }`);
    const steps = log.data.auditLog.nodes.filter((e: { entityType: string }) => e.entityType === 'Introduction').reverse();
    expect(steps.map((e: { action: string; subject: string }) => [e.action, e.subject])).toEqual([
      ['requestIntroduction', 'wsp-den-haag'], ['recordIntroductionContact', 'wsp-rotterdam'],
      ['recordIntroductionConsent', 'wsp-rotterdam'], ['recordContactDetailsReleased', 'wsp-rotterdam'],
    ]);
  });

  it('ends at a refusal: no release after it, no second answer', async () => {
    const other = await registerCandidate(hub, 'rotterdam', PROFILE);
    const asker = await asRole(hub, 'wsp', 'den-haag');
    const advisor = await asRole(hub, 'wsp', 'rotterdam');
    const id = (await request(asker, other)).data.requestIntroduction.id;
    await advisor(`mutation($id: ID!) { recordIntroductionContact(id: $id) { status } }`, { id });
    expect((await advisor(`mutation($id: ID!) { recordIntroductionConsent(id: $id, decision: REFUSED) { status } }`, { id })).data).toEqual({ recordIntroductionConsent: { status: 'REFUSED' } });
    const release = await advisor(`mutation($id: ID!) { recordContactDetailsReleased(id: $id) { status } }`, { id });
    expect(release.errors?.[0]).toMatchObject({ message: `Introduction ${id} is REFUSED: the candidate refused: contact details may not be released.`, extensions: { code: 'CONFLICT', status: 'REFUSED' } });
    const again = await advisor(`mutation($id: ID!) { recordIntroductionConsent(id: $id, decision: GIVEN) { status } }`, { id });
    expect(again.errors?.[0].message).toBe(`Introduction ${id} is REFUSED: the candidate already answered (REFUSED); a consent decision is final.`);
  });

  it('is asked once per candidate and vacancy, only by the vacancy\'s side, only for an active candidate', async () => {
    const asker = await asRole(hub, 'wsp', 'den-haag');
    const twice = await request(asker);
    expect(twice.errors?.[0]).toMatchObject({ message: `An introduction of ${candidate} for ${vacancy} was already asked for.`, extensions: { code: 'CONFLICT' } });
    const stranger = await asRole(hub, 'wsp', 'haaglanden-zhc');
    expect((await request(stranger)).errors?.[0]).toMatchObject({
      message: 'Only the WSP staff of owner "den-haag" or the employer itself may ask for an introduction for this vacancy.', extensions: { code: 'FORBIDDEN' } });
    const otherEmployer = await asRole(hub, 'contractor', 'den-haag', '12345678');
    expect((await request(otherEmployer)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await hub.query(`mutation($c: ID!, $v: ID!) { requestIntroduction(input: { candidateId: $c, vacancyId: $v }) { id } }`, { c: candidate, v: vacancy })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // The employer itself may ask.
    const fresh = await registerCandidate(hub, 'rotterdam', PROFILE);
    const employer = await asRole(hub, 'contractor', 'den-haag', '90004760');
    expect((await request(employer, fresh)).data.requestIntroduction.status).toBe('REQUESTED');
    const paused = await registerCandidate(hub, 'rotterdam', PROFILE, 'PAUSED');
    expect((await request(asker, paused)).errors?.[0]).toMatchObject({ message: `Candidate ${paused} is PAUSED and takes no introductions now.`, extensions: { code: 'CONFLICT' } });
  });
});
