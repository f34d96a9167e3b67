import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportQuery } from '../../export/export.ts';
import { loadOwners } from '../../subgraphs/owners.ts';
import { generateDemoData } from '../../subgraphs/region/seed/generate.ts';
import { loadDemoData } from '../../subgraphs/region/seed/load.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/** Acceptance 4: `npm run export` pages through a connection by itself and streams. */
let hub: TestHub;
const NASTY = [
  { name: 'Koffie, "Thee" & Zoë\'s Bakkerij', description: 'Eerste regel,\nmet "aanhalingstekens"; en een puntkomma\r\nderde regel' },
  { name: 'Ĳsselmonde Groen — Straße ünd Çafé', description: 'Ééntje; "twee", drie' },
];

beforeAll(async () => {
  // Two owners of 4,999 enterprises plus the two registered below: 10,000 rows over a cross-owner merge.
  // Demo enterprises without their ~35,000 offerings each owner (the export reads none): a fraction of the loading time.
  hub = await startTestHub({ owners: loadOwners().filter((o) => o.code !== 'haaglanden-zhc'), seedDemo: false });
  await Promise.all([...hub.regions.values()].map((r) => loadDemoData(r.database.db, { ...generateDemoData(r.owner, { enterprises: 4999 }), offerings: [] })));
  for (const [i, e] of NASTY.entries()) {
    const res = await hub.asStaff(`mutation($i: RegisterSocialEnterpriseInput!) { registerSocialEnterprise(input: $i) { id } }`, { i: {
      owner: i === 0 ? 'den-haag' : 'rotterdam', municipality: i === 0 ? 'GM0518' : 'GM0599', postcode4: i === 0 ? '2511' : '3011',
      name: e.name, description: e.description, kvkNumber: `9100000${i}`, legalForm: 'BV', staffTotal: 7, staffWithDistance: 3,
    } });
    expect(res.errors).toBeUndefined();
  }
}, 600_000);
afterAll(async () => { await hub?.stop(); });

const QUERY = `query Export($owner: ID) {
  socialEnterprises(filter: { owner: $owner }) {
    totalCount
    nodes { id name kvkNumber municipality { code } owner { code } shareWithDistance staffTotal recognitions { scheme } description }
  }
}`;

interface Row {
  id: string; name: string; kvkNumber: string; municipality: { code: string }; owner: { code: string };
  shareWithDistance: string; staffTotal: number; recognitions: { scheme: string }[]; description: string;
}

/** The rows as a plain client reads them through the API, page by page. */
async function readThroughApi(): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  for (;;) {
    const res: { data?: any; errors?: unknown[] } = await hub.query(`query($after: String) { socialEnterprises(first: 100, after: $after) {
      nodes { id name kvkNumber municipality { code } owner { code } shareWithDistance staffTotal recognitions { scheme } description }
      pageInfo { hasNextPage endCursor } } }`, { after });
    expect(res.errors).toBeUndefined();
    rows.push(...res.data.socialEnterprises.nodes);
    if (!res.data.socialEnterprises.pageInfo.hasNextPage) return rows;
    after = res.data.socialEnterprises.pageInfo.endCursor;
  }
}

/**
 * An output that acknowledges each write a tick later, as a file on a busy disk does, and
 * counts the CSV records it has acknowledged (each write parsed on its own: a write that
 * ended inside a record would fail to parse).
 */
function slowSink() {
  const sink = { text: '', records: 0, stream: null as unknown as Writable };
  sink.stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _enc, done) {
      setImmediate(() => {
        const text = chunk.toString('utf8');
        sink.text += text;
        sink.records += (parse(text, { bom: true }) as unknown[]).length;
        done();
      });
    },
  });
  return sink;
}

