import { describe, expect, it } from 'vitest';
import { CircuitBreakers } from '../../gateway/router/circuit-breaker.ts';
import { OwnerRouter } from '../../gateway/router/owner-router.ts';
import { buildRoutingTable } from '../../gateway/router/routing-table.ts';
import type { OwnerTransport, SubgraphRequest, SubgraphResponse } from '../../gateway/router/transport.ts';
import { readSchemaFile } from '../../lib/schema-files.ts';

/** The router's fault handling against a scripted transport: no network, no clock. */
const ID = 'den-haag:SocialEnterprise:7f1c2a3b-0000-4000-8000-000000000001';
const READ = `query { socialEnterprise(id: "${ID}") { name } }`;
const WRITE = `mutation { registerContract(input: { owner: "den-haag" }) { id } }`;

function scripted(steps: (Error | SubgraphResponse)[]) {
  const sent: SubgraphRequest[] = [];
  const transport: OwnerTransport = {
    async send(_owner, request) {
      sent.push(request);
      const next = steps.shift() ?? { data: { socialEnterprise: { name: 'Later' } } };
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return { transport, sent };
}

const reset = () => Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4011'), { code: 'ECONNREFUSED' });

function router(transport: OwnerTransport, outcomes: string[] = []) {
  return new OwnerRouter({
    table: buildRoutingTable(readSchemaFile('region.graphql')), owners: ['den-haag', 'rotterdam'], transport, timeoutMs: 60_000,
    breaker: { failures: 2, cooldownMs: 60_000 },
    observe: (owner, _s, outcome) => outcomes.push(`${owner}:${outcome}`),
  });
}

describe('owner faults in the router', () => {
  it('retries a read once when the owner reset the connection', async () => {
    const { transport, sent } = scripted([reset(), { data: { socialEnterprise: { name: 'Schoon & Co' } } }]);
    expect(await router(transport).execute({ query: READ })).toEqual({ data: { socialEnterprise: { name: 'Schoon & Co' } } });
    expect(sent).toHaveLength(2);
  });

  it('never retries a write, even on a reset: it may have been done', async () => {
    const { transport, sent } = scripted([reset()]);
    const res = await router(transport).execute({ query: WRITE });
    expect(res.errors).toEqual([{
      message: 'Owner "den-haag" did not answer (other side closed); the other owners\' data is complete.',
      path: ['registerContract'], extensions: { code: 'OWNER_UNAVAILABLE', owner: 'den-haag' },
    }]);
    expect(sent).toHaveLength(1);
  });

  it('skips an owner that keeps failing, says so, and reports it', async () => {
    const outcomes: string[] = [];
    const { transport, sent } = scripted([refused(), refused()]);
    const r = router(transport, outcomes);
    await r.execute({ query: READ });
    await r.execute({ query: READ });
    expect(r.circuitOpen()).toEqual({ 'den-haag': true, rotterdam: false });
    const skipped = await r.execute({ query: READ });
    expect(sent).toHaveLength(2);
    expect(skipped.errors?.[0]).toEqual({
      message: 'Owner "den-haag" did not answer (skipped after repeated failures; tried again in 60 s); the other owners\' data is complete.',
      path: ['socialEnterprise'], extensions: { code: 'OWNER_UNAVAILABLE', owner: 'den-haag' },
    });
    expect(outcomes).toEqual(['den-haag:failed', 'den-haag:failed', 'den-haag:skipped']);
  });
});

describe('circuit breaker', () => {
  it('opens after the failures in a row, lets one trial through after the cooldown, closes on its success', () => {
    let now = 0;
    const b = new CircuitBreakers({ failures: 3, cooldownMs: 1000 }, () => now);
    b.failed('o'); b.failed('o');
    expect(b.admit('o')).toBe(true);
    b.succeeded('o'); // a success resets the count
    b.failed('o'); b.failed('o');
    expect(b.isOpen('o')).toBe(false);
    b.failed('o');
    expect([b.isOpen('o'), b.admit('o'), b.retryInMs('o')]).toEqual([true, false, 1000]);
    now = 1000;
    expect(b.admit('o')).toBe(true); // the trial
    expect(b.admit('o')).toBe(false); // only one at a time
    b.succeeded('o');
    expect([b.isOpen('o'), b.admit('o')]).toEqual([false, true]);
  });

  it('a failed trial opens it for another cooldown', () => {
    let now = 0;
    const b = new CircuitBreakers({ failures: 1, cooldownMs: 500 }, () => now);
    b.failed('o');
    now = 500;
    expect(b.admit('o')).toBe(true);
    b.failed('o');
    expect([b.admit('o'), b.retryInMs('o')]).toEqual([false, 500]);
  });
});
