import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../lib/service-auth.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
beforeAll(async () => { hub = await startTestHub({ demoEnterprises: 3 }); });
afterAll(async () => { await hub?.stop(); });

const identity = { subject: 'staff', roles: ['municipality' as const], owners: ['den-haag'] };

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, body: await res.json() };
}

describe('services answer only the gateway', () => {
  const entities = JSON.stringify({
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code } } }',
    variables: { r: [{ __typename: 'Region', code: 'den-haag' }] },
  });
  const sdl = JSON.stringify({ query: '{ _service { sdl } }' });
  const refused = (message: string) => ({ status: 401, body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] } });

  it('refuses unsigned requests, including _entities and _service, on every service', async () => {
    const den = hub.regions.get('den-haag')!;
    for (const url of [den.url, hub.catalog.url]) {
      expect(await post(url, entities)).toEqual(refused('This service only answers requests signed by the hub gateway.'));
      expect(await post(url, sdl)).toEqual(refused('This service only answers requests signed by the hub gateway.'));
    }
  });

  it('accepts a fresh signed request, and refuses it altered, expired, or signed for another service', async () => {
    const den = hub.regions.get('den-haag')!;
    const key = hub.keys.keyFor('den-haag');
    const signed = signRequest(key, identity, entities);
    expect(await post(den.url, entities, signed)).toEqual({ status: 200, body: { data: { _entities: [{ code: 'den-haag' }] } } });

    const altered = entities.replace('den-haag"}]', 'rotterdam"}]');
    expect(await post(den.url, altered, signed)).toEqual(refused('The request signature does not match.'));

    const promoted = { ...signed, 'x-hub-identity': Buffer.from(JSON.stringify({ ...identity, roles: ['analyst'] })).toString('base64url') };
    expect(await post(den.url, entities, promoted)).toEqual(refused('The request signature does not match.'));

    const old = signRequest(key, identity, entities, Date.now() - 60_000);
    expect(await post(den.url, entities, old)).toEqual(refused('The signed request has expired.'));

    const forRotterdam = signRequest(hub.keys.keyFor('rotterdam'), identity, entities);
    expect(await post(den.url, entities, forRotterdam)).toEqual(refused('The request signature does not match.'));
  });
});
