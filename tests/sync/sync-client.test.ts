import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonlSink } from '../../sync/jsonl-sink.ts';
import { postgresSink } from '../../sync/postgres-sink.ts';
import { pull, type Change } from '../../sync/pull.ts';
import { postgresUrl, testDatabases } from '../helpers/databases.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { ownerRecords } from './partner-copy.ts';

/** The reference sync client: `npm run sync` into a JSONL file or a Postgres table, resuming from the saved cursor. */

const RENAME = `mutation($input: UpsertSocialEnterprisesInput!) { upsertSocialEnterprises(input: $input) { items { status id } } }`;

describe('the sync client', () => {
  let hub: TestHub;
  let dir: string;
  let token: string;
  const databases = testDatabases('postgres');

  beforeAll(async () => {
    hub = await startTestHub({ demoEnterprises: 2, demoContracts: 0 });
    token = await hub.keys.token({ subject: 'maex', roles: ['partner'], owners: ['den-haag', 'rotterdam', 'haaglanden-zhc'] });
    dir = await mkdtemp(join(tmpdir(), 'srh-sync-'));
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
    await rm(dir, { recursive: true, force: true });
    await databases.dropAll();
  });

  const direct = async () => Object.fromEntries((await Promise.all([...hub.regions].map(([o, r]) => ownerRecords(o, r.database.db))))
    .flatMap((p) => Object.entries(p)).sort(([a], [b]) => (a < b ? -1 : 1)));
  const addOne = async (externalId: string, kvkNumber: string) => (await hub.query(RENAME, { input: { owner: 'den-haag', system: 'MAEX', items: [{
    externalId, kvkNumber, name: `Nieuw ${externalId}`, legalForm: 'BV', municipality: 'GM0518', postcode4: '2500', description: 'Test',
    staffTotal: 2, staffWithDistance: 1 }] } }, { authorization: `Bearer ${token}` })).data.upsertSocialEnterprises.items[0].id as string;

  it('appends changes to a JSONL file from the command line and resumes from the cursor beside it', async () => {
    const file = join(dir, 'marketplace.jsonl');
    const run = () => promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/sync.ts', '--url', hub.url, '--token', token, '--out', file, '--page-size', '9']);
    const first = await run();
    expect(first.stderr).toMatch(/^pulled \d+ changes \(den-haag \d+ · haaglanden-zhc \d+ · rotterdam \d+\)/);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as Change);
    expect(lines.map((c) => c.id).sort()).toEqual(Object.keys(await direct()));
    const id = await addOne('jsonl-1', '62000001');
    await run();
    const after = (await readFile(file, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as Change);
    // Only the new change was appended: the second run started where the first ended.
    expect(after.slice(0, lines.length)).toEqual(lines);
    expect(after.slice(lines.length).map((c) => [c.id, c.kind, c.version, c.socialEnterprise?.name])).toEqual([[id, 'CREATED', 1, 'Nieuw jsonl-1']]);
    expect(JSON.parse(await readFile(`${file}.cursor`, 'utf8')).cursor).toEqual(expect.any(String));
  }, 120_000);

  it('keeps a JSONL copy through the library too (the sink a partner would reuse)', async () => {
    const file = join(dir, 'library.jsonl');
    const result = await pull(jsonlSink(file), { url: hub.url, headers: { authorization: `Bearer ${token}` }, pageSize: 50, types: ['OFFERING'] });
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as Change);
    expect(lines.every((c) => c.type === 'OFFERING')).toBe(true);
    expect(result.changes).toBe(lines.length);
    expect(await jsonlSink(file).savedCursor()).toBe(result.cursor);
  });

  it('sends records each to its municipality\'s owner from the command line, with a result per record', async () => {
    const file = join(dir, 'records.jsonl');
    const record = (externalId: string, kvkNumber: string, municipality: string) => JSON.stringify({
      externalId, kvkNumber, name: `Initiatief ${externalId}`, legalForm: 'STICHTING', municipality, postcode4: '3011',
      description: 'Via push', staffTotal: 3, staffWithDistance: 1 });
    await writeFile(file, [record('push-1', '63000001', 'GM0599'), record('push-2', '63000002', 'GM0606'), '', record('push-3', '63000003', 'GM0518')].join('\n'));
    const run = () => promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/sync.ts', 'push', '--url', hub.url, '--token', token, '--system', 'MAEX', '--in', file])
      .catch((e: { code: number; stdout: string; stderr: string }) => e);
    const first = await run();
    const results = first.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(results.map((r) => [r.line, r.owner, r.externalId, r.status, r.error?.code ?? null])).toEqual([
      [0, 'rotterdam', 'push-1', 'CREATED', null],
      [1, null, 'push-2', 'REJECTED', 'MUNICIPALITY_NOT_COVERED'],
      [2, 'den-haag', 'push-3', 'CREATED', null],
    ]);
    expect(first.stderr).toBe('sent 3 records: 2 created, 0 updated, 0 unchanged, 1 rejected\n');
    expect((first as { code?: number }).code).toBe(4);
    const again = (await run()).stdout.trimEnd().split('\n').map((l) => JSON.parse(l).status);
    expect(again).toEqual(['UNCHANGED', 'REJECTED', 'UNCHANGED']);
  }, 120_000);

  it.runIf(postgresUrl)('keeps a Postgres table equal to every owner, cursor saved with each page', async () => {
    const storage = await databases.create('sink');
    const url = (storage as { url: string }).url;
    const headers = { authorization: `Bearer ${token}` };
    const sink = postgresSink(url, 'marketplace');
    await pull(sink, { url: hub.url, headers, pageSize: 7 });
    await sink.close();
    const id = await addOne('pg-1', '62000002');
    const again = postgresSink(url, 'marketplace');
    const resumed = await pull(again, { url: hub.url, headers, pageSize: 7 });
    await again.close();
    expect(resumed.changes).toBe(1);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql`select id, version, data->>'name' as name from marketplace where not deleted order by id`;
      expect(Object.fromEntries(rows.map((r) => [r.id, `${r.version} ${r.name}`]))).toEqual(await direct());
      expect(rows.some((r) => r.id === id)).toBe(true);
    } finally {
      await sql.end();
    }
  });
});
