import { candidateProfile, introduction, organisation, placement, vacancy } from '../../../drizzle/region/schema.ts';
import { formatGlobalId } from '../../../lib/global-id.ts';
import type { OwnerSettings } from '../../owners.ts';
import { Rng, type DemoData } from './generate.ts';
import type { SocialReturnDemo } from './social-return.ts';

/**
 * Demo matching data of one owner, deterministic and invented: vacancies of the owner's demo
 * employers (the social-return contractors when there are any, linked to one of their
 * contracts), pseudonymous candidates at real postcodes of the owner, introductions in every
 * status and placements over several years. No candidate has anything but the profile fields.
 */
export interface MatchingDemo {
  organisations: (typeof organisation.$inferInsert)[];
  vacancies: (typeof vacancy.$inferInsert)[];
  candidates: (typeof candidateProfile.$inferInsert)[];
  introductions: (typeof introduction.$inferInsert)[];
  placements: (typeof placement.$inferInsert)[];
}

/** ISCO-08 code, vacancy title, a line of description, the skills it asks. */
const JOBS: [string, string, string, string[]][] = [
  ['9112', 'Schoonmaakmedewerker kantoren', 'Avondwerk in kantoorgebouwen, in een vast team.', ['Schoonmaken', 'Werken volgens planning', 'Veilig werken met schoonmaakmiddelen']],
  ['9214', 'Medewerker groenonderhoud', 'Snoeien, maaien en onkruid wieden in parken en plantsoenen.', ['Groenonderhoud', 'Werken met handgereedschap', 'Buiten werken']],
  ['4321', 'Magazijnmedewerker', 'Orderpicken en inpakken in een distributiecentrum.', ['Orderpicken', 'Scanner gebruiken', 'Nauwkeurig werken']],
  ['9412', 'Keukenhulp bedrijfsrestaurant', 'Voorbereiden, afwassen en de keuken schoonhouden.', ['Hygiënisch werken', 'Afwassen', 'Snijden en voorbereiden']],
  ['5223', 'Verkoopmedewerker winkel', 'Klanten helpen, vakken vullen en afrekenen.', ['Klantvriendelijk', 'Kassa bedienen', 'Vakken vullen']],
  ['9313', 'Hulpkracht bouw', 'Meehelpen op de bouwplaats bij renovatieprojecten.', ['Werken op hoogte', 'VCA', 'Lichamelijk zwaar werk']],
  ['8322', 'Bezorger bestelbus', 'Pakketten bezorgen in de regio.', ['Rijbewijs B', 'Routeplanning', 'Klantvriendelijk']],
  ['5414', 'Beveiliger publieke gebouwen', 'Toegangscontrole en rondes in gemeentelijke gebouwen.', ['Toezicht houden', 'Klantvriendelijk', 'Rapporteren']],
  ['9334', 'Vakkenvuller supermarkt', 'Vakken vullen in de ochtend.', ['Vakken vullen', 'Nauwkeurig werken']],
  ['4110', 'Administratief medewerker', 'Post verwerken, scannen en archiveren.', ['Computervaardig', 'Nauwkeurig werken', 'Archiveren']],
];
const TARGET_GROUPS = ['WW', 'PARTICIPATIEWET', 'NUG', 'BANENAFSPRAAK', 'YOUTH_WITHOUT_STARTKWALIFICATIE'];
const AGE_BANDS = ['AGE_18_26', 'AGE_27_34', 'AGE_35_44', 'AGE_45_54', 'AGE_55_PLUS'];
const EDUCATION = ['NONE', 'PRO_VSO', 'VMBO', 'MBO_1', 'MBO_2', 'MBO_3', 'HAVO_VWO'];
const LANGUAGES = [['nl:A2'], ['nl:B1'], ['nl:B2', 'en:A2'], ['nl:A1', 'ar:C2'], ['nl:B1', 'tr:C2'], ['nl:C1']];
const ROUTES = ['JOB', 'JOB', 'JOB', 'BBL_LEVEL_1_2', 'INTERNSHIP_MBO_HBO', 'WORK_EXPERIENCE'];

const isoDay = (d: number) => new Date(d).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => isoDay(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);

