import { badUserInput } from '../../../lib/errors.ts';
import { divideHalfUp, fromCents, toCents, toScaled } from '../../../lib/money.ts';
import { isCalendarDate, todayInAmsterdam } from '../../../lib/scalars.ts';
import type { RegionContext } from '../context.ts';
import type { ContractRow } from '../data/contracts.ts';
import { countSuggestions, fittingOfferings, suggestionPage, type SupplierCriteria } from '../data/suggestions.ts';
import { progress } from '../domain/monitoring.ts';
import { codeList, pageSize } from '../domain/validate.ts';
import { connection } from './connection.ts';
import { asEnterprise, asOffering } from './lookup.ts';
import { validOn } from './types.ts';

/** Supplier suggestions: a fan-out with a ranked merge (the score is the keyset order). */

interface CriteriaInput extends Omit<SupplierCriteria, 'on'> {
  on?: string | null;
  invoicePercentage?: string | null;
  purchaseAmount?: string | null;
}

const MAX_OFFERINGS_SHOWN = 10;

function criteriaOf(input: CriteriaInput): SupplierCriteria & { creditOf: (() => string) | null } {
  if (!input.schemes.length) throw badUserInput('schemes must name at least one recognition scheme.', { field: 'schemes' });
  codeList('cpvPrefixes', input.cpvPrefixes);
  codeList('categories', input.categories);
  for (const p of input.cpvPrefixes ?? []) if (!/^\d{1,8}$/.test(p)) throw badUserInput(`cpvPrefixes must be 1 to 8 digits, got "${p}".`, { field: 'cpvPrefixes' });
  const on = input.on ?? todayInAmsterdam();
  if (!isCalendarDate(on)) throw badUserInput(`on must be a date, got "${on}".`, { field: 'on' });
  let creditOf: (() => string) | null = null;
  if (input.invoicePercentage != null && input.purchaseAmount != null) {
    const pct = toScaled(input.invoicePercentage, 2);
    if (pct === null || pct > 10_000n) throw badUserInput(`invoicePercentage must be 0 to 100, got "${input.invoicePercentage}".`, { field: 'invoicePercentage' });
    const credit = fromCents(divideHalfUp(toCents(input.purchaseAmount) * pct, 10_000n));
    creditOf = () => credit;
  }
  return { ...input, on, creditOf };
}

export const suggestionQueries = {
  async supplierSuggestions(_: unknown, args: { criteria: CriteriaInput; first: number; after?: string | null }, ctx: RegionContext) {
    const c = criteriaOf(args.criteria);
    const page = await suggestionPage(ctx.db, ctx.owner.code, c, pageSize(args.first), args.after);
    const offerings = page.rows.length ? await fittingOfferings(ctx.db, c, page.rows.map((r) => r.id)) : [];
    const nodes = await Promise.all(page.rows.map(async (row) => {
      const recognitions = await ctx.loaders.recognitions.load(row.id);
      const valid = recognitions.filter((r) => c.schemes.includes(r.scheme) && validOn(r, c.on))
        .sort((a, b) => c.schemes.indexOf(a.scheme) - c.schemes.indexOf(b.scheme));
      return {
        enterprise: asEnterprise(row),
        score: row.score,
        offerings: offerings.filter((o) => o.enterpriseId === row.id).slice(0, MAX_OFFERINGS_SHOWN).map(asOffering),
        recognition: valid[0],
        credit: c.creditOf?.() ?? null,
      };
    }));
    return connection({ ...page, rows: nodes }, () => countSuggestions(ctx.db, c));
  },
};

/** What a purchase for this contract needs of a supplier (step one of the seeded fan-out). */
export async function supplierCriteriaOf(r: ContractRow, ctx: RegionContext) {
  if (r.obligationAmount === null || !ctx.valuation) return null;
  const table = ctx.valuation.tables.find((t) => t.version === r.tableVersion);
  const purchase = table?.blocks.find((b) => b.route === 'PURCHASE');
  const { remainingCents } = progress(r.obligationAmount, await ctx.loaders.realisationsOfContract.load(r.id));
  return {
    cpvPrefixes: [r.cpvCode.slice(0, 4)],
    municipality: r.buyerMunicipalityCode,
    schemes: ctx.valuation.acceptedSupplierSchemes,
    invoicePercentage: purchase?.invoicePercentage ?? '0',
    purchaseAmount: fromCents(remainingCents),
  };
}
