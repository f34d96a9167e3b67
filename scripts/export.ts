/**
 * Exports the list result of a query to CSV or NDJSON, paging through its connection:
 *   npm run export -- --query q.graphql [--format csv|ndjson] [--dutch] [--out file]
 *                     [--var name=value ...] [--operation Name] [--token JWT | --api-key KEY] [--url http://…/graphql]
 * `--var` values are read as JSON when they parse (numbers, true, lists), else as text.
 * A progress bar runs on stderr when stderr is a terminal (and the rows do not go to it).
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { exportQuery, type ExportProgress } from '../export/export.ts';

const { values } = parseArgs({
  options: {
    query: { type: 'string' },
    format: { type: 'string', default: 'csv' },
    dutch: { type: 'boolean', default: false },
    out: { type: 'string' },
    var: { type: 'string', multiple: true, default: [] },
    operation: { type: 'string' },
    token: { type: 'string' },
    'api-key': { type: 'string' },
    url: { type: 'string', default: process.env.HUB_URL ?? 'http://127.0.0.1:4000/graphql' },
  },
});

function fail(message: string): never {
  console.error(`export: ${message}`);
  process.exit(1);
}

if (!values.query) fail('--query <file.graphql> is required');
if (values.format !== 'csv' && values.format !== 'ndjson') fail('--format must be csv or ndjson');
if (values.dutch && values.format !== 'csv') fail('--dutch applies to csv only');

const variables: Record<string, unknown> = {};
for (const pair of values.var) {
  const at = pair.indexOf('=');
  if (at < 1) fail(`--var ${pair}: write name=value`);
  const raw = pair.slice(at + 1);
  try { variables[pair.slice(0, at)] = JSON.parse(raw); } catch { variables[pair.slice(0, at)] = raw; }
}

const headers: Record<string, string> = {};
if (values.token) headers.authorization = `Bearer ${values.token}`;
if (values['api-key']) headers['x-api-key'] = values['api-key'];

function terminalProgress(): ExportProgress | undefined {
  // Not when the rows themselves go to the same terminal.
  if (!process.stderr.isTTY || (!values.out && process.stdout.isTTY)) return undefined;
  const bar = new SingleBar({ stream: process.stderr, format: 'export {bar} {value}/{total} rows ({percentage}%) eta {eta_formatted}', hideCursor: true }, Presets.shades_classic);
  return {
    start: (total) => bar.start(total ?? 0, 0),
    update: (rows) => { if (bar.getTotal() < rows) bar.setTotal(rows); bar.update(rows); },
    stop: () => bar.stop(),
  };
}

const out = values.out ? createWriteStream(values.out) : process.stdout;
const progress = terminalProgress();
try {
  const { rows, pages } = await exportQuery({
    url: values.url, query: readFileSync(values.query, 'utf8'), operationName: values.operation, variables,
    format: values.format, dutch: values.dutch, headers, out, progress,
  });
  if (values.out) await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  console.error(`export: ${rows} rows in ${pages} pages${values.out ? ` to ${values.out}` : ''}`);
} catch (e) {
  progress?.stop();
  fail(e instanceof Error ? e.message : String(e));
}
