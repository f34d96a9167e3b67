import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../lib/db/connect.ts';
import type { Identity } from '../../../lib/identity.ts';
import { candidateProfile, placement } from '../../../drizzle/region/schema.ts';
import { enqueue } from '../outbox.ts';
import { audit, type Tx } from './writes.ts';

/** Placements and the per-owner counts the gateway adds up. */

export type PlacementRow = typeof placement.$inferSelect;

export const placementsByIds = (db: Db, ids: readonly string[]): Promise<PlacementRow[]> =>
  db.select().from(placement).where(inArray(placement.id, [...ids]));

export interface OutboxEntry { kind: string; key: string; payload: Record<string, unknown> }

/** The placement, the candidate now PLACED and (with a contract) the outbox row: one transaction. */
export async function insertPlacement(db: Db, viewer: Identity, row: typeof placement.$inferInsert, delivery: OutboxEntry | null): Promise<PlacementRow> {
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(placement).values(row).returning();
    await tx.update(candidateProfile).set({ status: 'PLACED', updatedAt: sql`now()` }).where(eq(candidateProfile.id, row.candidateId!));
    if (delivery) await enqueue(tx, delivery.kind, delivery.key, delivery.payload);
    await audit(tx, viewer, 'recordPlacement', 'Placement', created.id, { route: row.route, contractId: row.contractId ?? undefined });
    return created;
  });
}

/** Keeps the realisation the contract's owner made (outbox acknowledgement). */
export async function setPlacementRealisation(tx: Tx, placementId: string, realisationId: string): Promise<void> {
  await tx.update(placement).set({ realisationId }).where(eq(placement.id, placementId));
}

export type PlacementDimension = 'OWNER' | 'YEAR' | 'ROUTE' | 'TARGET_GROUP';

export interface PlacementCell { year: number | null; route: string | null; targetGroup: string | null; peoplePlaced: number }

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (Array.isArray(result) ? result : (result as { rows: Row[] }).rows);

/** People placed (one per placement, erased candidates included), grouped as asked. */
export async function placementStatistics(db: Db, groupBy: readonly PlacementDimension[], years: readonly number[] | null): Promise<PlacementCell[]> {
  const by = new Set(groupBy);
  const year = sql`extract(year from start_date)::int`;
  const pick = (dim: PlacementDimension, expr: SQL) => (by.has(dim) ? expr : sql`null`);
  const rows = rowsOf(await db.execute(sql`
    select ${pick('YEAR', year)} as year, ${pick('ROUTE', sql`route`)} as route, ${pick('TARGET_GROUP', sql`target_group`)} as target_group,
           count(*)::int as people
    from ${placement}
    ${years?.length ? sql`where ${year} in (${sql.join(years.map((y) => sql`${y}`), sql`, `)})` : sql``}
    group by 1, 2, 3`));
  return rows.map((r) => ({
    year: r.year == null ? null : Number(r.year), route: (r.route as string | null) ?? null,
    targetGroup: (r.target_group as string | null) ?? null, peoplePlaced: Number(r.people),
  }));
}
