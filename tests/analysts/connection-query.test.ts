import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { columnsOf, cellOf } from '../../export/columns.ts';
import { connectionQuery } from '../../export/connection-query.ts';
import { csvFormat } from '../../export/formats.ts';

/** How the exporter rewrites a query to page through its connection, and names its columns. */
const normal = (q: string) => print(parse(q));

describe('connectionQuery', () => {
  it('pages the first connection: `after` becomes a variable, `first` defaults to 100, pageInfo under a private alias', () => {
    const q = connectionQuery(`query Q($o: ID) { catalog: region(code: "x") { socialEnterprises(filter: { owner: $o }, after: "old") {
      nodes { ...F municipality { code } } } } } fragment F on SocialEnterprise { id name }`);
    expect(q.path).toEqual(['catalog', 'socialEnterprises']);
    expect(q.rows).toBe('nodes');
    expect(q.text).toBe(normal(`query Q($o: ID, $_exportAfter: String) { catalog: region(code: "x") {
      socialEnterprises(filter: { owner: $o }, first: 100, after: $_exportAfter) {
        nodes { ...F municipality { code } } _export_pageInfo: pageInfo { hasNextPage endCursor } } } }
      fragment F on SocialEnterprise { id name }`));
    expect(q.withTotal).toContain('_export_totalCount: totalCount');
    expect(columnsOf(q.rowSelection, q.fragments).map((c) => c.header)).toEqual(['id', 'name', 'municipality.code']);
  });

  it('keeps the page size the query asks for, and reads rows from edges', () => {
    const q = connectionQuery(`{ offerings(first: 7) { edges { cursor node { id price { amount } } } } }`);
    expect(q.rows).toBe('edges');
    expect(q.text).toContain('offerings(first: 7, after: $_exportAfter)');
  });

  it('refuses what it cannot page', () => {
    expect(() => connectionQuery(`mutation { x { nodes { id } } }`)).toThrow('only a query can be exported');
    expect(() => connectionQuery(`{ node(id: "x") { id } }`)).toThrow(/selects no connection/);
    expect(() => connectionQuery(`query A { a { nodes { id } } } query B { b { nodes { id } } }`)).toThrow(/exactly one operation/);
    expect(connectionQuery(`query A { a { nodes { id } } } query B { b { nodes { id } } }`, 'B').path).toEqual(['b']);
    expect(() => connectionQuery(`{ a { rows: nodes { id } } }`)).toThrow('do not alias `nodes`');
  });
});

describe('cells', () => {
  // The columns of the rows of `x`.
  const q = connectionQuery(`{ x { nodes { name recognitions { scheme } themes owner { code } } } }`);
  const columns = columnsOf(q.rowSelection, q.fragments);
  it('joins lists, empties missing objects, and quotes per RFC 4180', () => {
    const row = { name: 'a "b", c\nd', recognitions: [{ scheme: 'PSO_BASIS' }, { scheme: 'PSO_30_PLUS' }], themes: ['x', 'y'], owner: null };
    expect(columns.map((c) => cellOf(row, c))).toEqual(['a "b", c\nd', 'PSO_BASIS | PSO_30_PLUS', 'x | y', null]);
    expect(csvFormat(columns, false).start() + csvFormat(columns, false).page([row])).toBe(
      'name,recognitions.scheme,themes,owner.code\r\n"a ""b"", c\nd",PSO_BASIS | PSO_30_PLUS,x | y,\r\n');
  });
  it('gives decimals a comma for Dutch spreadsheets, and leaves other text alone', () => {
    // By the column's type in the schema (export-columns.test.ts): a String that looks like a number stays as it is.
    const types = { a: 'Decimal', b: 'Float', c: 'Int', d: 'Date', e: 'String', f: 'String' };
    const cols = Object.entries(types).map(([k, type]) => ({ header: k, path: [k], type }));
    expect(csvFormat(cols, true).page([{ a: '13333.33', b: 0.25, c: 7, d: '2025-01-01', e: 'v1.2; x', f: '2025.01' }])).toBe('13333,33;0,25;7;2025-01-01;"v1.2; x";2025.01\r\n');
  });
});