describe('export', () => {
  it('exports 10,000 rows to CSV equal to the API, never more than one page ahead of what it wrote', async () => {
    const sink = slowSink();
    const atFetch: { written: number; received: number }[] = [];
    let received = 0;
    const counting: typeof fetch = async (input, init) => {
      // Rows already in the output (whole records acknowledged by the sink) against rows received so far.
      atFetch.push({ written: Math.max(sink.records - 1, 0), received });
      const res = await fetch(input, init);
      const body = await res.clone().json() as { data: { socialEnterprises: { nodes: unknown[] } } };
      received += body.data.socialEnterprises.nodes.length;
      return res;
    };
    const result = await exportQuery({ url: hub.url, query: QUERY, format: 'csv', out: sink.stream, fetch: counting });
    expect(result).toEqual({ rows: 10_000, pages: 100 });
    // Page n+1 is asked for only when every row of pages 1..n is in the output: at most the current page is held.
    expect(atFetch).toHaveLength(100);
    expect(atFetch.every((f, i) => f.written === f.received && f.received === i * 100)).toBe(true);

    const records = parse(sink.text, { bom: true }) as string[][];
    expect(records[0]).toEqual(['id', 'name', 'kvkNumber', 'municipality.code', 'owner.code', 'shareWithDistance', 'staffTotal', 'recognitions.scheme', 'description']);
    const api = await readThroughApi();
    expect(api).toHaveLength(10_000);
    expect(records.slice(1)).toEqual(api.map((r) => [
      r.id, r.name, r.kvkNumber, r.municipality.code, r.owner.code, r.shareWithDistance, String(r.staffTotal),
      r.recognitions.map((x) => x.scheme).join(' | '), r.description,
    ]));
    // RFC 4180: CRLF between records, the names with commas, quotes, newlines and non-ASCII come back whole.
    expect(sink.text.startsWith('id,name,kvkNumber,')).toBe(true);
    expect(sink.text).toContain('"Koffie, ""Thee"" & Zoë\'s Bakkerij"');
    expect(sink.text).toContain('"Eerste regel,\nmet ""aanhalingstekens""; en een puntkomma\r\nderde regel"');
    for (const e of NASTY) expect(records.filter((r) => r[1] === e.name).map((r) => r[8])).toEqual([e.description]);
  }, 300_000);

  it('exports NDJSON exactly as the API sends rows, through edges as well as nodes', async () => {
    const chunks: string[] = [];
    const out = new Writable({ write(chunk: Buffer, _e, done) { chunks.push(chunk.toString('utf8')); done(); } });
    const result = await exportQuery({
      url: hub.url, format: 'ndjson', out, variables: { owner: 'rotterdam' },
      query: `query($owner: ID) { socialEnterprises(first: 37, filter: { owner: $owner, query: "Çafé" }) { edges { node { id name staffTotal } } } }`,
    });
    expect(result).toEqual({ rows: 1, pages: 1 });
    const id = (await hub.query(`{ socialEnterprises(filter: { owner: "rotterdam", query: "Çafé" }) { nodes { id } } }`)).data.socialEnterprises.nodes[0].id;
    expect(chunks.join('')).toBe(`${JSON.stringify({ id, name: NASTY[1].name, staffTotal: 7 })}\n`);
  });

  it('npm run export: --dutch writes a BOM, semicolons and decimal commas to --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'srh-export-'));
    writeFileSync(join(dir, 'q.graphql'), `query($owner: ID, $q: String) { socialEnterprises(first: 2, filter: { owner: $owner, query: $q }) {
      nodes { name shareWithDistance staffTotal } } }`);
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/export.ts', '--query', join(dir, 'q.graphql'), '--format', 'csv',
      '--dutch', '--out', join(dir, 'out.csv'), '--var', 'owner=den-haag', '--var', 'q="\\"Koffie\\""', '--url', hub.url]);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('\uFEFFname;shareWithDistance;staffTotal\r\n"Koffie, ""Thee"" & Zoë\'s Bakkerij";0,4286;7\r\n');
  });

  it('reports progress: the total when the connection has one, the rows after each written page', async () => {
    const calls: unknown[][] = [];
    const progress = { start: (t: number | null) => calls.push(['start', t]), update: (n: number) => calls.push(['update', n]), stop: () => calls.push(['stop']) };
    const sink = () => new Writable({ write(_c, _e, done) { done(); } });
    await exportQuery({ url: hub.url, format: 'ndjson', out: sink(), progress, query: `{ socialEnterprises(first: 1, filter: { query: "\\"Koffie\\"" }) { nodes { id } } }` });
    expect(calls).toEqual([['start', 1], ['update', 1], ['stop']]);
    // auditLog has no totalCount: the exporter asks again without it and runs without a total.
    calls.length = 0;
    const token = await hub.staffToken('den-haag');
    const result = await exportQuery({ url: hub.url, format: 'ndjson', out: sink(), progress, headers: { authorization: `Bearer ${token}` },
      query: `{ auditLog(owner: "den-haag", first: 1) { nodes { action entityType } } }` });
    expect(result.rows).toBeGreaterThanOrEqual(1);
    expect(calls).toEqual([['start', null], ...Array.from({ length: result.rows }, (_, i) => ['update', i + 1]), ['stop']]);
  });

  it('stops with the error when the hub refuses a page, instead of writing a partial file as complete', async () => {
    const out = new Writable({ write(_c, _e, done) { done(); } });
    await expect(exportQuery({ url: hub.url, format: 'csv', out, query: `{ socialEnterprises(first: 500) { nodes { id } } }` }))
      .rejects.toThrow(/page 1: .*\(BAD_USER_INPUT\)/);
  });
});
