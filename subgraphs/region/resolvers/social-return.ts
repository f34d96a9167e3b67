import { GraphQLError } from 'graphql';
import { isoFromPg } from '../../../lib/db/timestamps.ts';
import { badUserInput } from '../../../lib/errors.ts';
import { formatGlobalId } from '../../../lib/global-id.ts';
import { fromCents } from '../../../lib/money.ts';
import { todayInAmsterdam } from '../../../lib/scalars.ts';
import type { RegionContext } from '../context.ts';
import { statistics, type Dimension } from '../data/statistics.ts';
import { contractPage, countContracts, type ContractFilter, type ContractRow, type RealisationRow } from '../data/contracts.ts';
import { obligationStatus, periodElapsed, progress } from '../domain/monitoring.ts';
import type { Block, ValuationRules as Rules } from '../domain/valuation.ts';
import { isCalendarDate } from '../../../lib/scalars.ts';
import { pageSize } from '../domain/validate.ts';
import { contractorScope, maySeeContract, requireRows } from '../policy.ts';
import { connection } from './connection.ts';
import { supplierCriteriaOf } from './suggestions.ts';
import { ownUuid, type Typed } from './lookup.ts';
import type { ListArgs } from './lists.ts';

/** Contracts, their obligations and realisations: reads. Writes are in social-return-mutations.ts. */

export type ContractNode = Typed<ContractRow, 'Contract'>;
export type RealisationNode = Typed<RealisationRow, 'Realisation'>;
export const asContract = (row: ContractRow): ContractNode => ({ ...row, __typename: 'Contract' });
export const asRealisation = (row: RealisationRow): RealisationNode => ({ ...row, __typename: 'Realisation' });

function refuseRow(ctx: RegionContext, id: string): GraphQLError {
  return new GraphQLError(`You may not see ${id}: only the owner's staff and the contractor itself.`, { extensions: { code: 'FORBIDDEN' } });
}

/** A contract of this owner the viewer may see; null when it does not exist; FORBIDDEN otherwise. */
export async function loadContract(ctx: RegionContext, id: string): Promise<ContractNode | null> {
  requireRows(ctx.viewer, ctx.owner.code, 'Contract');
  const uuid = ownUuid(ctx, id, 'Contract');
  const row = uuid ? await ctx.loaders.contract.load(uuid) : null;
  if (!row) return null;
  if (!maySeeContract(ctx.viewer, ctx.owner.code, row.contractorKvk)) throw refuseRow(ctx, id);
  return asContract(row);
}

export async function loadRealisation(ctx: RegionContext, id: string): Promise<RealisationNode | null> {
  requireRows(ctx.viewer, ctx.owner.code, 'Realisation');
  const uuid = ownUuid(ctx, id, 'Realisation');
  const row = uuid ? await ctx.loaders.realisation.load(uuid) : null;
  if (!row) return null;
  const parent = await ctx.loaders.contract.load(row.contractId);
  if (!parent || !maySeeContract(ctx.viewer, ctx.owner.code, parent.contractorKvk)) throw refuseRow(ctx, id);
  return asRealisation(row);
}

function dateArg(on: string | null | undefined): string {
  if (on == null) return todayInAmsterdam();
  if (!isCalendarDate(on)) throw badUserInput(`on must be a date YYYY-MM-DD, got "${on}".`);
  return on;
}

const region = (ctx: RegionContext) => ({ code: ctx.owner.code });

export const socialReturnQueries = {
  contract: (_: unknown, { id }: { id: string }, ctx: RegionContext) => loadContract(ctx, id),
  realisation: (_: unknown, { id }: { id: string }, ctx: RegionContext) => loadRealisation(ctx, id),
  async contracts(_: unknown, args: ListArgs<ContractFilter>, ctx: RegionContext) {
    requireRows(ctx.viewer, ctx.owner.code, 'Contract');
    const scope = contractorScope(ctx.viewer, ctx.owner.code);
    const page = await contractPage(ctx.db, ctx.owner.code, scope, { ...args, first: pageSize(args.first) });
    return connection({ ...page, rows: page.rows.map(asContract) }, () => countContracts(ctx.db, ctx.owner.code, scope, args.filter));
  },
  valuationRules: (_: unknown, __: unknown, ctx: RegionContext) => ctx.valuation,
  async sroiStatistics(_: unknown, args: { groupBy: Dimension[]; filter?: { years?: number[] | null } | null }, ctx: RegionContext) {
    const years = args.filter?.years ?? null;
    if (years && (years.length > 50 || years.some((y) => !Number.isInteger(y) || y < 2000 || y > 2100))) {
      throw badUserInput('filter.years may list at most 50 years from 2000 to 2100.', { field: 'years' });
    }
    const cells = await statistics(ctx.db, [...new Set(args.groupBy)], years);
    const byOwner = args.groupBy.includes('OWNER');
    return {
      // Raw per-owner figures: the gateway merges owners, recomputes the rate and suppresses small counts.
      cells: cells.map((c) => ({
        ...c, owner: byOwner ? ctx.owner.code : null, municipality: c.municipality ? { code: c.municipality } : null,
        peoplePlacedSuppressed: false, fulfilmentRate: null,
      })),
      missingOwners: [],
      complete: true,
    };
  },
};

