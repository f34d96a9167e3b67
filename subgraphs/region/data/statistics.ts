import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../lib/db/connect.ts';

/**
 * One owner's social-return figures, grouped by the dimensions asked, unsuppressed: the
 * gateway adds owners up and only then suppresses small counts (DESIGN.md §2, aggregate merge).
 */
export type Dimension = 'OWNER' | 'MUNICIPALITY' | 'YEAR' | 'ROUTE' | 'TARGET_GROUP';

/** Routes whose verified realisation is a person placed in a job. */
export const PLACEMENT_ROUTES = ['JOB', 'BBL_LEVEL_1_2', 'BBL_LEVEL_3_PLUS'];

export interface Cell {
  municipality: string | null;
  year: number | null;
  route: string | null;
  targetGroup: string | null;
  contracts: number | null;
  obligationAmount: string | null;
  verifiedCredit: string;
  realisations: number;
  peoplePlaced: number;
}

const realisationYear = sql`extract(year from coalesce(r.start_date, r.invoice_date, (r.recorded_at at time zone 'Europe/Amsterdam')::date))::int`;

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (Array.isArray(result) ? result : (result as { rows: Row[] }).rows);

export async function statistics(db: Db, groupBy: readonly Dimension[], years: readonly number[] | null): Promise<Cell[]> {
  const by = new Set(groupBy);
  const pick = (dim: Dimension, expr: SQL) => (by.has(dim) ? expr : sql`null`);
  const yearFilter = (expr: SQL) => (years?.length ? sql`and ${expr} in (${sql.join(years.map((y) => sql`${y}`), sql`, `)})` : sql``);

  const realised = rowsOf(await db.execute(sql`
    select ${pick('MUNICIPALITY', sql`c.buyer_municipality_code`)} as municipality,
           ${pick('YEAR', realisationYear)} as year,
           ${pick('ROUTE', sql`r.route`)} as route,
           ${pick('TARGET_GROUP', sql`r.target_group`)} as target_group,
           round(coalesce(sum(r.credited_amount), 0), 2)::text as verified_credit,
           count(*)::int as realisations,
           (count(*) filter (where r.route in (${sql.join(PLACEMENT_ROUTES.map((x) => sql`${x}`), sql`, `)})))::int as people_placed
    from realisation r join contract c on c.id = r.contract_id
    where r.status = 'VERIFIED' ${yearFilter(realisationYear)}
    group by 1, 2, 3, 4`));

  // An obligation has no route or target group: grouped by either, there are no obligation figures.
  const obligations = by.has('ROUTE') || by.has('TARGET_GROUP') ? [] : rowsOf(await db.execute(sql`
    select ${pick('MUNICIPALITY', sql`buyer_municipality_code`)} as municipality,
           ${pick('YEAR', sql`extract(year from award_date)::int`)} as year,
           count(*)::int as contracts,
           sum(obligation_amount)::text as obligation_amount
    from contract
    where obligation_amount is not null ${yearFilter(sql`extract(year from award_date)::int`)}
    group by 1, 2`));

  const cells = new Map<string, Cell>();
  const cellFor = (r: Row) => {
    const key = JSON.stringify([r.municipality ?? null, r.year ?? null, r.route ?? null, r.target_group ?? null]);
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        municipality: (r.municipality as string | null) ?? null, year: r.year == null ? null : Number(r.year),
        route: (r.route as string | null) ?? null, targetGroup: (r.target_group as string | null) ?? null,
        contracts: null, obligationAmount: null, verifiedCredit: '0.00', realisations: 0, peoplePlaced: 0,
      };
      cells.set(key, cell);
    }
    return cell;
  };
  for (const r of realised) Object.assign(cellFor(r), { verifiedCredit: String(r.verified_credit), realisations: Number(r.realisations), peoplePlaced: Number(r.people_placed) });
  for (const r of obligations) Object.assign(cellFor(r), { contracts: Number(r.contracts), obligationAmount: String(r.obligation_amount) });
  // Grouped by neither route nor target group, a cell without obligations still has 0 of them.
  if (!by.has('ROUTE') && !by.has('TARGET_GROUP')) for (const c of cells.values()) { c.contracts ??= 0; c.obligationAmount ??= '0.00'; }
  return [...cells.values()];
}
