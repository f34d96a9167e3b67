import { stringify } from 'csv-stringify/sync';
import { cellOf, type Column } from './columns.ts';

/**
 * How one page of rows becomes text. CSV per RFC 4180 (CRLF between records; a field with a
 * separator, a quote, CR or LF is quoted, quotes doubled); `dutch` is what Dutch spreadsheet
 * programs open as-is: `;` between fields, a decimal comma (in Decimal and Float columns only),
 * and a UTF-8 byte-order mark.
 * NDJSON is one row object per line, values exactly as the API sent them.
 */

export type Format = 'csv' | 'ndjson';

export interface PageFormat {
  /** Text before the first row (header, byte-order mark). */
  start(): string;
  page(rows: readonly unknown[]): string;
}

/** Types whose values get a decimal comma: Decimal ("13333.33") and Float (a JSON number). */
const DECIMAL_TYPES = new Set(['Decimal', 'Float']);

function dutchValue(value: unknown, column: Column): unknown {
  if (!DECIMAL_TYPES.has(column.type ?? '') || value === null) return value;
  // A list's values arrive joined by " | ": each is a number, so every point is a decimal point.
  return String(value).replaceAll('.', ',');
}

export function csvFormat(columns: readonly Column[], dutch: boolean): PageFormat {
  const options = {
    delimiter: dutch ? ';' : ',',
    record_delimiter: 'windows' as const,
    // csv-stringify quotes only the record delimiter itself (CRLF); a lone LF or CR must be quoted too.
    quoted_match: /[\r\n]/,
    cast: { boolean: (v: boolean) => String(v) },
  };
  return {
    start: () => (dutch ? '\uFEFF' : '') + stringify([columns.map((c) => c.header)], options),
    page: (rows) => stringify(rows.map((row) => columns.map((c) => {
      const value = cellOf(row, c);
      return dutch ? dutchValue(value, c) : value;
    })), options),
  };
}

export function ndjsonFormat(): PageFormat {
  return {
    start: () => '',
    page: (rows) => rows.map((row) => `${JSON.stringify(row)}\n`).join(''),
  };
}
