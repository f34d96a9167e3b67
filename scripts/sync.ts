/**
 * Pulls the hub's change feed into a local copy and resumes from the saved cursor:
 *   npm run sync -- --out marketplace.jsonl [--url http://127.0.0.1:4000/graphql] [--api-key srh_…]
 *   npm run sync -- --pg postgres://localhost/partner --table marketplace [--token …]
 * Options: --owner den-haag (one owner's feed), --types SOCIAL_ENTERPRISE,OFFERING, --page-size 100.
 * Sends a partner's records (one PartnerEnterpriseInput per line), each to its municipality's owner,
 * and prints one result per line:
 *   npm run sync -- push --system MAEX --in records.jsonl [--api-key …] > results.jsonl
 * The reference for partner developers: see sync/pull.ts and sync/push.ts.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { jsonlSink } from '../sync/jsonl-sink.ts';
import { postgresSink } from '../sync/postgres-sink.ts';
import { progressLine } from '../sync/progress.ts';
import { FeedError, pull, type Change } from '../sync/pull.ts';
import { push, type PartnerItem } from '../sync/push.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    system: { type: 'string' },
    in: { type: 'string' },
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

const command = positionals[0] ?? 'pull';
if (command !== 'pull' && command !== 'push') fail(`Unknown command "${command}": pull (the default) or push.`);
const headers: Record<string, string> = {};
if (values['api-key']) headers['x-api-key'] = values['api-key'];
if (values.token) headers.authorization = `Bearer ${values.token}`;

/** Sends the records of a JSONL file, each to its municipality's owner; prints one result per line. */
async function sendRecords(system: string, file: string): Promise<void> {
  // The file is opened when the first record is wanted: readline drops lines read before anyone iterates.
  async function* records(): AsyncGenerator<PartnerItem> {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) if (line.trim()) yield JSON.parse(line) as PartnerItem;
  }
  let sent = 0;
  const results = await push(records(), { url: values.url!, headers, system, onBatch: (batch) => {
    sent += batch.length;
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2Ksent ${sent.toLocaleString('en')} records`);
  } });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
  for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
  const count = (status: string) => results.filter((r) => r.status === status).length;
  console.error(`sent ${results.length} records: ${count('CREATED')} created, ${count('UPDATED')} updated, ${count('UNCHANGED')} unchanged, ${count('REJECTED')} rejected`);
  if (count('REJECTED')) process.exitCode = 4;
}

/** Pulls the feed into the file or table given, from its saved cursor. */
async function pullChanges(): Promise<void> {
  if (Boolean(values.out) === Boolean(values.pg)) fail('Give exactly one target: --out <file.jsonl> or --pg <postgres url> [--table name].');
  const pageSize = Number(values['page-size']);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) fail('--page-size must be 1 to 100.');
  const types = values.types?.split(',').map((t) => t.trim().toUpperCase()) as Change['type'][] | undefined;
  if (types?.some((t) => t !== 'SOCIAL_ENTERPRISE' && t !== 'OFFERING')) fail('--types takes SOCIAL_ENTERPRISE and/or OFFERING.');

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
}

if (command === 'push') {
  if (!values.system || !values.in) fail('push needs --system <NAME> and --in <records.jsonl>.');
  await sendRecords(values.system, values.in);
} else {
  await pullChanges();
}
