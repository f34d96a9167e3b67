import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { asRole, registerCandidate, registerVacancy } from './fixtures.ts';

/**
 * Acceptance 3: scores are deterministic and explained per factor, and the ranking merged over
 * every owner equals ranks worked out by hand for a small fixed data set.
 *
 * The vacancy (den-haag): ISCO 9112, three skills, PC4 2511, at least 20 h, welcomes WW.
 * Distances between PC4 centroids: 2525 1.9 km, 2282 3.1 km, 2491 5.0 km, 2611 7.9 km,
 * 2711 12.1 km, 3012 20.8 km, 3011 21.1 km (checked by hand: 2511 → 3012 is
 * 0.1593° north = 17.71 km and 0.1582° east × cos 52° = 10.84 km, √(17.71² + 10.84²) = 20.76 km).
 */
let hub: TestHub;
let vacancyId: string;
const ids: Record<string, string> = {};
const SKILLS = ['Schoonmaken', 'Werken volgens planning', 'Veilig werken met middelen'];

/** alias → [owner, profile, expected points per factor: occupation, skills, distance, hours, target group] */
const CANDIDATES: Record<string, [string, { occupations: string[]; skills: string[]; postcode4: string; hoursPerWeek: number; supportAvailable: boolean }, number[]]> = {
  // Everything fits; skills match without case.
  dh1: ['den-haag', { occupations: ['9112'], skills: ['schoonmaken', 'werken volgens planning', 'veilig werken met middelen'], postcode4: '2525', hoursPerWeek: 24, supportAvailable: true }, [40, 25, 20, 10, 5]],
  // 2 of 3 skills: 25 × 2 / 3 = 16; 21.1 km: round(20 × 8.9 / 25) = 7.
  rd1: ['rotterdam', { occupations: ['9112'], skills: ['Schoonmaken', 'Werken volgens planning'], postcode4: '3011', hoursPerWeek: 32, supportAvailable: true }, [40, 16, 7, 10, 5]],
  // 12 of 20 h: 6. dh2 and hz3 tie at 66: the merge orders them by global ID (den-haag: first).
  dh2: ['den-haag', { occupations: ['9112'], skills: [], postcode4: '2491', hoursPerWeek: 12, supportAvailable: false }, [40, 0, 20, 6, 0]],
  hz3: ['haaglanden-zhc', { occupations: ['9112'], skills: [], postcode4: '2282', hoursPerWeek: 12, supportAvailable: false }, [40, 0, 20, 6, 0]],
  // 9111: same minor group 911 → 25; 1 of 3 skills → 8; 7.9 km → round(20 × 22.1 / 25) = 18.
  hz1: ['haaglanden-zhc', { occupations: ['5223', '9111'], skills: ['Schoonmaken'], postcode4: '2611', hoursPerWeek: 20, supportAvailable: false }, [25, 8, 18, 10, 0]],
  // 9333: only major group 9 → 5; 20.8 km → round(20 × 9.2 / 25) = 7.
  rd2: ['rotterdam', { occupations: ['9333'], skills: ['Veilig werken met middelen'], postcode4: '3012', hoursPerWeek: 40, supportAvailable: true }, [5, 8, 7, 10, 5]],
  // Another major group; 12.1 km → round(20 × 17.9 / 25) = 14.
  hz2: ['haaglanden-zhc', { occupations: ['2512'], skills: [], postcode4: '2711', hoursPerWeek: 36, supportAvailable: true }, [0, 0, 14, 10, 5]],
};
const EXPECTED = [['dh1', 100], ['rd1', 78], ['dh2', 66], ['hz3', 66], ['hz1', 61], ['rd2', 35], ['hz2', 29]];

const MATCHES = `query($v: ID!, $first: Int, $after: String, $owner: ID) { candidateMatches(vacancyId: $v, first: $first, after: $after, owner: $owner) {
  nodes { score distanceKm candidate { id owner { code } postcode4 } factors { factor points maxPoints explanation } }
  pageInfo { hasNextPage endCursor } missingOwners } }`;

beforeAll(async () => {
  hub = await startTestHub({ seedDemo: false });
  vacancyId = await registerVacancy(hub, 'den-haag', { occupation: '9112', skills: SKILLS, postcode4: '2511', municipality: 'GM0518', hoursMin: 20, targetGroups: ['WW'] });
  for (const [alias, [owner, profile]] of Object.entries(CANDIDATES)) ids[alias] = await registerCandidate(hub, owner, profile);
  // Would score 100, but is not looking now: never matched.
  await registerCandidate(hub, 'rotterdam', { ...CANDIDATES.dh1[1] }, 'PAUSED');
});
afterAll(async () => { await hub?.stop(); });

