import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneChangeLog } from '../../subgraphs/region/data/changes.ts';
import { pull } from '../../sync/pull.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { live, memorySink, ownerRecords } from './partner-copy.ts';

/**
 * The feed over time: the initial snapshot, compaction after the retention period and the
 * CURSOR_EXPIRED that follows, moves between owners, lookup by external id, and who sees what.
 */

const UPSERT = `mutation($input: UpsertSocialEnterprisesInput!) { upsertSocialEnterprises(input: $input) { items { status id error { message } } } }`;
const FEED = `query($since: String, $first: Int, $externalId: ExternalIdInput, $owner: ID, $types: [ChangeRecordType!]) {
  changes(since: $since, first: $first, externalId: $externalId, owner: $owner, types: $types) {
    edges { cursor node { id owner type kind version externalIds { system externalId } socialEnterprise { name } } }
    pageInfo { hasNextPage endCursor } missingOwners } }`;

const record = (municipality: string, name: string) => ({
  externalId: 'move-1', kvkNumber: '61000001', name, legalForm: 'BV', municipality, postcode4: '2500',
  description: 'Verhuist', staffTotal: 4, staffWithDistance: 2,
});

describe('the change feed over time', () => {
  let hub: TestHub;
  let headers: Record<string, string>;
  const asPartner = (q: string, v?: Record<string, unknown>) => hub.query(q, v, headers);

  beforeAll(async () => {
    hub = await startTestHub({ demoEnterprises: 3, demoContracts: 0 });
    headers = { authorization: `Bearer ${await hub.keys.token({ subject: 'maex', roles: ['partner'], owners: ['den-haag', 'rotterdam', 'haaglanden-zhc'] })}` };
  }, 120_000);
  afterAll(async () => { await hub?.stop(); });

  it('starts with a snapshot of every owner\'s demo data, and its end cursor continues', async () => {
    const copy = memorySink();
    const first = await pull(copy.sink, { url: hub.url, headers, pageSize: 50 });
    const direct = Object.fromEntries((await Promise.all([...hub.regions].map(([o, r]) => ownerRecords(o, r.database.db))))
      .flatMap((p) => Object.entries(p)).sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(live(copy.state)).toEqual(direct);
    const next = await asPartner(FEED, { since: first.cursor });
    expect(next.data.changes).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: first.cursor }, missingOwners: [] });
  });

  it('shows a move between owners as a delete at one and a create at the other, found by the external id', async () => {
    const created = await asPartner(UPSERT, { input: { owner: 'den-haag', system: 'MAEX', items: [record('GM0518', 'Verhuizer')] } });
    const oldId = created.data.upsertSocialEnterprises.items[0].id;
    const moved = await asPartner(UPSERT, { input: { owner: 'rotterdam', system: 'MAEX', items: [record('GM0599', 'Verhuizer')] } });
    const newId = moved.data.upsertSocialEnterprises.items[0].id;
    expect((await asPartner(`mutation($id: ID!) { deleteSocialEnterprise(id: $id) { id version } }`, { id: oldId })).data)
      .toEqual({ deleteSocialEnterprise: { id: oldId, version: 2 } });
    const found = await asPartner(FEED, { externalId: { system: 'MAEX', externalId: 'move-1' } });
    const maex = [{ system: 'MAEX', externalId: 'move-1' }];
    expect(found.data.changes.edges.map((e: any) => e.node)).toEqual([
      { id: oldId, owner: 'den-haag', type: 'SOCIAL_ENTERPRISE', kind: 'CREATED', version: 1, externalIds: maex, socialEnterprise: null },
      { id: newId, owner: 'rotterdam', type: 'SOCIAL_ENTERPRISE', kind: 'CREATED', version: 1, externalIds: maex, socialEnterprise: { name: 'Verhuizer' } },
      { id: oldId, owner: 'den-haag', type: 'SOCIAL_ENTERPRISE', kind: 'DELETED', version: 2, externalIds: maex, socialEnterprise: null },
    ]);
  });

  it('answers CURSOR_EXPIRED for a position older than what the owner kept, with the cursor that resyncs it', async () => {
    const copy = memorySink();
    const before = await pull(copy.sink, { url: hub.url, headers, pageSize: 100 });
    const renamed = await asPartner(UPSERT, { input: { owner: 'rotterdam', system: 'MAEX', items: [record('GM0599', 'Verhuizer BV')] } });
    expect(renamed.data.upsertSocialEnterprises.items[0].status).toBe('UPDATED');
    const stale = before.cursor;
    await pull(copy.sink, { url: hub.url, headers, pageSize: 100 });
    // Retention 0: everything superseded and every tombstone so far is compacted away.
    await pruneChangeLog(hub.regions.get('rotterdam')!.database.db, 0);

    const expired = await asPartner(FEED, { since: stale });
    expect(expired.errors?.map((e) => [e.extensions?.code, e.extensions?.owner, e.path])).toEqual([['CURSOR_EXPIRED', 'rotterdam', ['changes']]]);
    expect(expired.data.changes.missingOwners).toEqual(['rotterdam']);
    const restart = expired.errors![0].extensions!.restartCursor as string;
    // The restart cursor keeps the other owners' positions and starts rotterdam over: its live records once each.
    const resync = await asPartner(FEED, { since: restart, first: 100 });
    expect(resync.errors).toBeUndefined();
    const rotterdam = await ownerRecords('rotterdam', hub.regions.get('rotterdam')!.database.db);
    const ids = resync.data.changes.edges.map((e: any) => e.node.id);
    expect(ids.every((id: string) => id.startsWith('rotterdam:'))).toBe(true);
    expect([...ids].sort()).toEqual(Object.keys(rotterdam));
    // A cursor from after the compaction is still good.
    const current = await asPartner(FEED, { since: copy.checkpoints.at(-1)!.cursor });
    expect(current.errors).toBeUndefined();
  });

  it('refuses cursors it did not make, and shows outside systems\' ids only to staff and partners', async () => {
    const bad = await hub.query(FEED, { since: 'not-a-cursor' });
    expect(bad.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const tooMany = await hub.query(FEED, { first: 101 });
    expect(tooMany.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const anonymous = await hub.query(`{ changes(first: 1, owner: "den-haag") { nodes { kind externalIds { system } } } }`);
    expect(anonymous.data.changes.nodes).toEqual([{ kind: 'CREATED', externalIds: null }]);
    expect(anonymous.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([['UNAUTHENTICATED', ['changes', 'nodes', 0, 'externalIds']]]);
    const otherPartner = await hub.keys.token({ roles: ['partner'], owners: ['rotterdam'] });
    const refused = await hub.query(`{ changes(first: 1, owner: "den-haag") { nodes { kind externalIds { system } } } }`, undefined, { authorization: `Bearer ${otherPartner}` });
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const deleted = await hub.query(`mutation { deleteSocialEnterprise(id: "den-haag:SocialEnterprise:00000000-0000-4000-8000-000000000000") { id } }`);
    expect(deleted.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});
