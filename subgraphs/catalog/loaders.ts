import DataLoader from 'dataloader';
import type { Db } from '../../lib/db/connect.ts';
import * as data from './data.ts';

function byKey<T>(keys: readonly string[], rows: T[], keyOf: (r: T) => string): (T | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

function grouped<T>(keys: readonly string[], rows: T[], keyOf: (r: T) => string | null): T[][] {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    if (k !== null) map.set(k, [...(map.get(k) ?? []), r]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** One set per request. */
export function createCatalogLoaders(db: Db) {
  return {
    region: new DataLoader(async (codes: readonly string[]) => byKey(codes, await data.regionsByCodes(db, codes), (r) => r.code)),
    municipality: new DataLoader(async (codes: readonly string[]) => byKey(codes, await data.municipalitiesByCodes(db, codes), (r) => r.code)),
    municipalitiesOfOwner: new DataLoader(async (codes: readonly string[]) => grouped(codes, await data.municipalitiesOfOwners(db, codes), (r) => r.ownerCode)),
    municipalitiesOfLabourMarketRegion: new DataLoader(async (codes: readonly string[]) =>
      grouped(codes, await data.municipalitiesOfLabourMarketRegions(db, codes), (r) => r.labourMarketRegionCode)),
    labourMarketRegion: new DataLoader(async (codes: readonly string[]) => byKey(codes, await data.labourMarketRegionsByCodes(db, codes), (r) => r.code)),
    category: new DataLoader(async (codes: readonly string[]) => byKey(codes, await data.categoriesByCodes(db, codes), (r) => r.code)),
    cpvOfCategory: new DataLoader(async (codes: readonly string[]) => grouped(codes, await data.cpvOfCategories(db, codes), (r) => r.categoryCode)),
  };
}

export type CatalogLoaders = ReturnType<typeof createCatalogLoaders>;
