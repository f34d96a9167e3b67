import { asc } from 'drizzle-orm';
import type { Db } from '../../lib/db/connect.ts';
import { category, categoryCpv, labourMarketRegion, municipality, region, targetGroup } from '../../drizzle/catalog/schema.ts';

export type RegionRow = typeof region.$inferSelect;
export type MunicipalityRow = typeof municipality.$inferSelect;
export type CategoryRow = typeof category.$inferSelect;
export type CpvRow = typeof categoryCpv.$inferSelect;
export type LabourMarketRegionRow = typeof labourMarketRegion.$inferSelect;
export type TargetGroupRow = typeof targetGroup.$inferSelect;

/**
 * The catalog's reference data, read once from its database after the start-up sync. The
 * catalog has no mutations (its data is code, upserted on every start), so answering from
 * memory is exact and costs no SQL per request; a hand edit of the tables needs a restart.
 */
export interface CatalogSnapshot {
  regions: readonly RegionRow[];
  /** By name. */
  municipalities: readonly MunicipalityRow[];
  labourMarketRegions: readonly LabourMarketRegionRow[];
  /** In display order. */
  categories: readonly CategoryRow[];
  cpvMappings: readonly CpvRow[];
  targetGroups: readonly TargetGroupRow[];
  region: ReadonlyMap<string, RegionRow>;
  municipality: ReadonlyMap<string, MunicipalityRow>;
  labourMarketRegion: ReadonlyMap<string, LabourMarketRegionRow>;
  category: ReadonlyMap<string, CategoryRow>;
  /** By CPV code, per category. */
  cpvOfCategory: ReadonlyMap<string, readonly CpvRow[]>;
  municipalitiesOfOwner: ReadonlyMap<string, readonly MunicipalityRow[]>;
  municipalitiesOfLabourMarketRegion: ReadonlyMap<string, readonly MunicipalityRow[]>;
}

function groupBy<T>(rows: readonly T[], keyOf: (r: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    if (k !== null) map.set(k, [...(map.get(k) ?? []), r]);
  }
  return map;
}

const indexBy = <T extends { code: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.code, r]));

export async function readSnapshot(db: Db): Promise<CatalogSnapshot> {
  const [regions, municipalities, labourMarketRegions, categories, cpvMappings, targetGroups] = await Promise.all([
    db.select().from(region).orderBy(asc(region.code)),
    db.select().from(municipality).orderBy(asc(municipality.name)),
    db.select().from(labourMarketRegion).orderBy(asc(labourMarketRegion.code)),
    db.select().from(category).orderBy(asc(category.position)),
    db.select().from(categoryCpv).orderBy(asc(categoryCpv.cpvCode)),
    db.select().from(targetGroup).orderBy(asc(targetGroup.code)),
  ]);
  return {
    regions, municipalities, labourMarketRegions, categories, cpvMappings, targetGroups,
    region: indexBy(regions),
    municipality: indexBy(municipalities),
    labourMarketRegion: indexBy(labourMarketRegions),
    category: indexBy(categories),
    cpvOfCategory: groupBy(cpvMappings, (m) => m.categoryCode),
    municipalitiesOfOwner: groupBy(municipalities, (m) => m.ownerCode),
    municipalitiesOfLabourMarketRegion: groupBy(municipalities, (m) => m.labourMarketRegionCode),
  };
}