const aliasOf = (id: string) => Object.keys(ids).find((a) => ids[a] === id);

describe('candidateMatches', () => {
  it('ranks the candidates of every owner by score, ties by global ID, each factor as worked out', async () => {
    const wsp = await asRole(hub, 'wsp', 'den-haag');
    const res = await wsp(MATCHES, { v: vacancyId, first: 20 });
    expect(res.errors).toBeUndefined();
    const nodes = res.data.candidateMatches.nodes as { score: number; candidate: { id: string; owner: { code: string } }; factors: { factor: string; points: number }[] }[];
    expect(nodes.map((n) => [aliasOf(n.candidate.id), n.score])).toEqual(EXPECTED);
    for (const n of nodes) {
      const [owner, , points] = CANDIDATES[aliasOf(n.candidate.id)!];
      expect(n.candidate.owner.code).toBe(owner);
      expect(n.factors.map((f) => [f.factor, f.points])).toEqual(
        ['OCCUPATION', 'SKILLS', 'DISTANCE', 'HOURS', 'TARGET_GROUP'].map((f, i) => [f, points[i]]));
      expect(n.score).toBe(points.reduce((a, b) => a + b, 0));
    }
    expect(res.data.candidateMatches.pageInfo.hasNextPage).toBe(false);
  });

  it('explains each factor in words', async () => {
    const wsp = await asRole(hub, 'wsp', 'den-haag');
    const res = await wsp(MATCHES, { v: vacancyId, first: 1, owner: 'haaglanden-zhc' });
    expect(res.data.candidateMatches.nodes).toEqual([{
      score: 66, distanceKm: 3.1, candidate: { id: ids.hz3, owner: { code: 'haaglanden-zhc' }, postcode4: '2282' },
      factors: [
        { factor: 'OCCUPATION', points: 40, maxPoints: 40, explanation: 'Interested in 9112 (Schoonmakers in kantoren, hotels en instellingen), the vacancy\'s ISCO-08 unit group.' },
        { factor: 'SKILLS', points: 0, maxPoints: 25, explanation: '0 of 3 skills asked.' },
        { factor: 'DISTANCE', points: 20, maxPoints: 20, explanation: '3.1 km between PC4 2282 and 2511 (centroids).' },
        { factor: 'HOURS', points: 6, maxPoints: 10, explanation: 'Available 12 h a week; the vacancy asks at least 20 h.' },
        { factor: 'TARGET_GROUP', points: 0, maxPoints: 5, explanation: 'The vacancy welcomes WW; the candidate has no consented support flag.' },
      ],
    }]);
  });

  it('pages through the merged ranking with the end cursor, and gives the same answer every time', async () => {
    const wsp = await asRole(hub, 'wsp', 'den-haag');
    const seen: [string | undefined, number][] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: any = await wsp(MATCHES, { v: vacancyId, first: 2, after });
      expect(res.errors).toBeUndefined();
      seen.push(...res.data.candidateMatches.nodes.map((n: { candidate: { id: string }; score: number }) => [aliasOf(n.candidate.id), n.score] as [string | undefined, number]));
      if (!res.data.candidateMatches.pageInfo.hasNextPage) break;
      after = res.data.candidateMatches.pageInfo.endCursor;
    }
    expect(seen).toEqual(EXPECTED);
    const again = await wsp(MATCHES, { v: vacancyId, first: 20 });
    const first = await wsp(MATCHES, { v: vacancyId, first: 20 });
    expect(again).toEqual(first);
  });

  it('matches only published vacancies', async () => {
    const draft = await registerVacancy(hub, 'den-haag', { occupation: '9112', skills: [], postcode4: '2511', municipality: 'GM0518', hoursMin: 20, targetGroups: [], status: 'DRAFT' });
    const wsp = await asRole(hub, 'wsp', 'den-haag');
    const res = await wsp(MATCHES, { v: draft, first: 5, owner: 'den-haag' });
    expect(res.errors?.[0]).toMatchObject({ message: `Vacancy ${draft} is DRAFT: only published vacancies are matched.`, extensions: { code: 'BAD_USER_INPUT' } });
  });
});
