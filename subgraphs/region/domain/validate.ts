import { badUserInput } from '../../../lib/errors.ts';
import { CATEGORIES } from '../../catalog/reference/categories.ts';
import { MUNICIPALITIES } from '../../catalog/reference/municipalities.ts';
import type { OwnerSettings } from '../../owners.ts';

/**
 * Input rules of the regional contract, checked before anything is written. Each failure is
 * BAD_USER_INPUT with a message naming the field. Categories and municipalities are the
 * catalog's static reference data (the same files the catalog serves).
 */

const CATEGORY_CODES = new Set(CATEGORIES.map((c) => c.code));
const MUNICIPALITY_CODES = new Set(MUNICIPALITIES.map((m) => m.code));

export function text(field: string, value: string, { min = 1, max }: { min?: number; max: number }): string {
  const v = value.trim();
  if (v.length < min || v.length > max) throw badUserInput(`${field} must be ${min} to ${max} characters long.`, { field });
  return v;
}

export function optionalText(field: string, value: string | null | undefined, max: number): string | null {
  if (value == null || value.trim() === '') return null;
  return text(field, value, { max });
}

export function matches(field: string, value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw badUserInput(`${field} must be ${what}, got "${value}".`, { field });
  return value;
}

export const kvkNumber = (v: string) => matches('kvkNumber', v, /^\d{8}$/, 'a KvK number of 8 digits');
export const establishmentNumber = (v: string | null | undefined) =>
  v == null || v === '' ? null : matches('establishmentNumber', v, /^\d{12}$/, 'a vestigingsnummer of 12 digits');
export const postcode4 = (v: string) => matches('postcode4', v, /^[1-9]\d{3}$/, 'a four-digit postcode area');
export const cpvCode = (v: string) => matches('cpvCode', v, /^\d{8}-\d$/, 'a CPV code NNNNNNNN-C');

export function website(v: string | null | undefined): string | null {
  if (v == null || v === '') return null;
  let url: URL;
  try { url = new URL(v); } catch { throw badUserInput(`website must be an http(s) URL, got "${v}".`, { field: 'website' }); }
  if (!['http:', 'https:'].includes(url.protocol) || v.length > 300) throw badUserInput('website must be an http(s) URL of at most 300 characters.', { field: 'website' });
  return v;
}

export function ownMunicipality(owner: OwnerSettings, code: string, field = 'municipality'): string {
  if (!owner.municipalities.includes(code)) {
    throw badUserInput(`Municipality ${code} is not held by owner "${owner.code}" (it holds ${owner.municipalities.join(', ')}).`, { field });
  }
  return code;
}

export function serviceArea(codes: readonly string[]): string[] {
  if (codes.length < 1 || codes.length > 50) throw badUserInput('serviceArea must list 1 to 50 municipalities.', { field: 'serviceArea' });
  const unknown = codes.filter((c) => !MUNICIPALITY_CODES.has(c));
  if (unknown.length) throw badUserInput(`serviceArea has unknown municipality codes: ${unknown.join(', ')}.`, { field: 'serviceArea' });
  return [...new Set(codes)];
}

export function category(code: string): string {
  if (!CATEGORY_CODES.has(code)) throw badUserInput(`Unknown category "${code}" (see the catalog's categories).`, { field: 'category' });
  return code;
}

export function staff(total: number, withDistance: number): void {
  if (!Number.isInteger(total) || total < 1 || total > 100_000) throw badUserInput('staffTotal must be 1 to 100000.', { field: 'staffTotal' });
  if (!Number.isInteger(withDistance) || withDistance < 0 || withDistance > total) {
    throw badUserInput('staffWithDistance must be between 0 and staffTotal.', { field: 'staffWithDistance' });
  }
}

export interface RecognitionInput { scheme: string; issuedBy: string; validFrom: string; validUntil?: string | null }

export function recognitions(list: readonly RecognitionInput[]): RecognitionInput[] {
  if (list.length > 20) throw badUserInput('At most 20 recognitions per enterprise.', { field: 'recognitions' });
  return list.map((r) => {
    if (r.validUntil != null && r.validUntil < r.validFrom) {
      throw badUserInput(`Recognition ${r.scheme}: validUntil ${r.validUntil} is before validFrom ${r.validFrom}.`, { field: 'recognitions' });
    }
    return { ...r, issuedBy: text('recognitions.issuedBy', r.issuedBy, { max: 200 }), validUntil: r.validUntil ?? null };
  });
}

export interface ExternalReferenceInput { system: string; externalId: string; syncedAt?: string | null }

export function externalReferences(list: readonly ExternalReferenceInput[]): ExternalReferenceInput[] {
  if (list.length > 10) throw badUserInput('At most 10 external references per enterprise.', { field: 'externalReferences' });
  return list.map((r) => ({
    system: matches('externalReferences.system', r.system, /^[A-Z][A-Z0-9_]{1,39}$/, 'an upper-case system name such as MAEX'),
    externalId: text('externalReferences.externalId', r.externalId, { max: 100 }),
    syncedAt: r.syncedAt ?? null,
  }));
}

export function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > 100) throw badUserInput(`first must be between 0 and 100, got ${first}.`, { field: 'first' });
  return first;
}

export function searchText(query: string | null | undefined): void {
  if (query != null && query.length > 200) throw badUserInput('The search text may be at most 200 characters.', { field: 'query' });
}

export function codeList(field: string, list: readonly string[] | null | undefined): void {
  if (list && list.length > 100) throw badUserInput(`${field} may list at most 100 values.`, { field });
}
