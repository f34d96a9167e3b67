import { request } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../lib/identity.ts';
import { serveGraphQL, type Served } from '../../lib/http/serve.ts';

/**
 * serve.ts's close(): stop accepting, let in-flight requests finish, cut them at the deadline.
 * A resolver that waits for the test stands for a slow request; nothing here waits on a clock
 * except the deliberately short deadline of the last test.
 */
function slowService() {
  let entered!: () => void;
  const started = new Promise<void>((r) => { entered = r; });
  let release!: (v: string) => void;
  const released = new Promise<string>((r) => { release = r; });
  const apollo = new ApolloServer({
    schema: buildSchema('type Query { slow: String fast: String }'),
    rootValue: { slow: () => { entered(); return released; }, fast: () => 'fast' },
    csrfPrevention: false,
  });
  return { apollo, started, release };
}

/** A POST on a fresh connection (no keep-alive pool), so a refused connection shows as such. */
function post(url: string, query: string): Promise<{ status: number; connection?: string; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => { text += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body: JSON.parse(text) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query }));
  });
}

let served: Served | undefined;
afterEach(async () => { await served?.close(0); });

async function serve(apollo: ApolloServer) {
  await apollo.start();
  served = await serveGraphQL({ apollo, port: 0, authenticate: async () => ANONYMOUS, context: async () => ({}) });
  return served;
}

describe('graceful shutdown', () => {
  it('finishes the request in flight, refuses new ones, and closes once it is done', async () => {
    const { apollo, started, release } = slowService();
    const { url } = await serve(apollo);
    const inFlight = post(url, '{ slow }');
    await started;
    let closed = false;
    const closing = served!.close(60_000).then(() => { closed = true; });

    await expect(post(url, '{ fast }')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(closed).toBe(false);
    release('done');
    // Its connection is closed after the answer, so a keep-alive client does not reuse it.
    expect(await inFlight).toEqual({ status: 200, connection: 'close', body: { data: { slow: 'done' } } });
    await closing;
    expect(closed).toBe(true);
  });

  it('cuts a request that outlives the deadline, so the process can exit', async () => {
    const { apollo, started } = slowService();
    const { url } = await serve(apollo);
    const stuck = post(url, '{ slow }');
    await started;
    await served!.close(50);
    await expect(stuck).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});
