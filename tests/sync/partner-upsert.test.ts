import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeLog, externalReference, socialEnterprise } from '../../drizzle/region/schema.ts';
import { createHash } from 'node:crypto';
import { loadOwners } from '../../subgraphs/owners.ts';
import { storageKinds, testDatabases } from '../helpers/databases.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testSecurity } from '../helpers/security.ts';

/**
 * Acceptance 2: partner batch upserts are idempotent, safe under concurrent retries (20 at
 * once make one row; on PostgreSQL they really run at the same time), and reject an invalid
 * item alone, leaving nothing of it behind.
 */

const UPSERT = `mutation($input: UpsertSocialEnterprisesInput!) { upsertSocialEnterprises(input: $input) {
  owner created updated unchanged rejected
  items { index externalId kvkNumber status id version error { code message field } keptStaffFields duplicateOf } } }`;

const item = (externalId: string, kvkNumber: string, extra: Record<string, unknown> = {}) => ({
  externalId, kvkNumber, name: `Initiatief ${externalId}`, legalForm: 'STICHTING', municipality: 'GM0518', postcode4: '2511',
  description: 'Buurtinitiatief met werkervaringsplekken', staffTotal: 10, staffWithDistance: 4,
  impactThemes: ['SOCIAL_COHESION', 'LABOUR_PARTICIPATION'], capabilities: ['INTERNSHIPS'],
  recognitions: [{ scheme: 'PSO_30_PLUS', issuedBy: 'TNO', validFrom: '2024-03-01', validUntil: '2026-02-28' }],
  offerings: [{
    externalId: `${externalId}-lunch`, name: 'Lunchpakketten', description: 'Vergadercatering', kind: 'PRODUCT', category: 'catering',
    cpvCode: '55520000-1', price: { amount: '8.75', unit: 'PER_ITEM' }, serviceArea: ['GM0518', 'GM0603'], countsForSocialReturn: true,
  }],
  ...extra,
});

