import { GraphQLError } from 'graphql';
import { badUserInput, conflict, ErrorCode, notFound } from '../../../lib/errors.ts';
import { fromCents, toCents, toScaled } from '../../../lib/money.ts';
import { sortKey } from '../../../lib/sort-key.ts';
import { TARGET_GROUPS } from '../../catalog/reference/target-groups.ts';
import type { RegionContext } from '../context.ts';
import { decideRealisation, insertContract, insertRealisation } from '../data/contract-writes.ts';
import { credit, findBlock, needs, obligationAt, type RuleSnapshot, type ValuationRules } from '../domain/valuation.ts';
import * as v from '../domain/validate.ts';
import { mayRecordOn, requireAction, requireWrite } from '../policy.ts';
import { hasRole } from '../../../lib/identity.ts';
import { isUniqueViolation } from '../data/writes.ts';
import { realisationByKey, type RealisationRow } from '../data/contracts.ts';
import { ownUuid } from './lookup.ts';
import { asContract, asRealisation } from './social-return.ts';

interface RegisterContractInput {
  owner: string;
  buyer: string;
  contractor: { kvkNumber: string; name: string };
  title: string;
  tenderReference?: string | null;
  cpvCode: string;
  valueExclVat: string;
  periodStart: string;
  periodEnd: string;
  awardDate: string;
  percentage?: string | null;
}

interface RecordRealisationInput {
  contractId: string;
  route: string;
  targetGroup?: string | null;
  hoursPerWeek?: number | null;
  months?: number | null;
  hours?: number | null;
  startDate?: string | null;
  endDate?: string | null;
  invoiceAmount?: string | null;
  invoiceDate?: string | null;
  supplierId?: string | null;
  idempotencyKey?: string | null;
}

const TARGET_GROUP_CODES = new Set(TARGET_GROUPS.map((t) => t.code));

function rulesOf(ctx: RegionContext): ValuationRules {
  if (!ctx.valuation) throw badUserInput(`Owner "${ctx.owner.code}" has no social-return rules (subgraphs/${ctx.owner.code}/valuation.json).`);
  return ctx.valuation;
}

function positiveAmount(field: string, value: string): bigint {
  const cents = toCents(value);
  if (cents <= 0n) throw badUserInput(`${field} must be more than 0.00, got ${value}.`, { field });
  return cents;
}

/** Hours with at most two decimals, above 0 and at most `max`, as hundredths. */
function hoursOf(field: string, value: number, max: number): bigint {
  const hundredths = Number.isFinite(value) && value > 0 && value <= max ? toScaled(String(value), 2) : null;
  if (hundredths === null) throw badUserInput(`${field} must be more than 0 and at most ${max}, with at most 2 decimals; got ${value}.`, { field });
  return hundredths;
}

/** Exactly the quantities the block values: a missing one or one that does not belong is refused. */
function quantitiesFor(input: RecordRealisationInput, need: ReturnType<typeof needs>, route: string) {
  const given = {
    hoursPerWeek: input.hoursPerWeek != null, months: input.months != null, hours: input.hours != null,
    invoice: input.invoiceAmount != null, supplier: input.supplierId != null,
  };
  for (const key of Object.keys(given) as (keyof typeof given)[]) {
    const field = key === 'invoice' ? 'invoiceAmount' : key === 'supplier' ? 'supplierId' : key;
    if (need[key] && !given[key]) throw badUserInput(`A ${route} realisation needs ${field}.`, { field });
    if (!need[key] && given[key]) throw badUserInput(`A ${route} realisation has no ${field}.`, { field });
  }
  if (need.invoice && input.invoiceDate == null) throw badUserInput(`A ${route} realisation needs invoiceDate.`, { field: 'invoiceDate' });
  if (input.months != null && (!Number.isInteger(input.months) || input.months < 1 || input.months > 120)) {
    throw badUserInput(`months must be a whole number from 1 to 120, got ${input.months}.`, { field: 'months' });
  }
  return {
    hoursHundredths: input.hoursPerWeek != null ? hoursOf('hoursPerWeek', input.hoursPerWeek, 60)
      : input.hours != null ? hoursOf('hours', input.hours, 10_000) : undefined,
    months: input.months ?? undefined,
    invoiceCents: input.invoiceAmount != null ? positiveAmount('invoiceAmount', input.invoiceAmount) : undefined,
  };
}

interface SupplierView {
  id: string;
  name: string;
  kvkNumber: string;
  recognitions: { scheme: string; validFrom: string; validUntil: string | null }[];
}

/**
 * The supplier as its own owner describes it, read through the gateway (it may be another
 * owner's), and the recognition that makes the purchase count: valid on the invoice date and
 * of a scheme this owner accepts. What was found is stored with the realisation.
 */
