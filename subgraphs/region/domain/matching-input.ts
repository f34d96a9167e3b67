import { badUserInput } from '../../../lib/errors.ts';
import { TARGET_GROUPS } from '../../catalog/reference/target-groups.ts';
import { OCCUPATIONS } from './isco.ts';
import { findPersonalData } from './personal-data.ts';
import * as v from './validate.ts';

/** Input rules of vacancies, candidate profiles and placements (BAD_USER_INPUT naming the field). */

const TARGET_GROUP_CODES = new Set(TARGET_GROUPS.map((t) => t.code));

export function occupationCode(field: string, code: string): string {
  if (!OCCUPATIONS[code]) throw badUserInput(`${field}: "${code}" is not an ISCO-08 unit group the hub knows (4 digits, see domain/isco.ts).`, { field });
  return code;
}

export function occupationCodes(codes: readonly string[]): string[] {
  if (codes.length < 1 || codes.length > 5) throw badUserInput('occupations must list 1 to 5 ISCO-08 codes.', { field: 'occupations' });
  return [...new Set(codes.map((c) => occupationCode('occupations', c)))];
}

/**
 * Candidate free text: short, and never with an e-mail address, a phone number or a BSN in it
 * (the hub must not hold them; the input is refused rather than cleaned).
 */
export function candidateText(field: string, value: string, max: number): string {
  const text = v.text(field, value, { max });
  const found = findPersonalData(text);
  if (found) throw badUserInput(`${field} contains ${found}. The hub keeps no contact details or BSN of candidates: leave them out.`, { field, reason: 'PERSONAL_DATA' });
  return text;
}

export function skills(list: readonly string[] | null | undefined, field = 'skills'): string[] {
  const items = list ?? [];
  if (items.length > 20) throw badUserInput(`${field} may list at most 20 skills.`, { field });
  return [...new Set(items.map((s) => candidateText(field, s, 100)))];
}

export function vacancySkills(list: readonly string[] | null | undefined): string[] {
  const items = list ?? [];
  if (items.length > 20) throw badUserInput('skills may list at most 20 skills.', { field: 'skills' });
  return [...new Set(items.map((s) => v.text('skills', s, { max: 100 })))];
}

export function languages(list: readonly { code: string; level: string }[] | null | undefined): string[] {
  const items = list ?? [];
  if (items.length > 10) throw badUserInput('languages may list at most 10 languages.', { field: 'languages' });
  return [...new Map(items.map((l) => {
    if (!/^[a-z]{2}$/.test(l.code)) throw badUserInput(`languages: "${l.code}" is not an ISO 639-1 code (two lower-case letters).`, { field: 'languages' });
    return [l.code, `${l.code}:${l.level}`] as const;
  })).values()];
}

export const languageOf = (stored: string) => { const [code, level] = stored.split(':'); return { code, level }; };

export function hoursPerWeek(field: string, hours: number): number {
  if (!Number.isInteger(hours) || hours < 1 || hours > 60) throw badUserInput(`${field} must be a whole number of hours from 1 to 60, got ${hours}.`, { field });
  return hours;
}

export function targetGroups(codes: readonly string[] | null | undefined, field = 'targetGroups'): string[] {
  const unknown = (codes ?? []).filter((c) => !TARGET_GROUP_CODES.has(c));
  if (unknown.length) throw badUserInput(`${field} has unknown target groups: ${unknown.join(', ')} (see the catalog's target groups).`, { field });
  return [...new Set(codes ?? [])];
}

/** Prefixes of ISCO-08 codes for filters. */
export function occupationPrefixes(list: readonly string[] | null | undefined): string[] | null {
  if (!list?.length) return null;
  if (list.length > 50) throw badUserInput('occupations may list at most 50 codes.', { field: 'occupations' });
  for (const p of list) if (!/^\d{1,4}$/.test(p)) throw badUserInput(`occupations must be 1 to 4 digits, got "${p}".`, { field: 'occupations' });
  return [...list];
}
