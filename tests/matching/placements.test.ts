import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../lib/db/connect.ts';
import { startRegionService, type RegionService } from '../../subgraphs/region/service.ts';
import { testDatabases, storageKinds } from '../helpers/databases.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { asRole, registerCandidate } from './fixtures.ts';

/**
 * Acceptance 5: placement counts summed over owners equal the per-owner counts; a placement on
 * another owner's contract creates the realisation there exactly once, also when that owner is
 * down at first and the delivery is retried (the test stops and restarts it).
 */
describe.each(storageKinds)('placements on %s', (kind) => {
  let hub: TestHub;
  let restarted: RegionService | undefined;
  const databases = testDatabases(kind);
  const dataDir = mkdtempSync(join(tmpdir(), 'srh-placements-'));
  // Rotterdam keeps its data over the restart: a directory (PGlite) or its own database.
  const storages = new Map<string, Storage>();
  const storageOf = async (service: string) => {
    if (!storages.has(service)) {
      storages.set(service, kind === 'pglite' ? (service === 'rotterdam' ? { kind: 'pglite', dataDir } : { kind: 'pglite' }) : await databases.create(service));
    }
    return storages.get(service)!;
  };

  beforeAll(async () => {
    hub = await startTestHub({ seedDemo: false, storage: storageOf, outbox: { intervalMs: 0, retryBaseMs: 0 } });
  });
  afterAll(async () => {
    await restarted?.stop();
    await hub?.stop();
    await databases.dropAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const PROFILE = { occupations: ['9112'], skills: [], postcode4: '2525', hoursPerWeek: 24, supportAvailable: false };
  const PLACEMENT = `id candidateId contractId realisationId route targetGroup hoursPerWeek realisationDelivery { status attempts lastError }`;

  async function place(owner: string, input: Record<string, unknown>) {
    const wsp = await asRole(hub, 'wsp', owner);
    const candidateId = await registerCandidate(hub, owner, PROFILE);
    const res = await wsp(`mutation($i: RecordPlacementInput!) { recordPlacement(input: $i) { ${PLACEMENT} } }`, { i: {
      candidateId, employer: { kvkNumber: '81234567', name: 'Havenbouw B.V.' }, route: 'JOB', targetGroup: 'WW', startDate: '2025-03-01', hoursPerWeek: 24, ...input } });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.recordPlacement;
  }

  it('creates the realisation on the other owner\'s contract exactly once, through a restart and a lost acknowledgement', async () => {
    const municipal = await asRole(hub, 'municipality', 'rotterdam');
    const contract = (await municipal(`mutation { registerContract(input: {
      owner: "rotterdam", buyer: "GM0599", contractor: { kvkNumber: "81234567", name: "Havenbouw B.V." },
      title: "Onderhoud kademuren", cpvCode: "45240000-1", valueExclVat: "2500000.00",
      periodStart: "2025-01-01", periodEnd: "2026-12-31", awardDate: "2024-12-01" }) { id } }`)).data.registerContract.id;

    const rotterdam = hub.regions.get('rotterdam')!;
    const port = Number(new URL(rotterdam.url).port);
    await rotterdam.stop();

    const placed = await place('den-haag', { contractId: contract, months: 12 });
    expect(placed).toMatchObject({ contractId: contract, realisationId: null, realisationDelivery: { status: 'PENDING', attempts: 0, lastError: null } });
    const denHaag = hub.regions.get('den-haag')!;
    expect(await denHaag.outbox.deliverDue()).toEqual({ delivered: 0, failed: 0, retrying: 1 });
    const wsp = await asRole(hub, 'wsp', 'den-haag');
    const read = () => wsp(`query($id: ID!) { placement(id: $id) { ${PLACEMENT} } }`, { id: placed.id });
    const waiting = (await read()).data.placement;
    expect(waiting.realisationDelivery).toEqual({ status: 'PENDING', attempts: 1, lastError: expect.stringContaining('Owner "rotterdam" did not answer') });

    restarted = await startRegionService({
      owner: rotterdam.owner, storage: await storageOf('rotterdam'), port, seedDemo: false,
      signingKey: hub.keys.keyFor('rotterdam'), gatewayUrl: () => hub.url, outbox: { intervalMs: 0 },
    });
    expect(await denHaag.outbox.deliverDue()).toEqual({ delivered: 1, failed: 0, retrying: 0 });
    const delivered = (await read()).data.placement;
    expect(delivered).toMatchObject({ realisationId: expect.stringMatching(/^rotterdam:Realisation:/), realisationDelivery: { status: 'DELIVERED', attempts: 2, lastError: null } });

    // The acknowledgement was "lost": the row is sent again, and the key makes it the same realisation.
    await denHaag.database.db.execute(sql`update outbox set status = 'PENDING', next_attempt_at = now()`);
    expect(await denHaag.outbox.deliverDue()).toEqual({ delivered: 1, failed: 0, retrying: 0 });
    expect((await read()).data.placement.realisationId).toBe(delivered.realisationId);

    const onContract = await municipal(`query($id: ID!) { contract(id: $id) { realisations { id route targetGroup hoursPerWeek months startDate creditedAmount recordedBy status } } }`, { id: contract });
    expect(onContract).toEqual({ data: { contract: { realisations: [{
      id: delivered.realisationId, route: 'JOB', targetGroup: 'WW', hoursPerWeek: 24, months: 12, startDate: '2025-03-01',
      creditedAmount: '16666.67', recordedBy: 'service:den-haag', status: 'SUBMITTED',
    }] } } });
  });

  it('recordRealisation with an idempotency key: a replay answers the first realisation, another contract is a conflict', async () => {
    const municipal = await asRole(hub, 'municipality', 'den-haag');
    const register = async (title: string) => (await municipal(`mutation($t: String!) { registerContract(input: {
      owner: "den-haag", buyer: "GM0518", contractor: { kvkNumber: "90004760", name: "Schoon & Co" }, title: $t, cpvCode: "90919200-4",
      valueExclVat: "1200000.00", periodStart: "2025-01-01", periodEnd: "2027-12-31", awardDate: "2024-11-15" }) { id } }`, { t: title })).data.registerContract.id;
    const [a, b] = [await register('Schoonmaak A'), await register('Schoonmaak B')];
    const record = (contractId: string, key?: string) => municipal(`mutation($c: ID!, $k: String) { recordRealisation(input: {
      contractId: $c, route: "JOB", targetGroup: "WW", hoursPerWeek: 24, months: 12, idempotencyKey: $k }) { id creditedAmount } }`, { c: contractId, k: key });
    const first = await record(a, 'sync-42');
    expect(first.data.recordRealisation.creditedAmount).toBe('13333.33');
    expect(await record(a, 'sync-42')).toEqual(first);
    expect((await record(b, 'sync-42')).errors?.[0]).toMatchObject({ message: 'idempotencyKey "sync-42" was already used for another contract.', extensions: { code: 'CONFLICT' } });
    expect((await municipal(`query($c: ID!) { contract(id: $c) { realisations { id } } }`, { c: a })).data.contract.realisations).toEqual([{ id: first.data.recordRealisation.id }]);
    expect((await record(a, 'has space')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('ends a delivery the receiver refuses for good in FAILED, with the reason', async () => {
    const placed = await place('haaglanden-zhc', { contractId: 'rotterdam:Contract:00000000-0000-4000-8000-000000000000', months: 6 });
    const zhc = hub.regions.get('haaglanden-zhc')!;
    expect(await zhc.outbox.deliverDue()).toEqual({ delivered: 0, failed: 1, retrying: 0 });
    const wsp = await asRole(hub, 'wsp', 'haaglanden-zhc');
    const res = await wsp(`query($id: ID!) { placement(id: $id) { realisationId realisationDelivery { status attempts lastError } } }`, { id: placed.id });
    expect(res.data.placement).toEqual({ realisationId: null, realisationDelivery: { status: 'FAILED', attempts: 1, lastError: expect.stringContaining('No contract rotterdam:Contract:00000000-0000-4000-8000-000000000000') } });
  });

  it('counts people placed per owner, and the merged counts equal the sum of the owners\'', async () => {
    for (let i = 0; i < 3; i++) await place('rotterdam', { route: 'BBL_LEVEL_1_2', targetGroup: null, startDate: '2026-02-01' });
    await place('haaglanden-zhc', { startDate: '2026-05-01' });
    const STATS = `query($g: [PlacementDimension!]!, $f: PlacementStatisticsFilter) { placementStatistics(groupBy: $g, filter: $f) {
      complete missingOwners cells { owner year route targetGroup peoplePlaced peoplePlacedSuppressed } } }`;
    // Staff of every owner see the small counts unsuppressed.
    const merged = await hub.asStaff(STATS, { g: ['YEAR', 'ROUTE', 'TARGET_GROUP'] });
    expect(merged.data.placementStatistics).toEqual({ complete: true, missingOwners: [], cells: [
      { owner: null, year: 2025, route: 'JOB', targetGroup: 'WW', peoplePlaced: 2, peoplePlacedSuppressed: false },
      { owner: null, year: 2026, route: 'BBL_LEVEL_1_2', targetGroup: null, peoplePlaced: 3, peoplePlacedSuppressed: false },
      { owner: null, year: 2026, route: 'JOB', targetGroup: 'WW', peoplePlaced: 1, peoplePlacedSuppressed: false },
    ] });
    const perOwner = await Promise.all(['den-haag', 'haaglanden-zhc', 'rotterdam'].map(async (owner) =>
      (await hub.asStaff(STATS, { g: ['YEAR', 'ROUTE', 'TARGET_GROUP'], f: { owner } })).data.placementStatistics.cells as { year: number; route: string; targetGroup: string | null; peoplePlaced: number }[]));
    const summed = new Map<string, number>();
    for (const c of perOwner.flat()) summed.set(JSON.stringify([c.year, c.route, c.targetGroup]), (summed.get(JSON.stringify([c.year, c.route, c.targetGroup])) ?? 0) + c.peoplePlaced);
    expect(Object.fromEntries(summed)).toEqual(Object.fromEntries(merged.data.placementStatistics.cells.map((c: { year: number; route: string; targetGroup: string | null; peoplePlaced: number }) =>
      [JSON.stringify([c.year, c.route, c.targetGroup]), c.peoplePlaced])));
    expect((await hub.asStaff(STATS, { g: ['OWNER'] })).data.placementStatistics.cells.map((c: { owner: string; peoplePlaced: number }) => [c.owner, c.peoplePlaced]))
      .toEqual([['den-haag', 1], ['haaglanden-zhc', 2], ['rotterdam', 3]]);
    // The public sees totals of 5 or more, and no small cell.
    const open = await hub.query(STATS, { g: [] });
    expect(open.data.placementStatistics.cells).toEqual([{ owner: null, year: null, route: null, targetGroup: null, peoplePlaced: 6, peoplePlacedSuppressed: false }]);
    const byOwner = await hub.query(STATS, { g: ['OWNER'] });
    expect(byOwner.data.placementStatistics.cells.map((c: { peoplePlaced: number | null; peoplePlacedSuppressed: boolean }) => [c.peoplePlaced, c.peoplePlacedSuppressed]))
      .toEqual([[null, true], [null, true], [null, true]]);
  });
});
