import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countServiceRequests, extraGateway, startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let requests: () => number;
beforeAll(async () => {
  hub = await startTestHub({ demoEnterprises: 5 });
  requests = countServiceRequests(hub);
});
afterAll(async () => { await hub?.stop(); });

/** Refused before planning: the code, and no request reached any service. */
async function refusedBeforePlanning(query: string, headers: Record<string, string> = {}) {
  const before = requests();
  const res = await hub.query(query, {}, headers);
  return { codes: res.errors?.map((e) => e.extensions?.code), data: res.data, serviceRequests: requests() - before };
}

const FAN_OUT = `{ socialEnterprises(first: 100) { nodes { offerings { category { cpvCodes { code } } } } } }`;

describe('abuse limits on the client operation', () => {
  it('refuses a 5,000-alias query', async () => {
    const q = `{ ${Array.from({ length: 5000 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect(await refusedBeforePlanning(q)).toEqual({ codes: ['QUERY_TOO_COMPLEX'], data: undefined, serviceRequests: 0 });
  });

  it('refuses 31 aliases (under the token limit) by the alias rule', async () => {
    const q = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: regions { code }`).join(' ')} }`;
    const res = await hub.query(q);
    expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['QUERY_TOO_COMPLEX', 'Syntax Error: Aliases limit of 30 exceeded, found 31.']]);
  });

  it('refuses a fragment bomb', async () => {
    const frags = [`fragment F0 on Query { socialEnterprises(first: 100) { nodes { id } } }`];
    for (let i = 1; i <= 12; i++) frags.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
    const q = `query { ...F12 } ${frags.join(' ')}`;
    expect(await refusedBeforePlanning(q)).toEqual({ codes: ['QUERY_TOO_COMPLEX'], data: undefined, serviceRequests: 0 });
  });

  it('refuses depth 30', async () => {
    let inner = 'code';
    for (let i = 0; i < 14; i++) inner = `municipalities { owner { ${inner} } }`;
    const q = `{ regions { ${inner} } }`;
    expect(await refusedBeforePlanning(q)).toEqual({ codes: ['QUERY_TOO_COMPLEX'], data: undefined, serviceRequests: 0 });
  });

  it('refuses a fan-out over budget for public, and honours the analyst budget', async () => {
    const res = await refusedBeforePlanning(FAN_OUT);
    expect(res).toEqual({ codes: ['QUERY_TOO_COMPLEX'], data: undefined, serviceRequests: 0 });
    const message = (await hub.query(FAN_OUT)).errors?.[0].message;
    expect(message).toBe('This operation is estimated at 36603 (lists count by their `first`, fan-outs by the number of owners); the budget for your role is 25000. Ask for smaller pages.');
    // The same list of ONE owner is a third of the cost: within the public budget.
    const one = await hub.query(`{ socialEnterprises(first: 100, filter: { owner: "den-haag" }) { nodes { offerings { category { cpvCodes { code } } } } } }`);
    expect(one.errors).toBeUndefined();
    const analyst = await hub.keys.token({ roles: ['analyst'] });
    const allowed = await hub.query(FAN_OUT, {}, { authorization: `Bearer ${analyst}` });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data.socialEnterprises.nodes).toHaveLength(15);
  });
});

describe('HTTP rules', () => {
  const get = (search: string, headers: Record<string, string> = {}) => fetch(`${hub.url}?${search}`, { headers });

  it('CSRF: text/plain POST and GET without a preflight header are refused; GET never runs a mutation', async () => {
    const plain = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ regions { code } }"}' });
    expect(plain.status).toBe(400);
    expect(await plain.text()).toContain('Cross-Site Request Forgery');
    const noPreflight = await get(`query=${encodeURIComponent('{ regions { code } }')}`);
    expect(noPreflight.status).toBe(400);
    const mutation = await get(`query=${encodeURIComponent('mutation { updateOffering(id: "x", input: {}) { id } }')}`, { 'apollo-require-preflight': 'true' });
    expect(mutation.status).toBe(405);
    const ok = await get(`query=${encodeURIComponent('{ regions { code } }')}`, { 'apollo-require-preflight': 'true' });
    expect(ok.status).toBe(200);
  });

  it('HTTP batching is off', async () => {
    const res = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[{"query":"{ __typename }"},{"query":"{ __typename }"}]' });
    expect(res.status).toBe(400);
  });

  it('APQ: an unknown hash asks for the query; a wrong hash is refused and never cached', async () => {
    const query = '{ regions { code } }';
    const hash = createHash('sha256').update(query).digest('hex');
    const wrong = createHash('sha256').update('something else').digest('hex');
    const send = async (body: unknown): Promise<any> => (await fetch(hub.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json();
    const pq = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });
    expect((await send({ extensions: pq(hash) })).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await send({ query, extensions: pq(wrong) })).errors[0].message).toBe('provided sha does not match query');
    expect((await send({ extensions: pq(wrong) })).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await send({ query, extensions: pq(hash) })).data.regions).toHaveLength(3);
    expect((await send({ extensions: pq(hash) })).data.regions).toHaveLength(3);
  });

  it('CORS answers preflights for allowed origins only', async () => {
    const preflight = (origin: string) => fetch(hub.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
    const allowed = await preflight('https://frontend.example.nl');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://frontend.example.nl');
    const other = await preflight('https://evil.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rate limit: 429 with Retry-After, then recovers', async () => {
    const limited = await extraGateway(hub, { rateLimit: { points: 3, durationSeconds: 1 } });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 4; i++) {
        const res = await fetch(limited.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
        statuses.push(res.status);
        if (res.status === 429) {
          retryAfter = res.headers.get('retry-after');
          expect(((await res.json()) as any).errors[0].extensions.code).toBe("RATE_LIMITED");
        } else await res.text();
      }
      expect({ statuses, retryAfter }).toEqual({ statuses: [200, 200, 200, 429], retryAfter: '1' });
      await new Promise((r) => setTimeout(r, 1100));
      const again = await fetch(limited.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      expect(again.status).toBe(200);
    } finally {
      await limited.gateway.stop();
    }
  });

  it('production: introspection only for allowed roles, no field suggestions, no stack traces', async () => {
    const prod = await extraGateway(hub, { production: true });
    try {
      const intro = '{ __schema { queryType { name } } }';
      const pub = await prod.query(intro);
      expect(pub.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const analyst = await hub.keys.token({ roles: ['analyst'] });
      expect((await prod.query(intro, {}, { authorization: `Bearer ${analyst}` })).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      const typo = await prod.query('{ socialEnterprize { totalCount } }');
      expect(typo.errors?.[0].message).not.toMatch(/Did you mean/);
      expect(JSON.stringify(typo)).not.toMatch(/stacktrace/);
      const dev = await hub.query('{ socialEnterprize { totalCount } }');
      expect(dev.errors?.[0].message).toMatch(/Did you mean "socialEnterprise/);
    } finally {
      await prod.gateway.stop();
    }
  });

  it('allow-list mode runs only listed operations', async () => {
    const listed = '{ regions { code } }';
    const listedGateway = await extraGateway(hub, { allowList: { [createHash('sha256').update(listed).digest('hex')]: listed } });
    try {
      expect((await listedGateway.query(listed)).data.regions).toHaveLength(3);
      expect((await listedGateway.query('{ regions { name } }')).errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    } finally {
      await listedGateway.gateway.stop();
    }
  });
});
