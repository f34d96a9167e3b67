import { and, arrayContains, arrayOverlaps, eq, exists, inArray, isNull, like, lte, gte, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../../lib/db/connect.ts';
import { todayInAmsterdam } from '../../../lib/scalars.ts';
import { offering, recognition } from '../../../drizzle/region/schema.ts';

/** Filter pieces shared by the enterprise and offering lists. */

export interface RecognitionFilter {
  schemes?: string[] | null;
  on?: string | null;
}

/** The enterprise holds a recognition (of one of the schemes) valid on the date. */
export function recognisedOn(db: Db, enterpriseId: AnyColumn, f: RecognitionFilter): SQL {
  const on = f.on ?? todayInAmsterdam();
  return exists(
    db.select({ one: sql`1` }).from(recognition).where(and(
      eq(recognition.enterpriseId, enterpriseId),
      f.schemes?.length ? inArray(recognition.scheme, f.schemes) : undefined,
      lte(recognition.validFrom, on),
      or(isNull(recognition.validUntil), gte(recognition.validUntil, on)),
    )),
  );
}

/**
 * Below this many estimated matches a text search sorts its matches; above it, the page walks
 * the order's index (matches are then dense enough to find a page quickly). See keysetOrder.
 */
export const SORT_MATCHES_BELOW = 5_000;

/** The planner's estimate of the rows a text search matches (EXPLAIN only plans; cheap). */
export async function fewTextMatches(db: Db, table: AnyColumn['table'], search: AnyColumn, query: string | null | undefined): Promise<boolean> {
  const condition = matchesText(search, query);
  if (!condition) return false;
  const result = await db.execute(sql`explain (format json) select 1 from ${table} where ${condition}`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  const plan = Object.values(rows[0])[0];
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: { 'Plan Rows': number } }[];
  return parsed[0].Plan['Plan Rows'] < SORT_MATCHES_BELOW;
}

/**
 * Words of a query of plain words only, as prefixes ("schoonmaak:*"): the Dutch configuration does
 * not split compounds, so "schoonmaak" alone would never find "Schoonmaakmedewerker". Only
 * letters and digits reach to_tsquery, so it cannot throw; a query with websearch syntax (quotes,
 * "or", a leading minus) keeps exactly the websearch meaning.
 */
function compoundPrefixes(q: string): string | undefined {
  if (/["-]/.test(q) || /(^|\s)or(\s|$)/i.test(q)) return undefined;
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  // Short words as prefixes would match nearly everything.
  if (!words || words.length > 8 || words.some((w) => w.length < 4)) return undefined;
  return words.map((w) => `${w}:*`).join(' & ');
}

/** Dutch full-text match; user text goes through websearch_to_tsquery, which never throws. */
export function matchesText(search: AnyColumn, query: string | null | undefined): SQL | undefined {
  const q = query?.trim();
  if (!q) return undefined;
  const prefixes = compoundPrefixes(q);
  return prefixes
    ? sql`${search} @@ (websearch_to_tsquery('dutch'::regconfig, ${q}) || to_tsquery('simple'::regconfig, ${prefixes}))`
    : sql`${search} @@ websearch_to_tsquery('dutch'::regconfig, ${q})`;
}

export function inList(column: AnyColumn, values: string[] | null | undefined): SQL | undefined {
  return values?.length ? inArray(column, values) : undefined;
}

export function containsAll(column: AnyColumn, values: string[] | null | undefined): SQL | undefined {
  return values?.length ? arrayContains(column, values) : undefined;
}

export function overlaps(column: AnyColumn, values: string[] | null | undefined): SQL | undefined {
  return values?.length ? arrayOverlaps(column, values) : undefined;
}

export function startsWithAny(column: AnyColumn, prefixes: string[] | null | undefined): SQL | undefined {
  return prefixes?.length ? or(...prefixes.map((p) => like(column, `${p}%`))) : undefined;
}

/** The enterprise has an offering in one of the categories. */
export function offersCategory(db: Db, enterpriseId: AnyColumn, categories: string[] | null | undefined): SQL | undefined {
  if (!categories?.length) return undefined;
  return exists(db.select({ one: sql`1` }).from(offering)
    .where(and(eq(offering.enterpriseId, enterpriseId), inArray(offering.categoryCode, categories))));
}
