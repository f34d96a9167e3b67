import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { socialEnterprise } from '../../drizzle/region/schema.ts';
import { formatGlobalId } from '../../lib/global-id.ts';
import type { RegionService } from '../../subgraphs/region/service.ts';

/**
 * The order Postgres itself gives all owners' rows when they sit in ONE table: the oracle
 * the router's merge must equal. Rows are read straight from each owner's database.
 */
export interface OracleRow {
  id: string;
  name_key: string;
  staff: number;
  created_at: string;
  municipality: string;
}

export async function enterpriseRows(regions: Iterable<RegionService>, where = sql`true`): Promise<OracleRow[]> {
  const rows: OracleRow[] = [];
  for (const r of regions) {
    const found = await r.database.db.select({
      id: socialEnterprise.id, nameKey: socialEnterprise.nameKey, staff: socialEnterprise.staffWithDistance,
      createdAt: socialEnterprise.createdAt, municipality: socialEnterprise.municipalityCode,
    }).from(socialEnterprise).where(where);
    rows.push(...found.map((x) => ({
      id: formatGlobalId(r.owner.code, 'SocialEnterprise', x.id), name_key: x.nameKey, staff: x.staff,
      created_at: x.createdAt, municipality: x.municipality,
    })));
  }
  return rows;
}

export async function postgresOrder(rows: OracleRow[], orderBy: string): Promise<string[]> {
  const pg = await PGlite.create();
  try {
    await pg.exec(`create table t (id text collate "C", name_key text collate "C", staff int, created_at timestamptz)`);
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await pg.query(`insert into t select * from unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[])`,
        [chunk.map((r) => r.id), chunk.map((r) => r.name_key), chunk.map((r) => r.staff), chunk.map((r) => r.created_at)]);
    }
    const res = await pg.query<{ id: string }>(`select id from t order by ${orderBy}`);
    return res.rows.map((r) => r.id);
  } finally {
    await pg.close();
  }
}
