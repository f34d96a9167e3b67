/**
 * Pulls the hub's change feed into a local copy and resumes from the saved cursor:
 *   npm run sync -- --out marketplace.jsonl [--url http://127.0.0.1:4000/graphql] [--api-key srh_…]
 *   npm run sync -- --pg postgres://localhost/partner --table marketplace [--token …]
 * Options: --owner den-haag (one owner's feed), --types SOCIAL_ENTERPRISE,OFFERING, --page-size 100.
 * The reference for partner developers: see sync/pull.ts.
 */
import { parseArgs } from 'node:util';
import { jsonlSink } from '../sync/jsonl-sink.ts';
import { postgresSink } from '../sync/postgres-sink.ts';
import { progressLine } from '../sync/progress.ts';
import { FeedError, pull, type Change } from '../sync/pull.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
    'api-key': { type: 'string' },
    token: { type: 'string' },
    out: { type: 'string' },
    pg: { type: 'string' },
    table: { type: 'string', default: 'marketplace' },
    owner: { type: 'string' },
    types: { type: 'string' },
    'page-size': { type: 'string', default: '100' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (Boolean(values.out) === Boolean(values.pg)) fail('Give exactly one target: --out <file.jsonl> or --pg <postgres url> [--table name].');
const pageSize = Number(values['page-size']);
if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) fail('--page-size must be 1 to 100.');
const types = values.types?.split(',').map((t) => t.trim().toUpperCase()) as Change['type'][] | undefined;
if (types?.some((t) => t !== 'SOCIAL_ENTERPRISE' && t !== 'OFFERING')) fail('--types takes SOCIAL_ENTERPRISE and/or OFFERING.');

const headers: Record<string, string> = {};
if (values['api-key']) headers['x-api-key'] = values['api-key'];
if (values.token) headers.authorization = `Bearer ${values.token}`;

const sink = values.out ? jsonlSink(values.out) : postgresSink(values.pg!, values.table!);
const progress = progressLine();
try {
  const result = await pull(sink, { url: values.url!, headers, pageSize, types, owner: values.owner, onPage: (p) => progress.page(p.changes) });
  console.error(progress.done());
  if (result.missingOwners.length) {
    console.error(`Owners that did not answer: ${result.missingOwners.join(', ')}. Their position is kept; run again to catch up.`);
    process.exitCode = 3;
  }
} catch (e) {
  progress.done();
  console.error(e instanceof FeedError ? e.message : e);
  process.exitCode = 1;
} finally {
  await sink.close();
}