async function supplierSnapshot(ctx: RegionContext, rules: ValuationRules, supplierId: string, invoiceDate: string) {
  const data = await ctx.gateway.query<{ socialEnterprise: SupplierView | null }>(
    'query Supplier($id: ID!) { socialEnterprise(id: $id) { id name kvkNumber recognitions { scheme validFrom validUntil } } }',
    { id: supplierId },
  );
  const supplier = data.socialEnterprise;
  if (!supplier) throw badUserInput(`No social enterprise ${supplierId}.`, { field: 'supplierId' });
  const valid = supplier.recognitions.filter((r) => rules.acceptedSupplierSchemes.includes(r.scheme)
    && r.validFrom <= invoiceDate && (r.validUntil === null || r.validUntil >= invoiceDate));
  if (!valid.length) {
    throw badUserInput(`${supplier.name} (${supplierId}) was not recognised on ${invoiceDate} under a scheme "${ctx.owner.code}" accepts (${rules.acceptedSupplierSchemes.join(', ')}), so the purchase does not count.`, { field: 'supplierId' });
  }
  const best = valid.sort((a, b) => rules.acceptedSupplierSchemes.indexOf(a.scheme) - rules.acceptedSupplierSchemes.indexOf(b.scheme))[0];
  return { id: supplier.id, name: supplier.name, kvkNumber: supplier.kvkNumber, ...best, checkedAt: new Date().toISOString() };
}

/** A retry-safe key (1 to 200 printable characters); hub services must give one. */
function idempotencyKeyOf(ctx: RegionContext, key: string | null | undefined): string | null {
  if (key == null) {
    if (hasRole(ctx.viewer, 'service')) throw badUserInput('A hub service records realisations only with an idempotencyKey.', { field: 'idempotencyKey' });
    return null;
  }
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw badUserInput('idempotencyKey must be 1 to 200 printable ASCII characters without spaces.', { field: 'idempotencyKey' });
  return key;
}

/** A replayed key answers with the first call's realisation, but only for the same contract. */
function sameContract(row: RealisationRow, contractUuid: string, key: string): RealisationRow {
  if (row.contractId !== contractUuid) throw conflict(`idempotencyKey "${key}" was already used for another contract.`, { field: 'idempotencyKey' });
  return row;
}

