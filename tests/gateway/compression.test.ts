import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
beforeAll(async () => { hub = await startTestHub({ demoEnterprises: 30 }); });
afterAll(async () => { await hub?.stop(); });

async function post(query: string, acceptEncoding?: string) {
  const res = await request(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
    body: JSON.stringify({ query }),
  });
  const raw = Buffer.from(await res.body.arrayBuffer());
  return { encoding: res.headers['content-encoding'], raw };
}

const BIG = '{ socialEnterprises(first: 60) { nodes { id name description offerings { name description } } } }';
const SMALL = '{ socialEnterprises(first: 1) { nodes { id } } }';

describe('response compression', () => {
  it('gzips a big response for a client that accepts it, and the JSON is the same', async () => {
    const plain = await post(BIG);
    const gzipped = await post(BIG, 'gzip');
    expect(plain.encoding).toBeUndefined();
    expect(gzipped.encoding).toBe('gzip');
    expect(gzipped.raw.length).toBeLessThan(plain.raw.length / 3);
    expect(JSON.parse(gunzipSync(gzipped.raw).toString('utf8'))).toEqual(JSON.parse(plain.raw.toString('utf8')));
  });

  it('leaves a small response as it is', async () => {
    const small = await post(SMALL, 'gzip');
    expect(small.encoding).toBeUndefined();
    expect(JSON.parse(small.raw.toString('utf8')).data.socialEnterprises.nodes).toHaveLength(1);
  });
});
