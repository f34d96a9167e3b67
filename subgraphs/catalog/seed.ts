import { sql } from 'drizzle-orm';
import type { Db } from '../../lib/db/connect.ts';
import { category, categoryCpv, labourMarketRegion, municipality, region, targetGroup } from '../../drizzle/catalog/schema.ts';
import type { OwnerSettings } from '../owners.ts';
import { CATEGORIES } from './reference/categories.ts';
import { LABOUR_MARKET_REGIONS } from './reference/labour-market-regions.ts';
import { MUNICIPALITIES } from './reference/municipalities.ts';
import { TARGET_GROUPS } from './reference/target-groups.ts';

const excluded = (column: string) => sql.raw(`excluded.${column}`);

/**
 * Writes the reference data and the owner list on every start (upserts: safe to repeat), so
 * the catalog always matches the code and the owners' folders. The owner of a municipality
 * comes from the owners' settings, not from the catalog's own files.
 */
export async function syncCatalog(db: Db, owners: readonly OwnerSettings[]): Promise<void> {
  const ownerOf = new Map(owners.flatMap((o) => o.municipalities.map((m) => [m, o.code] as const)));
  for (const o of owners) {
    const unknown = o.municipalities.filter((m) => !MUNICIPALITIES.some((x) => x.code === m));
    if (unknown.length) throw new Error(`owner ${o.code} lists municipalities the catalog does not know: ${unknown.join(', ')}`);
  }
  await db.transaction(async (tx) => {
    await tx.insert(region).values(owners.map((o) => ({
      code: o.code, name: o.name, description: o.description, employerServicePoint: o.employerServicePoint,
    }))).onConflictDoUpdate({ target: region.code, set: {
      name: excluded('name'), description: excluded('description'), employerServicePoint: excluded('employer_service_point'),
    } });
    await tx.insert(labourMarketRegion).values(LABOUR_MARKET_REGIONS.map((l) => ({ code: l.code, name: l.name })))
      .onConflictDoUpdate({ target: labourMarketRegion.code, set: { name: excluded('name') } });
    await tx.insert(municipality).values(MUNICIPALITIES.map((m) => ({
      code: m.code, name: m.name, labourMarketRegionCode: m.labourMarketRegionCode, ownerCode: ownerOf.get(m.code) ?? null,
    }))).onConflictDoUpdate({ target: municipality.code, set: {
      name: excluded('name'), labourMarketRegionCode: excluded('labour_market_region_code'), ownerCode: excluded('owner_code'),
    } });
    await tx.insert(category).values(CATEGORIES.map((c, position) => ({
      code: c.code, name: c.name, description: c.description, groupName: c.group, position,
    }))).onConflictDoUpdate({ target: category.code, set: {
      name: excluded('name'), description: excluded('description'), groupName: excluded('group_name'), position: excluded('position'),
    } });
    await tx.delete(categoryCpv);
    await tx.insert(categoryCpv).values(CATEGORIES.flatMap((c) => c.cpv.map((x) => ({
      categoryCode: c.code, cpvCode: x.code, label: x.label, primary: x.primary,
    }))));
    await tx.insert(targetGroup).values(TARGET_GROUPS.map((t) => ({ code: t.code, name: t.name, description: t.description })))
      .onConflictDoUpdate({ target: targetGroup.code, set: { name: excluded('name'), description: excluded('description') } });
  });
}