export const SocialReturnMutation = {
  async registerContract(_: unknown, { input }: { input: RegisterContractInput }, ctx: RegionContext) {
    if (input.owner !== ctx.owner.code) throw badUserInput(`This service holds owner "${ctx.owner.code}", not "${input.owner}".`);
    requireWrite(ctx.viewer, ctx.owner.code, 'Contract');
    const rules = rulesOf(ctx);
    const buyer = v.ownMunicipality(ctx.owner, input.buyer, 'buyer');
    const value = positiveAmount('valueExclVat', input.valueExclVat);
    if (input.periodEnd < input.periodStart) throw badUserInput(`periodEnd ${input.periodEnd} is before periodStart ${input.periodStart}.`, { field: 'periodEnd' });
    if (input.awardDate > input.periodEnd) throw badUserInput(`awardDate ${input.awardDate} is after periodEnd ${input.periodEnd}.`, { field: 'awardDate' });
    const percentage = input.percentage ?? rules.obligation.percentage;
    const scaled = toScaled(percentage, 2);
    if (scaled === null || scaled <= 0n || scaled > 10_000n) throw badUserInput(`percentage must be more than 0 and at most 100, got ${percentage}.`, { field: 'percentage' });
    const fixed = obligationAt(rules, value, input.awardDate, percentage);
    if (!fixed.threshold || !fixed.table) {
      throw badUserInput(`Owner "${ctx.owner.code}" has no threshold and building-block table in force on ${input.awardDate}.`, { field: 'awardDate' });
    }
    const title = v.text('title', input.title, { min: 3, max: 300 });
    const created = await insertContract(ctx.db, ctx.viewer, {
      kvkNumber: v.kvkNumber(input.contractor.kvkNumber),
      name: v.text('contractor.name', input.contractor.name, { min: 2, max: 200 }),
    }, {
      id: crypto.randomUUID(),
      buyerMunicipalityCode: buyer,
      title,
      titleKey: sortKey(title),
      tenderReference: v.optionalText('tenderReference', input.tenderReference, 100),
      cpvCode: v.cpvCode(input.cpvCode),
      valueExclVat: fromCents(value),
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      awardDate: input.awardDate,
      thresholdAmount: fixed.threshold.amount,
      tableVersion: fixed.table.version,
      obligationPercentage: fromCents(scaled), // hundredths of a percent print like cents
      obligationBaseType: rules.obligation.baseType,
      obligationAmount: fixed.amountCents === null ? null : fromCents(fixed.amountCents),
    });
    return asContract(created);
  },

  async recordRealisation(_: unknown, { input }: { input: RecordRealisationInput }, ctx: RegionContext) {
    const uuid = ownUuid(ctx, input.contractId, 'Contract');
    if (!uuid) throw badUserInput(`${input.contractId} is not a contract of owner "${ctx.owner.code}".`, { field: 'contractId' });
    requireWrite(ctx.viewer, ctx.owner.code, 'Realisation');
    const key = idempotencyKeyOf(ctx, input.idempotencyKey);
    const replay = key ? await realisationByKey(ctx.db, key) : undefined;
    if (replay) return asRealisation(sameContract(replay, uuid, key!));
    const contract = await ctx.loaders.contract.load(uuid);
    if (!contract) throw notFound(`No contract ${input.contractId}.`);
    if (!mayRecordOn(ctx.viewer, ctx.owner.code, contract.contractorKvk)) {
      throw new GraphQLError('You may record realisations only of your own contracts.', { extensions: { code: ErrorCode.FORBIDDEN } });
    }
    if (contract.obligationAmount === null) throw badUserInput(`Contract ${input.contractId} is below the threshold and has no obligation to fulfil.`, { field: 'contractId' });
    const rules = rulesOf(ctx);
    const table = rules.tables.find((t) => t.version === contract.tableVersion);
    if (!table) throw badUserInput(`The contract's table ${contract.tableVersion} is no longer in the owner's rules.`);
    if (input.route === 'JOB' && (input.targetGroup == null || !TARGET_GROUP_CODES.has(input.targetGroup))) {
      throw badUserInput(`A JOB realisation needs a known targetGroup (catalog target groups), got ${JSON.stringify(input.targetGroup ?? null)}.`, { field: 'targetGroup' });
    }
    const block = findBlock(table, input.route, input.targetGroup);
    if (!block) {
      const routes = [...new Set(table.blocks.map((b) => b.route))].join(', ');
      throw badUserInput(`Route ${input.route}${input.targetGroup ? ` for ${input.targetGroup}` : ''} is not in table ${table.version} (routes: ${routes}).`, { field: 'route' });
    }
    const quantities = quantitiesFor(input, needs(block), input.route);
    if (input.startDate && input.endDate && input.endDate < input.startDate) {
      throw badUserInput(`endDate ${input.endDate} is before startDate ${input.startDate}.`, { field: 'endDate' });
    }
    const snapshot = block.invoicePercentage !== undefined ? await supplierSnapshot(ctx, rules, input.supplierId!, input.invoiceDate!) : null;
    const rule: RuleSnapshot = { tableVersion: table.version, hoursBasis: table.hoursBasis, block: { ...block } };
    const result = credit(rule, quantities);
    const created = await insertRealisation(ctx.db, ctx.viewer, {
      id: crypto.randomUUID(),
      contractId: uuid,
      route: input.route,
      targetGroup: input.targetGroup ?? null,
      hoursPerWeek: input.hoursPerWeek != null ? fromCents(quantities.hoursHundredths!) : null,
      months: input.months ?? null,
      hours: input.hours != null ? fromCents(quantities.hoursHundredths!) : null,
      startDate: input.startDate ?? null,
      endDate: input.endDate ?? null,
      invoiceAmount: quantities.invoiceCents !== undefined ? fromCents(quantities.invoiceCents) : null,
      invoiceDate: input.invoiceDate ?? null,
      supplierId: snapshot?.id ?? null,
      supplierSnapshot: snapshot,
      rule,
      creditedAmount: fromCents(result.cents),
      explanation: result.explanation,
      recordedBy: ctx.viewer.subject,
      idempotencyKey: key,
    }).catch(async (e: unknown) => {
      // The same key raced in: the other call's row is the answer.
      const other = key && isUniqueViolation(e) ? await realisationByKey(ctx.db, key) : undefined;
      if (!other) throw e;
      return sameContract(other, uuid, key!);
    });
    return asRealisation(created);
  },

  async decideRealisation(_: unknown, args: { id: string; decision: 'VERIFIED' | 'REJECTED'; reason?: string | null }, ctx: RegionContext) {
    const uuid = ownUuid(ctx, args.id, 'Realisation');
    if (!uuid) throw badUserInput(`${args.id} is not a realisation of owner "${ctx.owner.code}".`, { field: 'id' });
    requireAction(ctx.viewer, ctx.owner.code, 'Realisation', 'decide');
    const reason = args.decision === 'REJECTED' ? v.text('reason', args.reason ?? '', { min: 3, max: 1000 }) : null;
    const current = await ctx.loaders.realisation.load(uuid);
    if (!current) throw notFound(`No realisation ${args.id}.`);
    const updated = await decideRealisation(ctx.db, ctx.viewer, uuid, args.decision, reason);
    if (!updated) throw conflict(`Realisation ${args.id} was already ${current.status === 'SUBMITTED' ? 'decided' : current.status}; a decision is final.`);
    return asRealisation(updated);
  },
};
