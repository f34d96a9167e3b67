import { badUserInput } from '../../lib/errors.ts';
import type { CatalogSnapshot, CategoryRow, CpvRow, LabourMarketRegionRow, MunicipalityRow, RegionRow } from './snapshot.ts';

export interface CatalogContext {
  catalog: CatalogSnapshot;
}

type Ctx = CatalogContext;

/** CPV digits without the check digit and without the trailing zeros that mark a broader code. */
export function cpvStem(code: string): string {
  return code.slice(0, 8).replace(/0+$/, '');
}

const byCode = <T>(pick: (c: CatalogSnapshot) => ReadonlyMap<string, T>) =>
  (ref: { code: string }, ctx: Ctx) => pick(ctx.catalog).get(ref.code) ?? null;

export const resolvers = {
  Query: {
    regions: (_: unknown, __: unknown, ctx: Ctx) => ctx.catalog.regions,
    region: (_: unknown, args: { code: string }, ctx: Ctx) => ctx.catalog.region.get(args.code) ?? null,
    municipalities: (_: unknown, args: { owner?: string | null; labourMarketRegion?: string | null }, ctx: Ctx) =>
      ctx.catalog.municipalities.filter((m) =>
        (!args.owner || m.ownerCode === args.owner) && (!args.labourMarketRegion || m.labourMarketRegionCode === args.labourMarketRegion)),
    municipality: (_: unknown, args: { code: string }, ctx: Ctx) => ctx.catalog.municipality.get(args.code) ?? null,
    categories: (_: unknown, { group }: { group?: string | null }, ctx: Ctx) =>
      ctx.catalog.categories.filter((c) => !group || c.groupName === group),
    category: (_: unknown, args: { code: string }, ctx: Ctx) => ctx.catalog.category.get(args.code) ?? null,
    categoriesForCpv(_: unknown, { cpv }: { cpv: string }, ctx: Ctx) {
      if (!/^\d{2,8}(-\d)?$/.test(cpv)) throw badUserInput(`cpv must be a CPV code or its first digits (e.g. 9091), got "${cpv}".`);
      const asked = cpvStem(cpv.padEnd(8, '0'));
      const best = new Map<string, number>();
      for (const m of ctx.catalog.cpvMappings) {
        const stem = cpvStem(m.cpvCode);
        if (asked.startsWith(stem) || stem.startsWith(asked)) best.set(m.categoryCode, Math.max(best.get(m.categoryCode) ?? 0, stem.length));
      }
      return [...best].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => ctx.catalog.category.get(c)!);
    },
    targetGroups: (_: unknown, __: unknown, ctx: Ctx) => ctx.catalog.targetGroups,
    labourMarketRegions: (_: unknown, __: unknown, ctx: Ctx) => ctx.catalog.labourMarketRegions,
  },
  Region: {
    __resolveReference: byCode((c) => c.region),
    municipalities: (r: RegionRow, _: unknown, ctx: Ctx) => ctx.catalog.municipalitiesOfOwner.get(r.code) ?? [],
  },
  Municipality: {
    __resolveReference: byCode((c) => c.municipality),
    labourMarketRegion: (m: MunicipalityRow, _: unknown, ctx: Ctx) => ctx.catalog.labourMarketRegion.get(m.labourMarketRegionCode),
    owner: (m: MunicipalityRow, _: unknown, ctx: Ctx) => (m.ownerCode ? ctx.catalog.region.get(m.ownerCode) ?? null : null),
  },
  LabourMarketRegion: {
    municipalities: (l: LabourMarketRegionRow, _: unknown, ctx: Ctx) => ctx.catalog.municipalitiesOfLabourMarketRegion.get(l.code) ?? [],
  },
  Category: {
    __resolveReference: byCode((c) => c.category),
    group: (c: CategoryRow) => c.groupName,
    cpvCodes: (c: CategoryRow, _: unknown, ctx: Ctx) => ctx.catalog.cpvOfCategory.get(c.code) ?? [],
  },
  CpvCode: {
    code: (c: CpvRow) => c.cpvCode,
  },
};