export function generateMatchingDemo(owner: OwnerSettings, data: DemoData, socialReturn: SocialReturnDemo | undefined, today: string): MatchingDemo {
  const rng = new Rng(`social-return-hub:${owner.code}:matching:${owner.demo.seed}`);
  // Real postcodes of the owner's municipalities, as its demo enterprises use them.
  const places = data.enterprises.map((e) => ({ pc4: e.postcode4, municipality: e.municipalityCode }));
  const organisations = socialReturn?.organisations.length ? [] : ['Facilitair Bedrijf Duin', 'Logistiek Centrum Zuid', 'Horeca Groep Plein']
    .map((name, i) => ({ id: rng.uuid(), kvkNumber: String(40_000_000 + owner.demo.seed * 100 + i), name: `${name} B.V.` }));
  const employers = socialReturn?.organisations.length ? socialReturn.organisations : organisations;

  const vacancies: MatchingDemo['vacancies'] = [];
  for (let i = 0; i < 15; i++) {
    const [code, title, description, skills] = JOBS[i % JOBS.length];
    const employer = rng.pick(employers);
    const place = rng.pick(places);
    const contract = socialReturn?.contracts.filter((c) => c.contractorId === employer.id && (c.periodEnd ?? '') >= today)[0];
    const hoursMin = [12, 16, 20, 24, 32][rng.int(0, 4)];
    const status = i < 11 ? 'PUBLISHED' : ['DRAFT', 'FILLED', 'CLOSED', 'PUBLISHED'][i - 11];
    vacancies.push({
      id: rng.uuid(), employerId: employer.id!, title, description, occupationCode: code, hoursMin, hoursMax: Math.min(40, hoursMin + 12),
      municipalityCode: place.municipality, postcode4: place.pc4, skills, targetGroups: rng.pickDistinct(TARGET_GROUPS, rng.int(0, 3)),
      contractId: contract ? formatGlobalId(owner.code, 'Contract', contract.id!) : null, status,
      publishedAt: status === 'DRAFT' ? null : `${addDays(today, -rng.int(5, 200))} 09:00:00+00`, closesOn: status === 'PUBLISHED' ? addDays(today, rng.int(14, 60)) : null,
    });
  }

  const candidates: MatchingDemo['candidates'] = [];
  for (let i = 0; i < 40; i++) {
    const jobs = rng.pickDistinct(JOBS, rng.int(1, 3));
    candidates.push({
      id: rng.uuid(), postcode4: rng.pick(places).pc4, ageBand: rng.pick(AGE_BANDS), hoursPerWeek: [8, 12, 16, 20, 24, 32, 36, 40][rng.int(0, 7)],
      availableFrom: addDays(today, rng.int(-60, 90)), educationLevel: rng.pick(EDUCATION), occupationCodes: jobs.map((j) => j[0]),
      skills: [...new Set(jobs.flatMap((j) => rng.pickDistinct(j[3], rng.int(0, 2))))], languages: rng.pick(LANGUAGES),
      drivingLicence: rng.chance(0.5) ? rng.chance(0.4) : null, supportAvailable: rng.chance(0.5), status: i < 32 ? 'ACTIVE' : i < 36 ? 'PAUSED' : 'PLACED',
    });
  }

  const introductions: MatchingDemo['introductions'] = [];
  const open = vacancies.filter((v) => v.status === 'PUBLISHED');
  const steps = ['REQUESTED', 'CONTACTED', 'CONSENTED', 'REFUSED', 'CONTACT_RELEASED'];
  for (let i = 0; i < 8; i++) {
    const v = open[i % open.length];
    const employer = employers.find((e) => e.id === v.employerId)!;
    const status = steps[i % steps.length];
    const at = `${addDays(today, -rng.int(3, 60))} 10:00:00+00`;
    introductions.push({
      id: rng.uuid(), candidateId: candidates[i].id!, vacancyId: formatGlobalId(owner.code, 'Vacancy', v.id!), vacancyTitle: v.title,
      employerKvk: employer.kvkNumber, employerName: employer.name, status, requestedBy: `demo-wsp-${owner.code}`, requestedAt: at,
      contactedAt: status === 'REQUESTED' ? null : at, decidedAt: ['CONSENTED', 'REFUSED', 'CONTACT_RELEASED'].includes(status) ? at : null,
      releasedAt: status === 'CONTACT_RELEASED' ? at : null,
    });
  }

  // The PLACED candidates and some placed before the hub kept their profile (no pseudonym left).
  const placements: MatchingDemo['placements'] = [];
  for (let i = 0; i < 14; i++) {
    const employer = rng.pick(employers);
    const route = rng.pick(ROUTES);
    const startDate = addDays(today, -rng.int(10, 4 * 365));
    placements.push({
      id: rng.uuid(), candidateId: i < 4 ? candidates[36 + i].id! : null, vacancyId: null, employerKvk: employer.kvkNumber, employerName: employer.name,
      route, targetGroup: route === 'JOB' ? rng.pick(TARGET_GROUPS) : null, startDate, endDate: rng.chance(0.5) ? addDays(startDate, 365) : null,
      hoursPerWeek: `${[16, 20, 24, 32, 36][rng.int(0, 4)]}.00`, contractId: null, realisationId: null, recordedBy: `demo-wsp-${owner.code}`,
      recordedAt: `${startDate} 09:00:00+00`,
    });
  }
  return { organisations, vacancies, candidates, introductions, placements };
}
