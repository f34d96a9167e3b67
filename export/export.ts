import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { API_SCHEMA_FILE } from '../lib/schema-files.ts';
import { connectionQuery, AFTER_VARIABLE, PAGE_INFO, TOTAL } from './connection-query.ts';
import { columnsOf, rowTypeOf } from './columns.ts';
import { csvFormat, ndjsonFormat, type Format } from './formats.ts';

/**
 * Exports the list result of any query: pages through its connection with the keyset cursor
 * and streams. Page n+1 is asked for only after page n has been written (the output's write
 * callback has fired), so memory holds one page whatever the size of the export. Any GraphQL
 * error (e.g. an owner that did not answer) stops the export: a partial file must not pass
 * for a complete one.
 */

export interface ExportProgress {
  /** Once, with the connection's totalCount (null when unknown). */
  start(total: number | null): void;
  update(rowsWritten: number): void;
  stop(): void;
}

export interface ExportOptions {
  url: string;
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  format: Format;
  dutch?: boolean;
  /** e.g. authorization. */
  headers?: Record<string, string>;
  out: Writable;
  progress?: ExportProgress;
  fetch?: typeof fetch;
  /** The hub's public schema, for the columns' types; default this checkout's schema/api.graphql. */
  schema?: GraphQLSchema;
}

export class ExportError extends Error {}

interface Response {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; owner?: string } }[];
}

function write(out: Writable, text: string): Promise<void> {
  if (!text) return Promise.resolve();
  return new Promise((resolve, reject) => out.write(text, (e) => (e ? reject(e) : resolve())));
}

function describe(errors: NonNullable<Response['errors']>): string {
  return errors.map((e) => `${e.message}${e.extensions?.code ? ` (${e.extensions.code}${e.extensions.owner ? `, ${e.extensions.owner}` : ''})` : ''}`).join('; ');
}

export async function exportQuery(options: ExportOptions): Promise<{ rows: number; pages: number }> {
  const q = connectionQuery(options.query, options.operationName);
  const schema = options.schema ?? buildSchema(readFileSync(API_SCHEMA_FILE, 'utf8'));
  const columns = () => columnsOf(q.rowSelection, q.fragments, rowTypeOf(schema, q.fieldNames, q.rows), schema);
  const format = options.format === 'csv' ? csvFormat(columns(), options.dutch ?? false) : ndjsonFormat();
  const doFetch = options.fetch ?? fetch;
  let after: string | null = null;
  let rows = 0;
  let pages = 0;
  await write(options.out, format.start());
  const ask = async (text: string): Promise<Response> => {
    const res = await doFetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
      body: JSON.stringify({ query: text, operationName: options.operationName, variables: { ...options.variables, [AFTER_VARIABLE]: after } }),
    });
    try { return (await res.json()) as Response; } catch { throw new ExportError(`the hub answered HTTP ${res.status} without a GraphQL result`); }
  };
  for (;;) {
    const first = pages === 0 && !!options.progress;
    let body = await ask(first ? q.withTotal : q.text);
    // Not every connection has totalCount (e.g. auditLog): then the bar runs without a total.
    if (first && body.errors?.length) body = await ask(q.text);
    if (body.errors?.length) throw new ExportError(`page ${pages + 1}: ${describe(body.errors)}`);
    let connection: unknown = body.data;
    for (const key of q.path) connection = (connection as Record<string, unknown> | null)?.[key];
    if (!connection || typeof connection !== 'object') throw new ExportError(`page ${pages + 1}: ${q.path.join('.')} is null`);
    const c = connection as Record<string, unknown>;
    const pageRows = q.rows === 'nodes' ? (c.nodes as unknown[]) : (c.edges as { node: unknown }[]).map((e) => e.node);
    if (first) options.progress!.start(typeof c[TOTAL] === 'number' ? (c[TOTAL] as number) : null);
    await write(options.out, format.page(pageRows));
    pages++;
    rows += pageRows.length;
    options.progress?.update(rows);
    const pageInfo = c[PAGE_INFO] as { hasNextPage: boolean; endCursor: string | null };
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) break;
    after = pageInfo.endCursor;
  }
  options.progress?.stop();
  return { rows, pages };
}
