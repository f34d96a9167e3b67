import { badUserInput } from '../../lib/errors.ts';
import type { Db } from '../../lib/db/connect.ts';
import * as data from './data.ts';
import type { CatalogLoaders } from './loaders.ts';

export interface CatalogContext {
  db: Db;
  loaders: CatalogLoaders;
}

type Ctx = CatalogContext;

/** CPV digits without the check digit and without the trailing zeros that mark a broader code. */
export function cpvStem(code: string): string {
  return code.slice(0, 8).replace(/0+$/, '');
}

const entity = <T>(load: (ctx: Ctx, code: string) => Promise<T | null>) =>
  (ref: { code: string }, ctx: Ctx) => load(ctx, ref.code);

export const resolvers = {
  Query: {
    regions: (_: unknown, __: unknown, ctx: Ctx) => data.allRegions(ctx.db),
    region: (_: unknown, { code }: { code: string }, ctx: Ctx) => ctx.loaders.region.load(code),
    municipalities: (_: unknown, args: { owner?: string | null; labourMarketRegion?: string | null }, ctx: Ctx) =>
      data.municipalitiesWhere(ctx.db, args),
    municipality: (_: unknown, { code }: { code: string }, ctx: Ctx) => ctx.loaders.municipality.load(code),
    categories: (_: unknown, { group }: { group?: string | null }, ctx: Ctx) => data.categoriesInGroup(ctx.db, group),
    category: (_: unknown, { code }: { code: string }, ctx: Ctx) => ctx.loaders.category.load(code),
    async categoriesForCpv(_: unknown, { cpv }: { cpv: string }, ctx: Ctx) {
      if (!/^\d{2,8}(-\d)?$/.test(cpv)) throw badUserInput(`cpv must be a CPV code or its first digits (e.g. 9091), got "${cpv}".`);
      const asked = cpvStem(cpv.padEnd(8, '0'));
      const hits = (await data.allCpvMappings(ctx.db))
        .map((m) => ({ m, stem: cpvStem(m.cpvCode) }))
        .filter(({ stem }) => asked.startsWith(stem) || stem.startsWith(asked));
      const best = new Map<string, number>();
      for (const { m, stem } of hits) best.set(m.categoryCode, Math.max(best.get(m.categoryCode) ?? 0, stem.length));
      const codes = [...best].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
      return ctx.loaders.category.loadMany(codes);
    },
    targetGroups: (_: unknown, __: unknown, ctx: Ctx) => data.allTargetGroups(ctx.db),
    labourMarketRegions: (_: unknown, __: unknown, ctx: Ctx) => data.allLabourMarketRegions(ctx.db),
  },
  Region: {
    __resolveReference: entity((ctx, code) => ctx.loaders.region.load(code)),
    municipalities: (r: data.RegionRow, _: unknown, ctx: Ctx) => ctx.loaders.municipalitiesOfOwner.load(r.code),
  },
  Municipality: {
    __resolveReference: entity((ctx, code) => ctx.loaders.municipality.load(code)),
    labourMarketRegion: (m: data.MunicipalityRow, _: unknown, ctx: Ctx) => ctx.loaders.labourMarketRegion.load(m.labourMarketRegionCode),
    owner: (m: data.MunicipalityRow, _: unknown, ctx: Ctx) => (m.ownerCode ? ctx.loaders.region.load(m.ownerCode) : null),
  },
  LabourMarketRegion: {
    municipalities: (l: data.LabourMarketRegionRow, _: unknown, ctx: Ctx) => ctx.loaders.municipalitiesOfLabourMarketRegion.load(l.code),
  },
  Category: {
    __resolveReference: entity((ctx, code) => ctx.loaders.category.load(code)),
    group: (c: data.CategoryRow) => c.groupName,
    cpvCodes: (c: data.CategoryRow, _: unknown, ctx: Ctx) => ctx.loaders.cpvOfCategory.load(c.code),
  },
  CpvCode: {
    code: (c: data.CpvRow) => c.cpvCode,
  },
};
