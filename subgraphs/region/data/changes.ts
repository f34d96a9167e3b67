import { and, arrayContains, asc, eq, inArray, sql } from 'drizzle-orm';
import { changeLog, changeLogHorizon, externalReference, offering, socialEnterprise } from '../../../drizzle/region/schema.ts';
import type { Db } from '../../../lib/db/connect.ts';
import type { Tx } from './writes.ts';

/**
 * The change feed of this owner's public marketplace data (social enterprises and offerings).
 * Every write records its changes in its own transaction; readers get them in (txid, position)
 * order, and only those of transactions that finished before every running one started
 * (`pg_snapshot_xmin`): a position is served once nothing can commit before it any more.
 */

export type ChangeType = 'SocialEnterprise' | 'Offering';
export type ChangeKind = 'CREATED' | 'UPDATED' | 'DELETED';
export type ChangeRow = Omit<typeof changeLog.$inferSelect, 'txid' | 'position'> & FeedPosition;

/** A position in this owner's feed: after the change (txid, position). */
export interface FeedPosition {
  txid: string;
  position: string;
}

export const START: FeedPosition = { txid: '0', position: '0' };

export function formatPosition(p: FeedPosition): string {
  return `${p.txid}.${p.position}`;
}

/** Null when the text is not a position of an owner's feed. */
export function parsePosition(text: string): FeedPosition | null {
  const m = /^(\d{1,20})\.(\d{1,19})$/.exec(text);
  return m ? { txid: m[1], position: m[2] } : null;
}

/** `<system>:<external id>` of each enterprise, in key order. */
async function enterpriseKeys(tx: Tx | Db, ids: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await tx.select({ enterpriseId: externalReference.enterpriseId, system: externalReference.system, externalId: externalReference.externalId })
    .from(externalReference).where(inArray(externalReference.enterpriseId, [...ids]))
    .orderBy(asc(externalReference.system), asc(externalReference.externalId));
  const keys = new Map<string, string[]>();
  for (const r of rows) keys.set(r.enterpriseId, [...(keys.get(r.enterpriseId) ?? []), `${r.system}:${r.externalId}`]);
  return keys;
}

export interface Changed {
  id: string;
  version: number;
  kind: ChangeKind;
}

/**
 * Records changes of enterprises with their external ids as they are now in this transaction
 * (call it before deleting, while the references still exist).
 */
export async function recordEnterpriseChanges(tx: Tx, changes: readonly Changed[]): Promise<void> {
  if (!changes.length) return;
  const keys = await enterpriseKeys(tx, changes.map((c) => c.id));
  await tx.insert(changeLog).values(changes.map((c) => ({
    entityType: 'SocialEnterprise', entityId: c.id, version: c.version, kind: c.kind, externalKeys: keys.get(c.id) ?? [],
  })));
}

/** Records changes of offerings; their external key is the partner's id for the offering, if any. */
export async function recordOfferingChanges(tx: Tx, changes: readonly (Changed & { externalKey: string | null })[]): Promise<void> {
  if (!changes.length) return;
  await tx.insert(changeLog).values(changes.map((c) => ({
    entityType: 'Offering', entityId: c.id, version: c.version, kind: c.kind, externalKeys: c.externalKey ? [c.externalKey] : [],
  })));
}

export const offeringExternalKey = (row: { partnerSystem: string | null; partnerExternalId: string | null }) =>
  row.partnerSystem && row.partnerExternalId ? `${row.partnerSystem}:${row.partnerExternalId}` : null;

/** Every record as created, for rows loaded in bulk (demo data) in this transaction. */
export async function recordAllAsCreated(tx: Tx): Promise<void> {
  await tx.execute(sql`
    insert into ${changeLog} (entity_type, entity_id, version, kind, external_keys)
    select 'SocialEnterprise', e.id, e.version, 'CREATED',
      coalesce((select array_agg(r.system || ':' || r.external_id order by r.system, r.external_id)
                from ${externalReference} r where r.enterprise_id = e.id), '{}')
    from ${socialEnterprise} e order by e.id`);
  await tx.execute(sql`
    insert into ${changeLog} (entity_type, entity_id, version, kind, external_keys)
    select 'Offering', o.id, o.version, 'CREATED',
      case when o.partner_system is null then '{}'::text[] else array[o.partner_system || ':' || o.partner_external_id] end
    from ${offering} o order by o.id`);
}

