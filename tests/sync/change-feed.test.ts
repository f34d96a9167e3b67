import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { socialEnterprise } from '../../drizzle/region/schema.ts';
import { recordEnterpriseChanges } from '../../subgraphs/region/data/changes.ts';
import { pull } from '../../sync/pull.ts';
import { storageKinds, testDatabases } from '../helpers/databases.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { live, memorySink, ownerRecords } from './partner-copy.ts';

/**
 * Acceptance 1: a partner pulling the feed in pages of 7 while every owner is written by
 * several writers at once ends with exactly each owner's final state, and resuming from any
 * cursor it saved loses nothing. On PGlite the writes queue on one connection; on PostgreSQL
 * (TEST_DATABASE_URL) they really overlap, and positions are taken before commit.
 */

const WRITERS_PER_OWNER = 3;
const STEPS = 4;

const UPSERT = `mutation($input: UpsertSocialEnterprisesInput!) { upsertSocialEnterprises(input: $input) { items { status id error { message } } } }`;
const DELETE = `mutation($id: ID!) { deleteSocialEnterprise(id: $id) { id version } }`;

describe.each(storageKinds)('the change feed on %s', (kind) => {
  const databases = testDatabases(kind);
  let hub: TestHub;
  let owners: string[];
  let asPartner: (q: string, v?: Record<string, unknown>) => Promise<{ data?: any; errors?: unknown[] }>;
  let headers: Record<string, string>;

  beforeAll(async () => {
    hub = await startTestHub({ storage: (label) => databases.create(label), demoEnterprises: 4, demoContracts: 0 });
    owners = [...hub.regions.keys()].sort();
    headers = { authorization: `Bearer ${await hub.keys.token({ subject: 'maex', roles: ['partner'], owners })}` };
    asPartner = (q, v) => hub.query(q, v, headers);
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
    await databases.dropAll();
  });

  /** One writer: creates enterprises with offerings, renames them, changes offerings, deletes every third. */
  async function writer(owner: string, w: number): Promise<void> {
    const municipality = hub.regions.get(owner)!.owner.municipalities[0];
    const o = owners.indexOf(owner);
    for (let i = 0; i < STEPS; i++) {
      const externalId = `${owner}-${w}-${i}`;
      const item = (name: string, offerings: string[]) => ({
        externalId, kvkNumber: `7${o}${w}${String(i).padStart(5, '0')}`, name, legalForm: 'BV', municipality, postcode4: '2500',
        description: 'Schrijftest', staffTotal: 5, staffWithDistance: 2,
        offerings: offerings.map((x) => ({
          externalId: `${externalId}-${x}`, name: `Aanbod ${x} ${name}`, description: 'Test', kind: 'SERVICE', category: 'catering',
          cpvCode: '55520000-1', serviceArea: [municipality], countsForSocialReturn: true,
        })),
      });
      const created = await asPartner(UPSERT, { input: { owner, system: 'MAEX', items: [item(`Bedrijf ${externalId}`, ['a', 'b'])] } });
      expect(created.data?.upsertSocialEnterprises.items[0].status, JSON.stringify(created)).toBe('CREATED');
      const changed = await asPartner(UPSERT, { input: { owner, system: 'MAEX', items: [item(`Bedrijf ${externalId} v2`, ['b', 'c'])] } });
      expect(changed.data?.upsertSocialEnterprises.items[0].status, JSON.stringify(changed)).toBe('UPDATED');
      if (i % 3 === 2) {
        const deleted = await asPartner(DELETE, { id: created.data.upsertSocialEnterprises.items[0].id });
        expect(deleted.errors).toBeUndefined();
      }
    }
  }

  async function directState(owner?: string): Promise<Record<string, string>> {
    const parts = await Promise.all(owners.filter((o) => !owner || o === owner).map((o) => ownerRecords(o, hub.regions.get(o)!.database.db)));
    return Object.fromEntries(parts.flatMap((p) => Object.entries(p)).sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  /**
   * Pulls until the copy holds what the databases hold. On a shared PostgreSQL server another
   * session's open transaction may hold the commit frontier back for a while, so a pull that
   * finds nothing ready is repeated (a bounded number of times) rather than taken as the end.
   */
  async function catchUp(copy: ReturnType<typeof memorySink>, expected: Record<string, string>, owner?: string, pageSize = 7) {
    for (let attempt = 0; attempt < 400 && JSON.stringify(live(copy.state, owner)) !== JSON.stringify(expected); attempt++) {
      await pull(copy.sink, { url: hub.url, headers, pageSize, owner });
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(live(copy.state, owner)).toEqual(expected);
  }

  it('pulled in pages of 7 during concurrent writes, ends with every owner\'s final state; resuming from any saved cursor too', async () => {
    const copy = memorySink();
    let writing = true;
    const writers = Promise.all(owners.flatMap((o) => Array.from({ length: WRITERS_PER_OWNER }, (_, w) => writer(o, w))))
      .finally(() => { writing = false; });
    let pagesDuringWrites = 0;
    while (writing) {
      await pull(copy.sink, { url: hub.url, headers, pageSize: 7, onPage: () => { if (writing) pagesDuringWrites++; } });
    }
    await writers;
    const expected = await directState();
    // Every owner wrote creates, updates and deletes of enterprises and offerings.
    expect(Object.keys(expected).filter((id) => id.includes(':Offering:')).length).toBeGreaterThan(owners.length * WRITERS_PER_OWNER * STEPS);
    await catchUp(copy, expected);
    expect(pagesDuringWrites).toBeGreaterThan(0);

    // Resume from saved cursors spread over the whole pull, each with the copy as it was then.
    const every = Math.ceil(copy.checkpoints.length / 5);
    const checkpoints = copy.checkpoints.filter((_, i) => i % every === 0);
    expect(checkpoints.length).toBeGreaterThan(3);
    for (const saved of checkpoints) {
      const resumed = memorySink(new Map(saved.state), saved.cursor);
      await catchUp(resumed, expected, undefined, 50);
    }
  }, 240_000);

  it.runIf(kind === 'postgres')('never serves a change past one whose transaction is still open, so none is skipped', async () => {
    const copy = memorySink();
    await catchUp(copy, await directState());
    const db = hub.regions.get('den-haag')!.database.db;
    const [target] = await db.select({ id: socialEnterprise.id, version: socialEnterprise.version }).from(socialEnterprise).limit(1);
    // A writer takes its position, then stays open while a later writer commits.
    let release!: () => void;
    let taken!: () => void;
    const positionTaken = new Promise<void>((r) => { taken = r; });
    const held = db.transaction(async (tx) => {
      const [row] = await tx.update(socialEnterprise).set({ name: 'Gehouden schrijver', version: sql`${socialEnterprise.version} + 1` })
        .where(eq(socialEnterprise.id, target.id)).returning({ version: socialEnterprise.version });
      await recordEnterpriseChanges(tx, [{ id: target.id, version: row.version, kind: 'UPDATED' }]);
      taken();
      await new Promise<void>((r) => { release = r; });
    });
    await positionTaken;
    const later = await asPartner(UPSERT, { input: { owner: 'den-haag', system: 'MAEX', items: [{
      externalId: 'later-writer', kvkNumber: '79900001', name: 'Latere schrijver', legalForm: 'BV', municipality: 'GM0518',
      postcode4: '2500', description: 'Test', staffTotal: 3, staffWithDistance: 1 }] } });
    const laterId = later.data.upsertSocialEnterprises.items[0].id as string;
    await pull(copy.sink, { url: hub.url, headers, pageSize: 7 });
    expect(copy.state.has(laterId)).toBe(false);
    release();
    await held;
    await catchUp(copy, await directState());
    expect(live(copy.state)[`den-haag:SocialEnterprise:${target.id}`]).toBe(`${target.version + 1} Gehouden schrijver`);
  });

  it('serves one owner\'s feed alone', async () => {
    const copy = memorySink();
    await catchUp(copy, await directState('rotterdam'), 'rotterdam');
    expect(Object.keys(live(copy.state)).every((id) => id.startsWith('rotterdam:'))).toBe(true);
  });
});
