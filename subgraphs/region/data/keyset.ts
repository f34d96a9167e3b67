import { and, asc, desc, eq, gt, lt, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { badUserInput } from '../../../lib/errors.ts';
import { formatGlobalId, parseGlobalId } from '../../../lib/global-id.ts';
import { decodeCursor, encodeCursor, timestampKey, type Direction, type KeyType } from '../../../lib/keyset-cursor.ts';

/** One way to order a list: a sort column and its direction; the global ID breaks ties. */
export interface OrderSpec<Row> {
  column: AnyColumn;
  type: KeyType;
  dir: Direction;
  /** The row's sort key as the cursor carries it. */
  key(row: Row): string;
}

export interface Page<Row> {
  rows: Row[];
  cursors: string[];
  hasNextPage: boolean;
}

const castFor: Record<KeyType, string> = { text: 'text', int: 'bigint', decimal: 'numeric', timestamp: 'timestamptz', date: 'date' };

/**
 * The keyset condition "after this cursor", which also holds for a cursor made by ANOTHER
 * owner: ties on the sort key are broken by the global ID, and every ID of this owner
 * shares one prefix, so a foreign cursor's ID is before or after all of ours.
 */
export function keysetAfter<Row>(
  spec: OrderSpec<Row>, order: string, after: string | null | undefined,
  owner: string, type: string, idColumn: AnyColumn,
): SQL | undefined {
  if (after == null) return undefined;
  const cursor = decodeCursor(after);
  const parsed = cursor ? parseGlobalId(cursor.id) : null;
  if (!cursor || !parsed || cursor.order !== order || cursor.keys.length !== 1 || cursor.keys[0].type !== spec.type || parsed.type !== type) {
    throw badUserInput('after is not a cursor of this list and order (use pageInfo.endCursor).');
  }
  const value = sql`${cursor.keys[0].value}::${sql.raw(castFor[spec.type])}`;
  const prefix = formatGlobalId(owner, type, '');
  const tie: SQL = parsed.owner === owner
    ? gt(idColumn, parsed.uuid)!
    : Buffer.compare(Buffer.from(cursor.id), Buffer.from(prefix)) < 0 ? sql`true` : sql`false`;
  const beyond = spec.dir === 'asc' ? gt(spec.column, value) : lt(spec.column, value);
  return or(beyond, and(eq(spec.column, value), tie));
}

/** The sort column behind an expression no index matches (same values, same collation). */
const unindexed: Record<KeyType, (c: AnyColumn) => SQL> = {
  text: (c) => sql`(${c} || '')`,
  int: (c) => sql`(${c} + 0)`,
  decimal: (c) => sql`(${c} + 0)`,
  timestamp: (c) => sql`(${c} + interval '0 s')`,
  date: (c) => sql`(${c} + 0)`,
};

/**
 * ORDER BY for a page. `sortMatches`: sort the matching rows instead of walking the order's
 * index. For a full-text filter the planner otherwise walks the name index and filters, on
 * the assumption that matches are spread evenly through the order; they are not (offerings
 * called "Fietsreparatie …" sit together), and one rare word then read 200,000 rows (436 ms
 * on 700,000 offerings, 15 ms sorted; bench/EXPLAIN.md).
 */
export function keysetOrder<Row>(spec: OrderSpec<Row>, idColumn: AnyColumn, sortMatches = false): SQL[] {
  const key = sortMatches ? unindexed[spec.type](spec.column) : spec.column;
  return [spec.dir === 'asc' ? sql`${key} asc` : sql`${key} desc nulls last`, asc(idColumn)];
}

/** Rows fetched with LIMIT first+1 → one page with cursors. */
export function toPage<Row extends { id: string }>(
  rows: Row[], first: number, spec: OrderSpec<Row>, order: string, owner: string, type: string,
): Page<Row> {
  const pageRows = rows.slice(0, first);
  return {
    rows: pageRows,
    hasNextPage: rows.length > first,
    cursors: pageRows.map((r) => encodeCursor({
      order,
      keys: [{ type: spec.type, dir: spec.dir, value: spec.key(r) }],
      id: formatGlobalId(owner, type, r.id),
    })),
  };
}