export interface FeedQuery {
  after: FeedPosition;
  first: number;
  types?: readonly ChangeType[] | null;
  /** Only changes of the record with this `<system>:<external id>`. */
  externalKey?: string | null;
}

const txidAt = (p: FeedPosition) => sql`${p.txid}::xid8`;
const positionAt = (p: FeedPosition) => sql`${p.position}::bigint`;

/** True when changes after `p` may have been compacted away (the caller must resync). */
export async function isExpired(db: Db, p: FeedPosition): Promise<boolean> {
  if (p.txid === START.txid && p.position === START.position) return false;
  const [row] = await db.select({ expired: sql<boolean>`(${txidAt(p)}, ${positionAt(p)}) < (${changeLogHorizon.txid}, ${changeLogHorizon.position})` })
    .from(changeLogHorizon).where(eq(changeLogHorizon.id, 1));
  return row?.expired ?? false;
}

/** The next changes after a position, up to the commit frontier; one more than `first` tells whether there are more. */
export async function changesAfter(db: Db, q: FeedQuery): Promise<{ rows: ChangeRow[]; hasMore: boolean }> {
  const rows = await db.select({
    position: sql<string>`${changeLog.position}::text`,
    txid: sql<string>`${changeLog.txid}::text`,
    entityType: changeLog.entityType,
    entityId: changeLog.entityId,
    version: changeLog.version,
    kind: changeLog.kind,
    externalKeys: changeLog.externalKeys,
    at: changeLog.at,
  }).from(changeLog)
    .where(and(
      sql`${changeLog.txid} < pg_snapshot_xmin(pg_current_snapshot())`,
      sql`(${changeLog.txid}, ${changeLog.position}) > (${txidAt(q.after)}, ${positionAt(q.after)})`,
      q.types?.length ? inArray(changeLog.entityType, [...q.types]) : undefined,
      q.externalKey ? arrayContains(changeLog.externalKeys, [q.externalKey]) : undefined,
    ))
    .orderBy(asc(changeLog.txid), asc(changeLog.position))
    .limit(q.first + 1);
  return { rows: rows.slice(0, q.first), hasMore: rows.length > q.first };
}

/**
 * Compacts the feed: changes older than the retention period that a later change of the same
 * record supersedes, and tombstones older than it, are removed; cursors before the newest
 * removed position are then expired. A pull from the start still sees every live record.
 */
export async function pruneChangeLog(db: Db, retentionSeconds: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [horizon] = await tx.select({ txid: sql<string>`${changeLog.txid}::text`, position: sql<string>`${changeLog.position}::text` })
      .from(changeLog)
      .where(sql`${changeLog.at} < now() - make_interval(secs => ${retentionSeconds})`)
      .orderBy(sql`${changeLog.txid} desc`, sql`${changeLog.position} desc`)
      .limit(1);
    if (!horizon) return;
    await tx.execute(sql`
      delete from ${changeLog} c
      where (c.txid, c.position) <= (${txidAt(horizon)}, ${positionAt(horizon)})
        and (c.kind = 'DELETED' or exists (
          select 1 from ${changeLog} n
          where n.entity_type = c.entity_type and n.entity_id = c.entity_id and (n.txid, n.position) > (c.txid, c.position)))`);
    const at = { txid: horizon.txid, position: Number(horizon.position), prunedAt: sql`now()` };
    await tx.insert(changeLogHorizon).values({ id: 1, ...at })
      .onConflictDoUpdate({
        target: changeLogHorizon.id,
        set: at,
        setWhere: sql`(${changeLogHorizon.txid}, ${changeLogHorizon.position}) < (${txidAt(horizon)}, ${positionAt(horizon)})`,
      });
  });
}
