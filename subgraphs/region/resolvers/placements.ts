import { isoFromPg } from '../../../lib/db/timestamps.ts';
import { badUserInput, notFound } from '../../../lib/errors.ts';
import { formatGlobalId, parseGlobalId } from '../../../lib/global-id.ts';
import { fromCents, toScaled } from '../../../lib/money.ts';
import type { RegionContext } from '../context.ts';
import { insertPlacement, placementStatistics, type PlacementDimension, type PlacementRow } from '../data/placements.ts';
import * as m from '../domain/matching-input.ts';
import * as v from '../domain/validate.ts';
import { PLACEMENT_REALISATION, type PlacementRealisationPayload } from '../placement-delivery.ts';
import { requireRows, requireWrite } from '../policy.ts';
import { ownUuid, type Typed } from './lookup.ts';

/** Placements: a candidate started work; on a contract it also becomes a realisation there (outbox). */

export type PlacementNode = Typed<PlacementRow, 'Placement'>;
const asPlacement = (row: PlacementRow): PlacementNode => ({ ...row, __typename: 'Placement' });

interface RecordPlacementInput {
  candidateId: string;
  vacancyId?: string | null;
  employer: { kvkNumber: string; name: string };
  route: string;
  targetGroup?: string | null;
  startDate: string;
  endDate?: string | null;
  hoursPerWeek: number;
  contractId?: string | null;
  months?: number | null;
}

const deliveryKey = (owner: string, uuid: string) => `placement:${formatGlobalId(owner, 'Placement', uuid)}`;

function idOfType(field: string, id: string | null | undefined, type: string): string | null {
  if (id == null) return null;
  if (parseGlobalId(id)?.type !== type) throw badUserInput(`${field} "${id}" is not a ${type} ID (<owner>:${type}:<uuid>).`, { field });
  return id;
}

/** Hours with at most two decimals, above 0 and at most 60. */
function hoursOf(hours: number): string {
  const hundredths = Number.isFinite(hours) && hours > 0 && hours <= 60 ? toScaled(String(hours), 2) : null;
  if (hundredths === null) throw badUserInput(`hoursPerWeek must be more than 0 and at most 60, with at most 2 decimals; got ${hours}.`, { field: 'hoursPerWeek' });
  return fromCents(hundredths);
}

/** What the contract's owner needs for the realisation; checked here as far as this owner can. */
function realisationInput(input: RecordPlacementInput, contractId: string | null): Record<string, unknown> | null {
  if (!contractId) {
    if (input.months != null) throw badUserInput('months belongs to a placement on a contract (contractId).', { field: 'months' });
    return null;
  }
  if (input.route === 'WORK_EXPERIENCE') throw badUserInput('A WORK_EXPERIENCE placement has no social-return route: leave contractId out.', { field: 'contractId' });
  if (input.months == null || !Number.isInteger(input.months) || input.months < 1 || input.months > 120) {
    throw badUserInput('A placement on a contract needs months, a whole number from 1 to 120.', { field: 'months' });
  }
  if (input.route === 'JOB' && input.targetGroup == null) throw badUserInput('A JOB placement on a contract needs targetGroup.', { field: 'targetGroup' });
  return {
    contractId, route: input.route, targetGroup: input.targetGroup ?? null, hoursPerWeek: input.hoursPerWeek,
    months: input.months, startDate: input.startDate, endDate: input.endDate ?? null,
  };
}

