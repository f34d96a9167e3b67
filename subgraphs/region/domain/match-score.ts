import { sortKey } from '../../../lib/sort-key.ts';
import { OCCUPATIONS } from './isco.ts';
import { distanceTenthsKm } from './pc4-distance.ts';

/**
 * The match score of a candidate for a vacancy: 0 to 100, the sum of five factors, each
 * explained. Integer arithmetic only, so the same inputs give the same score everywhere.
 *
 * - OCCUPATION (40): an occupation of interest in the vacancy's ISCO-08 unit group 40, same
 *   minor group (3 digits) 25, sub-major group (2) 15, major group (1) 5, else 0; the best one counts.
 * - SKILLS (25): 25 × shared / the vacancy's skills, rounded down (compared without case and
 *   accents); 25 when the vacancy lists none.
 * - DISTANCE (20): between the PC4 centroids; 20 up to 5 km, 0 from 30 km, linear between
 *   (rounded); 0 when a postcode is unknown.
 * - HOURS (10): 10 when the candidate's hours reach the vacancy's minimum, else 10 × hours /
 *   minimum rounded down.
 * - TARGET_GROUP (5): 5 when the vacancy welcomes target groups and the candidate consented to
 *   showing that support is available. The hub never knows a candidate's target group (benefit
 *   details stay with the WSP), so this consented flag is the only fit it can score.
 */
export interface MatchVacancy {
  occupationCode: string;
  skills: readonly string[];
  postcode4: string;
  hoursMin: number;
  targetGroups: readonly string[];
}

export interface MatchCandidate {
  occupationCodes: readonly string[];
  skills: readonly string[];
  postcode4: string;
  hoursPerWeek: number;
  supportAvailable: boolean;
}

export type FactorKind = 'OCCUPATION' | 'SKILLS' | 'DISTANCE' | 'HOURS' | 'TARGET_GROUP';

export interface Factor {
  factor: FactorKind;
  points: number;
  maxPoints: number;
  explanation: string;
}

export interface MatchScore {
  score: number;
  factors: Factor[];
  distanceTenthsKm: number | null;
}

const OCCUPATION_LEVELS: [digits: number, points: number, what: string][] = [
  [4, 40, 'unit group'], [3, 25, 'minor group'], [2, 15, 'sub-major group'], [1, 5, 'major group'],
];

function occupationFactor(v: MatchVacancy, c: MatchCandidate): Factor {
  for (const [digits, points, what] of OCCUPATION_LEVELS) {
    const hit = c.occupationCodes.find((code) => code.slice(0, digits) === v.occupationCode.slice(0, digits));
    if (hit) {
      return { factor: 'OCCUPATION', points, maxPoints: 40, explanation: digits === 4
        ? `Interested in ${hit} (${OCCUPATIONS[hit] ?? hit}), the vacancy's ISCO-08 unit group.`
        : `Interested in ${hit}, same ISCO-08 ${what} (${v.occupationCode.slice(0, digits)}) as the vacancy's ${v.occupationCode}.` };
    }
  }
  return { factor: 'OCCUPATION', points: 0, maxPoints: 40, explanation: `No occupation of interest in ISCO-08 major group ${v.occupationCode[0]}.` };
}

function skillsFactor(v: MatchVacancy, c: MatchCandidate): Factor {
  if (!v.skills.length) return { factor: 'SKILLS', points: 25, maxPoints: 25, explanation: 'The vacancy asks for no particular skills.' };
  const have = new Set(c.skills.map(sortKey));
  const shared = v.skills.filter((s) => have.has(sortKey(s)));
  return {
    factor: 'SKILLS', points: Math.floor((25 * shared.length) / v.skills.length), maxPoints: 25,
    explanation: `${shared.length} of ${v.skills.length} skills asked${shared.length ? `: ${shared.join(', ')}` : ''}.`,
  };
}

function distanceFactor(v: MatchVacancy, c: MatchCandidate, tenths: number | null): Factor {
  if (tenths === null) return { factor: 'DISTANCE', points: 0, maxPoints: 20, explanation: `Distance unknown (PC4 ${c.postcode4} or ${v.postcode4} not in the centroid list).` };
  // 20 × (300 − tenths) / 250 never ends in exactly .5 (2 × integer / 25), so rounding has no ties.
  const points = tenths <= 50 ? 20 : tenths >= 300 ? 0 : Math.round((2 * (300 - tenths)) / 25);
  return { factor: 'DISTANCE', points, maxPoints: 20, explanation: `${(tenths / 10).toFixed(1)} km between PC4 ${c.postcode4} and ${v.postcode4} (centroids).` };
}

function hoursFactor(v: MatchVacancy, c: MatchCandidate): Factor {
  const points = c.hoursPerWeek >= v.hoursMin ? 10 : Math.floor((10 * c.hoursPerWeek) / v.hoursMin);
  return { factor: 'HOURS', points, maxPoints: 10, explanation: `Available ${c.hoursPerWeek} h a week; the vacancy asks at least ${v.hoursMin} h.` };
}

function targetGroupFactor(v: MatchVacancy, c: MatchCandidate): Factor {
  const welcomes = v.targetGroups.length > 0;
  const points = welcomes && c.supportAvailable ? 5 : 0;
  const explanation = !welcomes ? 'The vacancy names no target groups.'
    : c.supportAvailable ? `The vacancy welcomes ${v.targetGroups.join(', ')}; the candidate consented to showing that support is available.`
      : `The vacancy welcomes ${v.targetGroups.join(', ')}; the candidate has no consented support flag.`;
  return { factor: 'TARGET_GROUP', points, maxPoints: 5, explanation };
}

export function matchScore(v: MatchVacancy, c: MatchCandidate): MatchScore {
  const tenths = distanceTenthsKm(c.postcode4, v.postcode4);
  const factors = [occupationFactor(v, c), skillsFactor(v, c), distanceFactor(v, c, tenths), hoursFactor(v, c), targetGroupFactor(v, c)];
  return { score: factors.reduce((s, f) => s + f.points, 0), factors, distanceTenthsKm: tenths };
}
