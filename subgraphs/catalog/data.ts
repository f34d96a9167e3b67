import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../lib/db/connect.ts';
import { category, categoryCpv, labourMarketRegion, municipality, region, targetGroup } from '../../drizzle/catalog/schema.ts';

/** Read access to the catalog's reference data. */

export type RegionRow = typeof region.$inferSelect;
export type MunicipalityRow = typeof municipality.$inferSelect;
export type CategoryRow = typeof category.$inferSelect;
export type CpvRow = typeof categoryCpv.$inferSelect;
export type LabourMarketRegionRow = typeof labourMarketRegion.$inferSelect;

export const allRegions = (db: Db) => db.select().from(region).orderBy(asc(region.code));
export const regionsByCodes = (db: Db, codes: readonly string[]) => db.select().from(region).where(inArray(region.code, [...codes]));

export const municipalitiesWhere = (db: Db, f: { owner?: string | null; labourMarketRegion?: string | null }) =>
  db.select().from(municipality).where(and(
    f.owner ? eq(municipality.ownerCode, f.owner) : undefined,
    f.labourMarketRegion ? eq(municipality.labourMarketRegionCode, f.labourMarketRegion) : undefined,
  )).orderBy(asc(municipality.name));

export const municipalitiesByCodes = (db: Db, codes: readonly string[]) =>
  db.select().from(municipality).where(inArray(municipality.code, [...codes]));
export const municipalitiesOfOwners = (db: Db, owners: readonly string[]) =>
  db.select().from(municipality).where(inArray(municipality.ownerCode, [...owners])).orderBy(asc(municipality.name));
export const municipalitiesOfLabourMarketRegions = (db: Db, codes: readonly string[]) =>
  db.select().from(municipality).where(inArray(municipality.labourMarketRegionCode, [...codes])).orderBy(asc(municipality.name));

export const allLabourMarketRegions = (db: Db) => db.select().from(labourMarketRegion).orderBy(asc(labourMarketRegion.code));
export const labourMarketRegionsByCodes = (db: Db, codes: readonly string[]) =>
  db.select().from(labourMarketRegion).where(inArray(labourMarketRegion.code, [...codes]));

export function categoriesInGroup(db: Db, group?: string | null) {
  const q = db.select().from(category);
  return (group ? q.where(eq(category.groupName, group)) : q).orderBy(asc(category.position));
}
export const categoriesByCodes = (db: Db, codes: readonly string[]) => db.select().from(category).where(inArray(category.code, [...codes]));
export const cpvOfCategories = (db: Db, codes: readonly string[]) =>
  db.select().from(categoryCpv).where(inArray(categoryCpv.categoryCode, [...codes])).orderBy(asc(categoryCpv.cpvCode));
export const allCpvMappings = (db: Db) => db.select().from(categoryCpv);

export const allTargetGroups = (db: Db) => db.select().from(targetGroup).orderBy(asc(targetGroup.code));
