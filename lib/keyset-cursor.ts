/**
 * Keyset cursors that every owner and the router understand.
 *
 * A cursor carries the sort key of a row as Postgres renders it plus the row's global ID,
 * so one `after` cursor works on every owner and the router can merge owners' pages in
 * exactly the order Postgres uses: text bytewise (COLLATE "C"), numbers numerically,
 * timestamps at microsecond precision (UTC, fixed width), then the global ID bytewise.
 */
export type KeyType = 'text' | 'int' | 'decimal' | 'timestamp' | 'date';
export type Direction = 'asc' | 'desc';

export interface KeyPart {
  type: KeyType;
  dir: Direction;
  value: string;
}

export interface Cursor {
  /** The orderBy value the cursor was made for; a cursor of another order is refused. */
  order: string;
  keys: KeyPart[];
  id: string;
}

const TYPES: ReadonlySet<string> = new Set(['text', 'int', 'decimal', 'timestamp', 'date']);

export function encodeCursor(cursor: Cursor): string {
  const wire = [cursor.order, cursor.keys.map((k) => [k.type, k.dir, k.value]), cursor.id];
  return Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
}

/** Null when the text is not a cursor of ours. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const wire: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(wire) || wire.length !== 3) return null;
    const [order, keys, id] = wire as [unknown, unknown, unknown];
    if (typeof order !== 'string' || typeof id !== 'string' || !Array.isArray(keys)) return null;
    const parts: KeyPart[] = [];
    for (const k of keys) {
      if (!Array.isArray(k) || k.length !== 3) return null;
      const [type, dir, value] = k as [unknown, unknown, unknown];
      if (typeof type !== 'string' || !TYPES.has(type)) return null;
      if (dir !== 'asc' && dir !== 'desc') return null;
      if (typeof value !== 'string' || !validValue(type as KeyType, value)) return null;
      parts.push({ type: type as KeyType, dir, value });
    }
    return { order, keys: parts, id };
  } catch {
    return null;
  }
}

function validValue(type: KeyType, value: string): boolean {
  switch (type) {
    case 'text': return value.length <= 1000;
    case 'int': return /^-?\d{1,18}$/.test(value);
    case 'decimal': return /^-?\d{1,20}(\.\d{1,10})?$/.test(value);
    case 'timestamp': return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(value);
    case 'date': return /^\d{4}-\d{2}-\d{2}$/.test(value);
  }
}

/** Postgres timestamptz text (session zone UTC) → fixed-width `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
export function timestampKey(pgText: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(?:\+00(?::?00)?|Z)$/.exec(pgText);
  if (!m) throw new Error(`timestamp is not in UTC: ${pgText}`);
  return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(6, '0')}Z`;
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

function compareDecimal(a: string, b: string): number {
  const scale = (s: string) => (s.split('.')[1] ?? '').length;
  const s = Math.max(scale(a), scale(b));
  const big = (v: string) => {
    const [int, frac = ''] = v.split('.');
    const neg = int.startsWith('-');
    const digits = BigInt(int.replace('-', '') + frac.padEnd(s, '0'));
    return neg ? -digits : digits;
  };
  const x = big(a);
  const y = big(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareValue(type: KeyType, a: string, b: string): number {
  switch (type) {
    case 'text': return Buffer.compare(utf8(a), utf8(b));
    case 'int':
    case 'decimal': return compareDecimal(a, b);
    case 'timestamp':
    case 'date': return a < b ? -1 : a > b ? 1 : 0;
  }
}

/** Orders two cursors of the same order exactly as Postgres orders their rows. */
export function compareCursors(a: Cursor, b: Cursor): number {
  for (let i = 0; i < a.keys.length; i++) {
    const ka = a.keys[i];
    const c = compareValue(ka.type, ka.value, b.keys[i].value);
    if (c !== 0) return ka.dir === 'asc' ? c : -c;
  }
  return Buffer.compare(utf8(a.id), utf8(b.id));
}
