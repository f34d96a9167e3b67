import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AFTER_VARIABLE, PAGE_INFO, TOTAL } from '../../export/connection-query.ts';

/**
 * `npm run export` draws its progress bar only on a terminal: run under a pseudo-terminal
 * (util-linux `script`, in Debian's essential bsdutils) it shows rows out of the total;
 * with stderr a pipe it prints only the closing line, so logs stay clean. The terminal is
 * what is tested here, so a small loopback server pages 23 rows (the paging against the hub
 * is in export.test.ts).
 */
const run = promisify(execFile);
const total = 23;
let server: Server;
let url: string;
let dir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; }).on('end', () => {
      const { variables } = JSON.parse(body) as { variables: Record<string, string | null> };
      const from = Number(variables[AFTER_VARIABLE] ?? 0);
      const nodes = Array.from({ length: Math.min(5, total - from) }, (_, i) => ({ id: `den-haag:SocialEnterprise:${from + i}`, name: `Onderneming ${from + i}` }));
      const end = from + nodes.length;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { socialEnterprises: {
        nodes, [TOTAL]: total, [PAGE_INFO]: { hasNextPage: end < total, endCursor: String(end) } } } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  dir = mkdtempSync(join(tmpdir(), 'srh-export-tty-'));
  writeFileSync(join(dir, 'q.graphql'), '{ socialEnterprises(first: 5) { nodes { id name } } }');
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const exportArgs = (out: string) => ['--import', 'tsx', 'scripts/export.ts', '--query', join(dir, 'q.graphql'), '--out', join(dir, out), '--url', url];

describe('npm run export on a terminal', () => {
  it('shows a progress bar with the rows written out of the total', async () => {
    const command = [process.execPath, ...exportArgs('tty.csv')].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const { stdout } = await run('script', ['-qec', command, '/dev/null'], { env: { ...process.env, COLUMNS: '120' } });
    expect(stdout).toContain(`export `);
    expect(stdout).toContain(`${total}/${total} rows (100%)`);
    expect(stdout).toContain(`export: ${total} rows in ${Math.ceil(total / 5)} pages`);
    expect(readFileSync(join(dir, 'tty.csv'), 'utf8').split('\r\n').filter(Boolean)).toHaveLength(total + 1);
  });

  it('prints only the closing line when stderr is not a terminal', async () => {
    const { stdout, stderr } = await run(process.execPath, exportArgs('pipe.csv'));
    expect([stdout, stderr]).toEqual(['', `export: ${total} rows in ${Math.ceil(total / 5)} pages to ${join(dir, 'pipe.csv')}\n`]);
  });
});