export const PlacementMutation = {
  async recordPlacement(_: unknown, { input }: { input: RecordPlacementInput }, ctx: RegionContext) {
    const candidate = ownUuid(ctx, input.candidateId, 'CandidateProfile');
    if (!candidate) throw badUserInput(`${input.candidateId} is not a candidate of owner "${ctx.owner.code}".`, { field: 'candidateId' });
    requireWrite(ctx.viewer, ctx.owner.code, 'Placement');
    if (input.endDate != null && input.endDate < input.startDate) throw badUserInput(`endDate ${input.endDate} is before startDate ${input.startDate}.`, { field: 'endDate' });
    const hours = hoursOf(input.hoursPerWeek);
    const [targetGroup] = m.targetGroups(input.targetGroup == null ? [] : [input.targetGroup], 'targetGroup');
    const contractId = idOfType('contractId', input.contractId, 'Contract');
    const realisation = realisationInput(input, contractId);
    const employer = { kvkNumber: v.kvkNumber(input.employer.kvkNumber), name: v.text('employer.name', input.employer.name, { min: 2, max: 200 }) };
    if (!(await ctx.loaders.candidate.load(candidate))) throw notFound(`No candidate ${input.candidateId}.`);
    const id = crypto.randomUUID();
    const payload: PlacementRealisationPayload | null = realisation && { placementId: id, input: realisation };
    const created = await insertPlacement(ctx.db, ctx.viewer, {
      id, candidateId: candidate, vacancyId: idOfType('vacancyId', input.vacancyId, 'Vacancy'),
      employerKvk: employer.kvkNumber, employerName: employer.name, route: input.route, targetGroup: targetGroup ?? null,
      startDate: input.startDate, endDate: input.endDate ?? null, hoursPerWeek: hours, contractId, recordedBy: ctx.viewer.subject,
    }, payload && { kind: PLACEMENT_REALISATION, key: deliveryKey(ctx.owner.code, id), payload: { ...payload } });
    return asPlacement(created);
  },
};

export const placementQueries = {
  async placement(_: unknown, { id }: { id: string }, ctx: RegionContext) {
    requireRows(ctx.viewer, ctx.owner.code, 'Placement');
    const uuid = ownUuid(ctx, id, 'Placement');
    const row = uuid ? await ctx.loaders.placement.load(uuid) : null;
    return row ? asPlacement(row) : null;
  },
  async placementStatistics(_: unknown, args: { groupBy: PlacementDimension[]; filter?: { years?: number[] | null } | null }, ctx: RegionContext) {
    const years = args.filter?.years ?? null;
    if (years && (years.length > 50 || years.some((y) => !Number.isInteger(y) || y < 2000 || y > 2100))) {
      throw badUserInput('filter.years may list at most 50 years from 2000 to 2100.', { field: 'years' });
    }
    const byOwner = args.groupBy.includes('OWNER');
    const cells = await placementStatistics(ctx.db, [...new Set(args.groupBy)], years);
    // Raw per-owner counts: the gateway adds owners up and suppresses small counts after that.
    return { cells: cells.map((c) => ({ ...c, owner: byOwner ? ctx.owner.code : null, peoplePlacedSuppressed: false })), missingOwners: [], complete: true };
  },
};

export const Placement = {
  id: (r: PlacementRow, _: unknown, ctx: RegionContext) => formatGlobalId(ctx.owner.code, 'Placement', r.id),
  owner: (_: PlacementRow, __: unknown, ctx: RegionContext) => ({ code: ctx.owner.code }),
  candidateId: (r: PlacementRow, _: unknown, ctx: RegionContext) => (r.candidateId ? formatGlobalId(ctx.owner.code, 'CandidateProfile', r.candidateId) : null),
  employer: (r: PlacementRow) => ({ kvkNumber: r.employerKvk, name: r.employerName }),
  hoursPerWeek: (r: PlacementRow) => Number(r.hoursPerWeek),
  async realisationDelivery(r: PlacementRow, _: unknown, ctx: RegionContext) {
    if (!r.contractId) return null;
    const row = await ctx.loaders.outboxByKey.load(deliveryKey(ctx.owner.code, r.id));
    return row && { status: row.status, attempts: row.attempts, lastError: row.lastError, deliveredAt: row.deliveredAt ? isoFromPg(row.deliveredAt) : null };
  },
  recordedAt: (r: PlacementRow) => isoFromPg(r.recordedAt),
};
