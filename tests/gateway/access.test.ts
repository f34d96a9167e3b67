import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testSecurity } from '../helpers/security.ts';

/**
 * The role matrix: for each role and owner scope, which operations on den-haag's data
 * succeed and which are refused (and with which code). A refused write writes nothing.
 */
const PARTNER_KEY = 'srh_test_partner_key_for_den_haag';

let hub: TestHub;
const headers: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  const keys = await testSecurity({
    apiKeys: [{ name: 'maex', sha256: createHash('sha256').update(PARTNER_KEY).digest('hex'), role: 'partner', owners: ['den-haag'], createdAt: '2026-12-01T00:00:00Z' }],
  });
  hub = await startTestHub({ demoEnterprises: 8, keys });
  const bearer = async (roles: Parameters<typeof keys.token>[0]) => ({ authorization: `Bearer ${await keys.token(roles)}` });
  headers.public = {};
  headers['contractor den-haag'] = await bearer({ roles: ['contractor'], owners: ['den-haag'], kvk: '12345678' });
  headers['municipality den-haag'] = await bearer({ roles: ['municipality'], owners: ['den-haag'] });
  headers['wsp den-haag'] = await bearer({ roles: ['wsp'], owners: ['den-haag'] });
  headers['partner den-haag'] = { 'x-api-key': PARTNER_KEY };
  headers.analyst = await bearer({ roles: ['analyst'] });
  headers['municipality rotterdam'] = await bearer({ roles: ['municipality'], owners: ['rotterdam'] });
});
afterAll(async () => { await hub?.stop(); });

const OPERATIONS: Record<string, (ids: { enterprise: string; offering: string }, n: number) => [string, Record<string, unknown>]> = {
  'list enterprises': () => [`{ socialEnterprises(first: 1, filter: { owner: "den-haag" }) { nodes { id name } } }`, {}],
  'read external references': () => [`{ socialEnterprises(first: 3, filter: { owner: "den-haag" }) { nodes { externalReferences { system } } } }`, {}],
  'register an enterprise': (_, n) => [`mutation($kvk: String!) { registerSocialEnterprise(input: { owner: "den-haag", name: "Matrix Test", kvkNumber: $kvk,
    legalForm: BV, municipality: "GM0518", postcode4: "2511", description: "Rollentest", staffTotal: 4, staffWithDistance: 2 }) { id } }`, { kvk: String(30000000 + n) }],
  'update an offering': (ids) => [`mutation($id: ID!) { updateOffering(id: $id, input: { socialReturnNote: "aangepast" }) { id } }`, { id: ids.offering }],
  'read the audit log': () => [`{ auditLog(owner: "den-haag", first: 1) { nodes { action } } }`, {}],
};

// ok, or the code of the refusal.
const EXPECTED: Record<string, Record<string, string>> = {
  'list enterprises': { public: 'ok', 'contractor den-haag': 'ok', 'municipality den-haag': 'ok', 'wsp den-haag': 'ok', 'partner den-haag': 'ok', analyst: 'ok', 'municipality rotterdam': 'ok' },
  'read external references': { public: 'UNAUTHENTICATED', 'contractor den-haag': 'FORBIDDEN', 'municipality den-haag': 'ok', 'wsp den-haag': 'ok', 'partner den-haag': 'ok', analyst: 'FORBIDDEN', 'municipality rotterdam': 'FORBIDDEN' },
  'register an enterprise': { public: 'UNAUTHENTICATED', 'contractor den-haag': 'FORBIDDEN', 'municipality den-haag': 'ok', 'wsp den-haag': 'ok', 'partner den-haag': 'ok', analyst: 'FORBIDDEN', 'municipality rotterdam': 'FORBIDDEN' },
  // Staff changed the note just before the partner tries: a partner keeps off fields staff set (tests/sync/partner-upsert.test.ts).
  'update an offering': { public: 'UNAUTHENTICATED', 'contractor den-haag': 'FORBIDDEN', 'municipality den-haag': 'ok', 'wsp den-haag': 'ok', 'partner den-haag': 'FORBIDDEN', analyst: 'FORBIDDEN', 'municipality rotterdam': 'FORBIDDEN' },
  'read the audit log': { public: 'UNAUTHENTICATED', 'contractor den-haag': 'FORBIDDEN', 'municipality den-haag': 'ok', 'wsp den-haag': 'ok', 'partner den-haag': 'FORBIDDEN', analyst: 'FORBIDDEN', 'municipality rotterdam': 'FORBIDDEN' },
};

describe('who may do what', () => {
  it('follows the role matrix, and a refused write writes nothing', async () => {
    const first = await hub.query(`{ offerings(first: 1, filter: { owner: "den-haag" }) { nodes { id enterprise { id } } } }`);
    const ids = { offering: first.data.offerings.nodes[0].id, enterprise: first.data.offerings.nodes[0].enterprise.id };
    const count = async () => (await hub.query(`{ socialEnterprises(filter: { owner: "den-haag" }) { totalCount } }`)).data.socialEnterprises.totalCount as number;
    const before = await count();
    const actual: Record<string, Record<string, string>> = {};
    let n = 0;
    for (const [op, make] of Object.entries(OPERATIONS)) {
      actual[op] = {};
      for (const [who, h] of Object.entries(headers)) {
        const [query, variables] = make(ids, n++);
        const res = await hub.query(query, variables, h);
        actual[op][who] = res.errors?.[0]?.extensions?.code ?? 'ok';
      }
    }
    expect(actual).toEqual(EXPECTED);
    const allowedRegistrations = Object.values(EXPECTED['register an enterprise']).filter((o) => o === 'ok').length;
    expect(await count()).toBe(before + allowedRegistrations);
  });

  it('a denied field is null with FORBIDDEN on its path; the rest of the row comes back', async () => {
    const res = await hub.query(`{ socialEnterprises(first: 1, filter: { owner: "den-haag" }) { nodes { name externalReferences { system } } } }`, {}, headers.analyst);
    expect(res.data.socialEnterprises.nodes).toEqual([{ name: expect.any(String), externalReferences: null }]);
    expect(res.errors).toEqual([{
      message: 'You may not see SocialEnterprise.externalReferences.',
      path: ['socialEnterprises', 'nodes', 0, 'externalReferences'],
      extensions: { code: 'FORBIDDEN', owner: 'den-haag', serviceName: 'region' },
    }]);
  });

  it('audits writes and reads of restricted data: who, what, from which client', async () => {
    const h = { ...headers['wsp den-haag'], 'x-client-name': 'wsp-portaal' };
    await hub.query(`{ socialEnterprises(first: 2, filter: { owner: "den-haag" }) { nodes { externalReferences { system } } } }`, {}, h);
    const log = await hub.query(`{ auditLog(owner: "den-haag", first: 2) { nodes { subject roles client action entityType entityId detail } } }`, {}, headers['municipality den-haag']);
    expect(log.errors).toBeUndefined();
    expect(log.data.auditLog.nodes).toEqual([1, 0].map(() => ({
      subject: 'test-wsp', roles: ['wsp'], client: 'wsp-portaal', action: 'read', entityType: 'SocialEnterprise',
      entityId: expect.stringMatching(/^den-haag:SocialEnterprise:/), detail: '{"fields":["externalReferences"]}',
    })));
  });

  it('a wrong or expired credential is a 401, never a silent downgrade to public', async () => {
    const bad = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token' }, body: '{"query":"{ __typename }"}' });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const key = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'srh_wrong' }, body: '{"query":"{ __typename }"}' });
    expect(key.status).toBe(401);
  });
});