describe.each(storageKinds)('partner upserts on %s', (kind) => {
  const databases = testDatabases(kind);
  let hub: TestHub;
  let partner: (input: Record<string, unknown>) => Promise<any>;

  beforeAll(async () => {
    // The partner signs in with an API key, as MAEX would; rotterdam lets partners overwrite staff-set fields.
    const key = 'srh_test-maex-key';
    const keys = await testSecurity({ apiKeys: [{
      name: 'maex', sha256: createHash('sha256').update(key).digest('hex'), role: 'partner', owners: ['den-haag', 'rotterdam'], createdAt: '2026-01-01T00:00:00Z',
    }] });
    const owners = loadOwners().map((o) => (o.code === 'rotterdam' ? { ...o, partnerMayOverwriteStaffFields: true } : o));
    hub = await startTestHub({ storage: (label) => databases.create(label), seedDemo: false, keys, owners });
    partner = async (input) => (await hub.query(UPSERT, { input: { owner: 'den-haag', system: 'MAEX', ...input } }, { 'x-api-key': key })).data?.upsertSocialEnterprises;
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
    await databases.dropAll();
  });

  const db = () => hub.regions.get('den-haag')!.database.db;
  const changeCount = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(changeLog))[0].n;
  const rowsWithKvk = async (kvk: string) => (await db().select({ n: sql<number>`count(*)::int` }).from(socialEnterprise).where(eq(socialEnterprise.kvkNumber, kvk)))[0].n;

  it('applies a batch once: the same batch again is all UNCHANGED and writes nothing', async () => {
    const batch = { items: [item('u-1', '60000001'), item('u-2', '60000002', { offerings: null })] };
    const first = await partner(batch);
    expect(first).toMatchObject({ owner: 'den-haag', created: 2, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.items.map((i: any) => [i.index, i.status, i.version, i.error])).toEqual([[0, 'CREATED', 1, null], [1, 'CREATED', 1, null]]);
    const changesBefore = await changeCount();
    const again = await partner(batch);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 0 });
    expect(again.items.map((i: any) => [i.status, i.id, i.version])).toEqual(first.items.map((i: any) => ['UNCHANGED', i.id, 1]));
    expect(await changeCount()).toBe(changesBefore);
    // Equal after normalising: another order of sets, a price written differently.
    const reordered = item('u-1', '60000001', { impactThemes: ['LABOUR_PARTICIPATION', 'SOCIAL_COHESION'] });
    (reordered.offerings as any)[0].price.amount = '08.75';
    (reordered.offerings as any)[0].serviceArea = ['GM0603', 'GM0518'];
    expect((await partner({ items: [reordered] })).items[0].status).toBe('UNCHANGED');
    const changed = await partner({ items: [item('u-1', '60000001', { name: 'Initiatief u-1 (nieuw)' })] });
    expect(changed.items[0]).toMatchObject({ status: 'UPDATED', version: 2, keptStaffFields: [] });
  });

  it('makes one row of 20 identical upserts sent at the same time', async () => {
    const batch = { items: [item('race-1', '60000020')] };
    const results = await Promise.all(Array.from({ length: 20 }, () => partner(batch)));
    expect(results.map((r) => r.items[0].status).sort()).toEqual(['CREATED', ...Array(19).fill('UNCHANGED')]);
    expect(new Set(results.map((r) => r.items[0].id)).size).toBe(1);
    expect(await rowsWithKvk('60000020')).toBe(1);
    const refs = await db().select().from(externalReference).where(eq(externalReference.externalId, 'race-1'));
    expect(refs.length).toBe(1);
  });

  it('rejects an invalid item with its reason and applies the rest; a rejected item leaves nothing behind', async () => {
    // Item 2's offering id belongs to another enterprise: found inside its transaction, after its enterprise was inserted.
    const result = await partner({ items: [
      item('mix-1', '60000031'),
      item('mix-2', '6000003X'),
      item('mix-3', '60000033', { offerings: [{ ...item('x', '0').offerings[0], externalId: 'mix-1-lunch' }] }),
      item('mix-4', '60000034', { municipality: 'GM0599' }),
      item('mix-5', '60000035'),
    ] });
    expect(result).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: 3 });
    expect(result.items.map((i: any) => [i.index, i.status, i.error && [i.error.code, i.error.field]])).toEqual([
      [0, 'CREATED', null],
      [1, 'REJECTED', ['BAD_USER_INPUT', 'kvkNumber']],
      [2, 'REJECTED', ['CONFLICT', 'offerings']],
      [3, 'REJECTED', ['MUNICIPALITY_NOT_COVERED', 'municipality']],
      [4, 'CREATED', null],
    ]);
    expect(result.items[1].error.message).toBe('kvkNumber must be a KvK number of 8 digits, got "6000003X".');
    expect(result.items[3].error.message).toMatch(/^Municipality GM0599 is not covered by owner "den-haag"/);
    expect(await rowsWithKvk('60000033')).toBe(0);
    expect(await rowsWithKvk('60000034')).toBe(0);
  });

  it('collapses an identical repeat within a batch and reports a conflicting one', async () => {
    const result = await partner({ items: [
      item('dup-1', '60000041'),
      item('dup-1', '60000041'),
      item('dup-1', '60000041', { name: 'Andere naam' }),
      item('dup-2', '60000041'),
    ] });
    expect(result.items.map((i: any) => [i.status, i.duplicateOf, i.error?.code ?? null])).toEqual([
      ['CREATED', null, null],
      ['UNCHANGED', 0, null],
      ['REJECTED', 0, 'DUPLICATE_IN_BATCH'],
      ['REJECTED', 0, 'DUPLICATE_IN_BATCH'],
    ]);
    expect(result.items[1].id).toBe(result.items[0].id);
    expect(await rowsWithKvk('60000041')).toBe(1);
  });

  it('keeps fields the owner\'s staff set, and attaches the partner id to an enterprise found by KvK', async () => {
    const registered = await hub.asStaff(`mutation { registerSocialEnterprise(input: { owner: "den-haag", name: "Groen Werkt", kvkNumber: "60000051",
      legalForm: BV, municipality: "GM0518", postcode4: "2544", description: "Groenonderhoud door de gemeente ingevoerd", staffTotal: 20, staffWithDistance: 9 }) { id } }`);
    const id = registered.data.registerSocialEnterprise.id;
    const result = await partner({ items: [item('staff-1', '60000051', { name: 'GroenWerkt Haaglanden', website: 'https://groen.example.nl', offerings: null, recognitions: null })] });
    expect(result.items[0]).toMatchObject({ status: 'UPDATED', id, version: 2 });
    expect(result.items[0].keptStaffFields).toEqual(['description', 'legalForm', 'name', 'postcode4', 'staffTotal', 'staffWithDistance']);
    const now = await hub.asStaff(`query($id: ID!) { socialEnterprise(id: $id) { name description website legalForm impactThemes externalReferences { system externalId } } }`, { id });
    expect(now.data.socialEnterprise).toEqual({
      name: 'Groen Werkt', description: 'Groenonderhoud door de gemeente ingevoerd', website: 'https://groen.example.nl', legalForm: 'BV',
      impactThemes: ['LABOUR_PARTICIPATION', 'SOCIAL_COHESION'], externalReferences: [{ system: 'MAEX', externalId: 'staff-1' }],
    });
    // Nor through the plain update mutation.
    const update = await hub.query(`mutation($id: ID!) { updateSocialEnterprise(id: $id, input: { name: "GroenWerkt", website: "https://groenwerkt.example.nl" }) { name } }`,
      { id }, { 'x-api-key': 'srh_test-maex-key' });
    expect(update.errors?.map((e) => [e.extensions?.code, e.extensions?.fields])).toEqual([['FORBIDDEN', ['name']]]);
    const own = await hub.query(`mutation($id: ID!) { updateSocialEnterprise(id: $id, input: { website: "https://groenwerkt.example.nl" }) { name website } }`,
      { id }, { 'x-api-key': 'srh_test-maex-key' });
    expect(own.data.updateSocialEnterprise).toEqual({ name: 'Groen Werkt', website: 'https://groenwerkt.example.nl' });
    // Found by its partner id now; a KvK number that disagrees is a conflict.
    const conflict = await partner({ items: [item('staff-1', '60000052', { offerings: null, website: 'https://groenwerkt.example.nl' })] });
    expect(conflict.items[0]).toMatchObject({ status: 'REJECTED', error: { code: 'CONFLICT', field: 'kvkNumber' } });
  });

  it('overwrites staff-set fields where the owner allows it', async () => {
    await hub.asStaff(`mutation { registerSocialEnterprise(input: { owner: "rotterdam", name: "Fietsherstel Zuid", kvkNumber: "60000071",
      legalForm: BV, municipality: "GM0599", postcode4: "3071", description: "Door de gemeente ingevoerd", staffTotal: 8, staffWithDistance: 5 }) { id } }`);
    const result = await partner({ owner: 'rotterdam', items: [item('rdam-1', '60000071', {
      municipality: 'GM0599', postcode4: '3071', name: 'Fietsherstel Zuid BV', legalForm: 'BV', offerings: null, recognitions: null }) ] });
    expect(result.items[0]).toMatchObject({ status: 'UPDATED', version: 2, keptStaffFields: [] });
    const now = await hub.asStaff(`query($id: ID!) { socialEnterprise(id: $id) { name description staffTotal } }`, { id: result.items[0].id });
    expect(now.data.socialEnterprise).toEqual({ name: 'Fietsherstel Zuid BV', description: 'Buurtinitiatief met werkervaringsplekken', staffTotal: 10 });
  });

  it('lets only staff and partners of the owner upsert', async () => {
    const input = { owner: 'den-haag', system: 'MAEX', items: [item('acc-1', '60000061')] };
    const anonymous = await hub.query(UPSERT, { input });
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const otherOwner = await hub.keys.token({ roles: ['partner'], owners: ['rotterdam'] });
    const refused = await hub.query(UPSERT, { input }, { authorization: `Bearer ${otherOwner}` });
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const analyst = await hub.keys.token({ roles: ['analyst'] });
    expect((await hub.query(UPSERT, { input }, { authorization: `Bearer ${analyst}` })).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await rowsWithKvk('60000061')).toBe(0);
  });
});
