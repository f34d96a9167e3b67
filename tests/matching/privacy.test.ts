import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGlobalId } from '../../lib/global-id.ts';
import { findPersonalData, passesElfproef } from '../../subgraphs/region/domain/personal-data.ts';
import { eraseExpiredCandidates } from '../../subgraphs/region/retention.ts';
import { storageKinds, testDatabases } from '../helpers/databases.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { asRole, registerCandidate, registerVacancy } from './fixtures.ts';

/**
 * Acceptance 1: no candidate field can carry a name, BSN, contact, birth date, health or
 * benefit detail; free text with an e-mail address, a phone number or an elfproef-valid BSN is
 * refused; an erased candidate leaves no trace but counts.
 */
describe.each(storageKinds)('candidate privacy on %s', (kind) => {
  let hub: TestHub;
  const databases = testDatabases(kind);
  beforeAll(async () => { hub = await startTestHub({ seedDemo: false, storage: (service) => databases.create(service) }); });
  afterAll(async () => { await hub?.stop(); await databases.dropAll(); });

  const PROFILE = { occupations: ['9112'], skills: ['Schoonmaken'], postcode4: '2525', hoursPerWeek: 24, supportAvailable: true };
  const FORBIDDEN_NAME = /name|naam|bsn|burgerservice|email|e_mail|mail|phone|telefoon|mobile|address|adres|street|birth|geboorte|health|gezondheid|medical|diagnos|benefit|uitkering|income|inkomen|contact|gender|nationality|religion/i;

  describe('the public schema of candidates', () => {
    it('has no field that could hold a name, BSN, contact details, birth date, health or benefit', async () => {
      const types = ['CandidateProfile', 'MatchedCandidate', 'RegisterCandidateInput', 'UpdateCandidateInput', 'Language', 'LanguageInput'];
      const fields: Record<string, string[]> = {};
      for (const name of types) {
        const res = await hub.query(`query($n: String!) { __type(name: $n) { fields { name } inputFields { name } } }`, { n: name });
        fields[name] = (res.data.__type.fields ?? res.data.__type.inputFields).map((f: { name: string }) => f.name);
      }
      expect(fields).toEqual({
        CandidateProfile: ['id', 'owner', 'postcode4', 'ageBand', 'hoursPerWeek', 'availableFrom', 'educationLevel', 'occupations', 'skills', 'languages', 'drivingLicence', 'supportAvailable', 'status', 'introductions', 'createdAt', 'updatedAt'],
        MatchedCandidate: ['id', 'owner', 'postcode4', 'ageBand', 'hoursPerWeek', 'availableFrom', 'educationLevel', 'occupations', 'skills', 'languages', 'drivingLicence', 'supportAvailable'],
        RegisterCandidateInput: ['owner', 'postcode4', 'ageBand', 'hoursPerWeek', 'availableFrom', 'educationLevel', 'occupations', 'skills', 'languages', 'drivingLicence', 'supportAvailable'],
        UpdateCandidateInput: ['postcode4', 'ageBand', 'hoursPerWeek', 'availableFrom', 'educationLevel', 'occupations', 'skills', 'languages', 'drivingLicence', 'supportAvailable', 'status'],
        Language: ['code', 'level'],
        LanguageInput: ['code', 'level'],
      });
      for (const name of Object.values(fields).flat()) expect(name).not.toMatch(FORBIDDEN_NAME);
      // Age is a band, never a date; the only free text is the skills list, which is checked.
      const age = await hub.query(`{ __type(name: "AgeBand") { enumValues { name } } }`);
      expect(age.data.__type.enumValues.map((v: { name: string }) => v.name)).toEqual(['UNDER_18', 'AGE_18_26', 'AGE_27_34', 'AGE_35_44', 'AGE_45_54', 'AGE_55_PLUS']);
    });
  });

  describe('free text of a candidate', () => {
    it('is refused with an e-mail address, a phone number or an elfproef-valid BSN, and nothing is written', async () => {
      const wsp = await asRole(hub, 'wsp', 'den-haag');
      const register = (skills: string[]) => wsp(`mutation($i: RegisterCandidateInput!) { registerCandidate(input: $i) { skills } }`, { i: {
        owner: 'den-haag', ageBand: 'AGE_27_34', availableFrom: '2025-03-01', educationLevel: 'MBO_2', ...PROFILE, skills } });
      const cases: [string, string][] = [
        ['mail jan.jansen@example.nl voor meer', 'an e-mail address'],
        ['bel 06-12345678', 'a phone number'],
        ['telefoon 070 123 45 67', 'a phone number'],
        ['+31 6 1234 5678', 'a phone number'],
        ['klantnummer 111222333', 'a BSN'],
        ['nummer 1112.22.333', 'a BSN'],
      ];
      for (const [text, found] of cases) {
        const res = await register(['Schoonmaken', text]);
        expect(res).toEqual({ data: null, errors: [expect.objectContaining({
          message: `skills contains ${found}. The hub keeps no contact details or BSN of candidates: leave them out.`,
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'skills', reason: 'PERSONAL_DATA' }),
        })] });
      }
      // Nine digits that fail the elfproef, a PC4 and a year are not personal data.
      const fine = await register(['Heftruckcertificaat 123456789', 'Werkt sinds 2019 in 2525']);
      expect(fine).toEqual({ data: { registerCandidate: { skills: ['Heftruckcertificaat 123456789', 'Werkt sinds 2019 in 2525'] } } });
      const all = await wsp(`{ candidateProfiles(owner: "den-haag") { totalCount } }`);
      expect(all.data.candidateProfiles.totalCount).toBe(1);
      // The same rule on a change.
      const id = (await wsp(`{ candidateProfiles(owner: "den-haag") { nodes { id } } }`)).data.candidateProfiles.nodes[0].id;
      const changed = await wsp(`mutation($id: ID!) { updateCandidate(id: $id, input: { skills: ["info@example.org"] }) { skills } }`, { id });
      expect(changed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'skills' });
    });

    it('knows the elfproef', () => {
      expect(['111222333', '123456782', '999999991'].map(passesElfproef)).toEqual([true, true, false]);
      expect(['123456789', '000000000', '12345678'].map(passesElfproef)).toEqual([false, false, false]);
      expect(findPersonalData('Schoonmaak, 20 uur, PC4 2525')).toBeNull();
    });
  });

  describe('erasure', () => {
    it('leaves no trace of the pseudonym in any table, but the placement still counts', async () => {
      const vacancy = await registerVacancy(hub, 'den-haag', { occupation: '9112', skills: [], postcode4: '2511', municipality: 'GM0518', hoursMin: 20, targetGroups: [] });
      const candidate = await registerCandidate(hub, 'den-haag', PROFILE);
      const wsp = await asRole(hub, 'wsp', 'den-haag');
      const intro = await wsp(`mutation($c: ID!, $v: ID!) { requestIntroduction(input: { candidateId: $c, vacancyId: $v }) { id } }`, { c: candidate, v: vacancy });
      expect(intro.errors).toBeUndefined();
      await wsp(`mutation($id: ID!) { recordIntroductionContact(id: $id) { status } }`, { id: intro.data.requestIntroduction.id });
      const placed = await wsp(`mutation($c: ID!, $v: ID!) { recordPlacement(input: { candidateId: $c, vacancyId: $v, employer: { kvkNumber: "90004760", name: "Schoon & Co" },
        route: JOB, targetGroup: "WW", startDate: "2025-04-01", hoursPerWeek: 24 }) { id candidateId } }`, { c: candidate, v: vacancy });
      expect(placed.data.recordPlacement.candidateId).toBe(candidate);
      const counts = async () => (await hub.asStaff(`{ placementStatistics(groupBy: [OWNER, YEAR]) { cells { owner year peoplePlaced } } }`)).data.placementStatistics.cells;
      const before = await counts();
      expect(before).toEqual([{ owner: 'den-haag', year: 2025, peoplePlaced: 1 }]);

      const db = hub.regions.get('den-haag')!.database.db;
      const pseudonym = parseGlobalId(candidate)!.uuid;
      const traces = async () => {
        const tables = await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
        const names = ((Array.isArray(tables) ? tables : (tables as { rows: unknown[] }).rows) as { table_name: string }[]).map((t) => t.table_name);
        const found: Record<string, number> = {};
        for (const name of names) {
          const res = await db.execute(sql`select count(*)::int as n from ${sql.identifier(name)} t where t::text like ${`%${pseudonym}%`}`);
          const n = ((Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as { n: number }[])[0].n;
          if (n) found[name] = n;
        }
        return found;
      };
      // Before: the profile, the introduction, the placement and audit entries name it.
      expect(Object.keys(await traces()).sort()).toEqual(['audit_log', 'candidate_profile', 'introduction', 'placement']);

      const erased = await wsp(`mutation($id: ID!) { eraseCandidate(id: $id) { introductionsErased placementsAnonymised } }`, { id: candidate });
      expect(erased).toEqual({ data: { eraseCandidate: { introductionsErased: 1, placementsAnonymised: 1 } } });
      expect(await traces()).toEqual({});
      expect(await counts()).toEqual(before);
      const gone = await wsp(`query($id: ID!, $p: ID!) { candidateProfile(id: $id) { id } placement(id: $p) { candidateId route } }`, { id: candidate, p: placed.data.recordPlacement.id });
      expect(gone).toEqual({ data: { candidateProfile: null, placement: { candidateId: null, route: 'JOB' } } });
      const again = await wsp(`mutation($id: ID!) { eraseCandidate(id: $id) { introductionsErased } }`, { id: candidate });
      expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('happens by itself after the retention period without a change', async () => {
      const kept = await registerCandidate(hub, 'rotterdam', PROFILE);
      const stale = await registerCandidate(hub, 'rotterdam', PROFILE);
      const db = hub.regions.get('rotterdam')!.database.db;
      await db.execute(sql`update candidate_profile set updated_at = now() - interval '25 months' where id = ${parseGlobalId(stale)!.uuid}`);
      expect(await eraseExpiredCandidates(db, 'rotterdam', 24)).toBe(1);
      const wsp = await asRole(hub, 'wsp', 'rotterdam');
      const res = await wsp(`{ candidateProfiles(owner: "rotterdam") { nodes { id } } }`);
      expect(res.data.candidateProfiles.nodes).toEqual([{ id: kept }]);
    });
  });
});
