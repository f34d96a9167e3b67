import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { columnsOf, rowTypeOf } from '../../export/columns.ts';
import { connectionQuery } from '../../export/connection-query.ts';
import { csvFormat } from '../../export/formats.ts';
import { API_SCHEMA_FILE } from '../../lib/schema-files.ts';

/** The CSV columns take their types from the public schema: `--dutch` commas only Decimal and Float values. */
const schema = buildSchema(readFileSync(API_SCHEMA_FILE, 'utf8'));

const QUERY = `query { list: contracts(first: 50) { edges { node {
  tenderReference value: valueExclVat ...Parts
  realisations { hoursPerWeek credit: creditedAmount }
} } } }
fragment Parts on Contract { obligation { percentage } title }`;

function columns() {
  const q = connectionQuery(QUERY);
  return columnsOf(q.rowSelection, q.fragments, rowTypeOf(schema, q.fieldNames, q.rows), schema);
}

describe('export columns', () => {
  it('name columns by response key and know each leaf type, through aliases, fragments and lists', () => {
    expect(columns().map((c) => [c.header, c.type])).toEqual([
      ['tenderReference', 'String'], ['value', 'Decimal'], ['obligation.percentage', 'Decimal'], ['title', 'String'],
      ['realisations.hoursPerWeek', 'Float'], ['realisations.credit', 'Decimal'],
    ]);
  });

  it('--dutch gives a decimal comma to Decimal and Float values only, also inside lists', () => {
    const row = {
      tenderReference: '2025.0012', value: '1200000.50', obligation: { percentage: '5.00' }, title: 'Schoonmaak 2.0; "fase 1"',
      realisations: [{ hoursPerWeek: 24.5, credit: '13333.33' }, { hoursPerWeek: 36, credit: '100.10' }],
    };
    const csv = csvFormat(columns(), true);
    expect(csv.start() + csv.page([row])).toBe('\uFEFFtenderReference;value;obligation.percentage;title;realisations.hoursPerWeek;realisations.credit\r\n'
      + '2025.0012;1200000,50;5,00;"Schoonmaak 2.0; ""fase 1""";24,5 | 36;13333,33 | 100,10\r\n');
    const plain = csvFormat(columns(), false);
    expect(plain.page([row])).toBe('2025.0012,1200000.50,5.00,"Schoonmaak 2.0; ""fase 1""",24.5 | 36,13333.33 | 100.10\r\n');
  });
});