export const Contract = {
  __resolveReference: (ref: { id: string }, ctx: RegionContext) => loadContract(ctx, ref.id),
  id: (r: ContractRow, _: unknown, ctx: RegionContext) => formatGlobalId(ctx.owner.code, 'Contract', r.id),
  owner: (_: ContractRow, __: unknown, ctx: RegionContext) => region(ctx),
  buyer: (r: ContractRow) => ({ code: r.buyerMunicipalityCode }),
  contractor: (r: ContractRow) => ({ kvkNumber: r.contractorKvk, name: r.contractorName }),
  threshold: (r: ContractRow) => r.thresholdAmount,
  // The obligation is a view of the contract row (fixed at award) plus its realisations.
  obligation: (r: ContractRow) => (r.obligationAmount === null ? null : r),
  realisations: async (r: ContractRow, _: unknown, ctx: RegionContext) => (await ctx.loaders.realisationsOfContract.load(r.id)).map(asRealisation),
  supplierCriteria: (r: ContractRow, _: unknown, ctx: RegionContext) => supplierCriteriaOf(r, ctx),
  createdAt: (r: ContractRow) => isoFromPg(r.createdAt),
};

async function progressOf(r: ContractRow, ctx: RegionContext) {
  return progress(r.obligationAmount!, await ctx.loaders.realisationsOfContract.load(r.id));
}

export const SroiObligation = {
  percentage: (r: ContractRow) => r.obligationPercentage,
  baseType: (r: ContractRow) => r.obligationBaseType,
  baseAmount: (r: ContractRow) => r.valueExclVat,
  tableVersion: (r: ContractRow) => r.tableVersion,
  amount: (r: ContractRow) => r.obligationAmount,
  verified: async (r: ContractRow, _: unknown, ctx: RegionContext) => fromCents((await progressOf(r, ctx)).verifiedCents),
  pending: async (r: ContractRow, _: unknown, ctx: RegionContext) => fromCents((await progressOf(r, ctx)).pendingCents),
  remaining: async (r: ContractRow, _: unknown, ctx: RegionContext) => fromCents((await progressOf(r, ctx)).remainingCents),
  periodElapsed: (r: ContractRow, args: { on?: string | null }) => periodElapsed(r.periodStart, r.periodEnd, dateArg(args.on)),
  status: async (r: ContractRow, args: { on?: string | null }, ctx: RegionContext) => obligationStatus({
    amount: r.obligationAmount!, verifiedCents: (await progressOf(r, ctx)).verifiedCents, periodStart: r.periodStart, periodEnd: r.periodEnd,
  }, dateArg(args.on)),
};

const numberOrNull = (v: string | null) => (v === null ? null : Number(v));

export const Realisation = {
  __resolveReference: (ref: { id: string }, ctx: RegionContext) => loadRealisation(ctx, ref.id),
  id: (r: RealisationRow, _: unknown, ctx: RegionContext) => formatGlobalId(ctx.owner.code, 'Realisation', r.id),
  contract: async (r: RealisationRow, _: unknown, ctx: RegionContext) => asContract((await ctx.loaders.contract.load(r.contractId))!),
  hoursPerWeek: (r: RealisationRow) => numberOrNull(r.hoursPerWeek),
  hours: (r: RealisationRow) => numberOrNull(r.hours),
  decidedAt: (r: RealisationRow) => (r.decidedAt ? isoFromPg(r.decidedAt) : null),
  recordedAt: (r: RealisationRow) => isoFromPg(r.recordedAt),
};

export const BuildingBlock = {
  actualCosts: (b: Block) => b.actualCosts === true,
};

export const ValuationRules = {
  owner: (_: Rules, __: unknown, ctx: RegionContext) => region(ctx),
  obligationPercentage: (r: Rules) => r.obligation.percentage,
  obligationBase: (r: Rules) => r.obligation.baseType,
  thresholds: (r: Rules) => r.obligation.thresholds,
};
