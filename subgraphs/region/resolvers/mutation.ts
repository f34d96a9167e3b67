import { GraphQLError } from 'graphql';
import { badUserInput, conflict, ErrorCode, notFound } from '../../../lib/errors.ts';
import { sortKey } from '../../../lib/sort-key.ts';
import type { RegionContext } from '../context.ts';
import { offeringCountOf } from '../data/offerings.ts';
import { insertEnterprise, insertOffering, isUniqueViolation, updateEnterprise, updateOffering } from '../data/writes.ts';
import * as v from '../domain/validate.ts';
import { isOwnerStaff, requireWrite } from '../policy.ts';
import { asEnterprise, asOffering, loadEnterprise, ownUuid } from './lookup.ts';

/** Most offerings one enterprise may list (keeps `SocialEnterprise.offerings` a bounded list). */
export const MAX_OFFERINGS_PER_ENTERPRISE = 50;

/** Inputs as GraphQL hands them over: required fields present, optional ones maybe null. */
type Nullable<T> = { [K in keyof T]?: T[K] | null };

interface RegisterEnterpriseInput {
  owner: string;
  name: string;
  kvkNumber: string;
  establishmentNumber?: string | null;
  legalForm: string;
  municipality: string;
  postcode4: string;
  description: string;
  website?: string | null;
  impactThemes?: string[] | null;
  staffTotal: number;
  staffWithDistance: number;
  capabilities?: string[] | null;
  recognitions?: v.RecognitionInput[] | null;
  externalReferences?: v.ExternalReferenceInput[] | null;
}
type UpdateEnterpriseInput = Nullable<Omit<RegisterEnterpriseInput, 'owner' | 'kvkNumber' | 'externalReferences'>>;

interface RegisterOfferingInput {
  enterpriseId: string;
  name: string;
  description: string;
  kind: string;
  category: string;
  cpvCode: string;
  price?: { amount: string; unit: string } | null;
  serviceArea: string[];
  countsForSocialReturn: boolean;
  socialReturnNote?: string | null;
}
type UpdateOfferingInput = Nullable<Omit<RegisterOfferingInput, 'enterpriseId'>> & { clearPrice?: boolean | null };

/**
 * Fields of the input the owner's staff set, added to those they set before: a partner's
 * upsert leaves them alone (data/partner-upsert.ts). Writes by partners mark nothing.
 */
function staffFields(ctx: RegionContext, input: object, before: readonly string[] = [], except: readonly string[] = []): string[] {
  if (!isOwnerStaff(ctx.viewer, ctx.owner.code)) return [...before];
  const given = Object.entries(input).filter(([k, value]) => value != null && !except.includes(k)).map(([k]) => k);
  return [...new Set([...before, ...given])].sort();
}

/** A partner may not change fields the owner's staff set, unless the owner allows it (as in upserts). */
function refuseStaffFields(ctx: RegionContext, input: object, staffSet: readonly string[]): void {
  if (isOwnerStaff(ctx.viewer, ctx.owner.code) || ctx.owner.partnerMayOverwriteStaffFields) return;
  const taken = Object.entries(input).filter(([k, value]) => value !== undefined && staffSet.includes(k)).map(([k]) => k);
  if (taken.length) {
    throw new GraphQLError(`The owner's staff set ${taken.join(', ')}; a partner may not change ${taken.length === 1 ? 'it' : 'them'}.`,
      { extensions: { code: ErrorCode.FORBIDDEN, fields: taken } });
  }
}

const withConflictCheck = async <T>(write: () => Promise<T>, message: string): Promise<T> => {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(message);
    throw e;
  }
};

function enterpriseOwnUuid(ctx: RegionContext, id: string): string {
  const uuid = ownUuid(ctx, id, 'SocialEnterprise');
  if (!uuid) throw badUserInput(`${id} is not a social enterprise of owner "${ctx.owner.code}".`);
  return uuid;
}

export const Mutation = {
  async registerSocialEnterprise(_: unknown, { input }: { input: RegisterEnterpriseInput }, ctx: RegionContext) {
    if (input.owner !== ctx.owner.code) throw badUserInput(`This service holds owner "${ctx.owner.code}", not "${input.owner}".`);
    requireWrite(ctx.viewer, ctx.owner.code, 'SocialEnterprise');
    v.staff(input.staffTotal, input.staffWithDistance);
    const name = v.text('name', input.name, { min: 2, max: 200 });
    const row = {
      id: crypto.randomUUID(),
      name,
      nameKey: sortKey(name),
      kvkNumber: v.kvkNumber(input.kvkNumber),
      establishmentNumber: v.establishmentNumber(input.establishmentNumber),
      legalForm: input.legalForm,
      municipalityCode: v.ownMunicipality(ctx.owner, input.municipality),
      postcode4: v.postcode4(input.postcode4),
      description: v.text('description', input.description, { max: 5000 }),
      website: v.website(input.website),
      impactThemes: [...new Set(input.impactThemes ?? [])],
      staffTotal: input.staffTotal,
      staffWithDistance: input.staffWithDistance,
      capabilities: [...new Set(input.capabilities ?? [])],
      staffFields: staffFields(ctx, input, [], ['owner', 'kvkNumber', 'externalReferences']),
    };
    const recognitions = v.recognitions(input.recognitions ?? []);
    const refs = v.externalReferences(input.externalReferences ?? []);
    const created = await withConflictCheck(
      () => insertEnterprise(ctx.db, ctx.viewer, row, recognitions, refs),
      `An enterprise with KvK ${row.kvkNumber}${row.establishmentNumber ? ` / vestiging ${row.establishmentNumber}` : ''} or one of these external ids is already registered with "${ctx.owner.code}".`,
    );
    return asEnterprise(created);
  },

  async updateSocialEnterprise(_: unknown, { id, input }: { id: string; input: UpdateEnterpriseInput }, ctx: RegionContext) {
    const uuid = enterpriseOwnUuid(ctx, id);
    requireWrite(ctx.viewer, ctx.owner.code, 'SocialEnterprise');
    const current = await loadEnterprise(ctx, id);
    if (!current) throw notFound(`No social enterprise ${id}.`);
    refuseStaffFields(ctx, input, current.staffFields);
    const changes: Record<string, unknown> = {};
    if (input.name != null) { changes.name = v.text('name', input.name, { min: 2, max: 200 }); changes.nameKey = sortKey(changes.name as string); }
    if (input.establishmentNumber !== undefined) changes.establishmentNumber = v.establishmentNumber(input.establishmentNumber);
    if (input.legalForm != null) changes.legalForm = input.legalForm;
    if (input.municipality != null) changes.municipalityCode = v.ownMunicipality(ctx.owner, input.municipality);
    if (input.postcode4 != null) changes.postcode4 = v.postcode4(input.postcode4);
    if (input.description != null) changes.description = v.text('description', input.description, { max: 5000 });
    if (input.website !== undefined) changes.website = v.website(input.website);
    if (input.impactThemes != null) changes.impactThemes = [...new Set(input.impactThemes)];
    if (input.capabilities != null) changes.capabilities = [...new Set(input.capabilities)];
    const total = input.staffTotal ?? current.staffTotal;
    const withDistance = input.staffWithDistance ?? current.staffWithDistance;
    if (input.staffTotal != null || input.staffWithDistance != null) {
      v.staff(total, withDistance);
      changes.staffTotal = total;
      changes.staffWithDistance = withDistance;
    }
    const recognitions = input.recognitions ? v.recognitions(input.recognitions) : undefined;
    changes.staffFields = staffFields(ctx, input, current.staffFields);
    const updated = await withConflictCheck(
      () => updateEnterprise(ctx.db, ctx.viewer, uuid, changes, recognitions),
      'Another enterprise of this owner already has that KvK number and vestigingsnummer.',
    );
    if (!updated) throw notFound(`No social enterprise ${id}.`);
    return asEnterprise(updated);
  },

  async registerOffering(_: unknown, { input }: { input: RegisterOfferingInput }, ctx: RegionContext) {
    const enterpriseUuid = enterpriseOwnUuid(ctx, input.enterpriseId);
    requireWrite(ctx.viewer, ctx.owner.code, 'Offering');
    if (!(await ctx.loaders.enterprise.load(enterpriseUuid))) throw notFound(`No social enterprise ${input.enterpriseId}.`);
    if ((await offeringCountOf(ctx.db, enterpriseUuid)) >= MAX_OFFERINGS_PER_ENTERPRISE) {
      throw badUserInput(`An enterprise may list at most ${MAX_OFFERINGS_PER_ENTERPRISE} offerings.`);
    }
    const name = v.text('name', input.name, { min: 2, max: 200 });
    const created = await insertOffering(ctx.db, ctx.viewer, {
      id: crypto.randomUUID(),
      enterpriseId: enterpriseUuid,
      name,
      nameKey: sortKey(name),
      description: v.text('description', input.description, { max: 5000 }),
      kind: input.kind,
      categoryCode: v.category(input.category),
      cpvCode: v.cpvCode(input.cpvCode),
      priceAmount: input.price ? positive(input.price.amount) : null,
      priceUnit: input.price?.unit ?? null,
      serviceArea: v.serviceArea(input.serviceArea),
      countsForSocialReturn: input.countsForSocialReturn,
      socialReturnNote: v.optionalText('socialReturnNote', input.socialReturnNote, 1000),
      staffFields: staffFields(ctx, input, [], ['enterpriseId']),
    });
    return asOffering(created);
  },

  async updateOffering(_: unknown, { id, input }: { id: string; input: UpdateOfferingInput }, ctx: RegionContext) {
    const uuid = ownUuid(ctx, id, 'Offering');
    if (!uuid) throw badUserInput(`${id} is not an offering of owner "${ctx.owner.code}".`);
    requireWrite(ctx.viewer, ctx.owner.code, 'Offering');
    if (input.price && input.clearPrice) throw badUserInput('Give either price or clearPrice, not both.');
    const changes: Record<string, unknown> = {};
    if (input.name != null) { changes.name = v.text('name', input.name, { min: 2, max: 200 }); changes.nameKey = sortKey(changes.name as string); }
    if (input.description != null) changes.description = v.text('description', input.description, { max: 5000 });
    if (input.kind != null) changes.kind = input.kind;
    if (input.category != null) changes.categoryCode = v.category(input.category);
    if (input.cpvCode != null) changes.cpvCode = v.cpvCode(input.cpvCode);
    if (input.price) { changes.priceAmount = positive(input.price.amount); changes.priceUnit = input.price.unit; }
    if (input.clearPrice) { changes.priceAmount = null; changes.priceUnit = null; }
    if (input.serviceArea != null) changes.serviceArea = v.serviceArea(input.serviceArea);
    if (input.countsForSocialReturn != null) changes.countsForSocialReturn = input.countsForSocialReturn;
    if (input.socialReturnNote !== undefined) changes.socialReturnNote = v.optionalText('socialReturnNote', input.socialReturnNote, 1000);
    const current = await ctx.loaders.offering.load(uuid);
    if (!current) throw notFound(`No offering ${id}.`);
    refuseStaffFields(ctx, { ...input, price: input.price ?? (input.clearPrice ? true : undefined), clearPrice: undefined }, current.staffFields);
    changes.staffFields = staffFields(ctx, { ...input, price: input.price ?? (input.clearPrice ? true : null), clearPrice: null }, current.staffFields);
    const updated = await updateOffering(ctx.db, ctx.viewer, uuid, changes);
    if (!updated) throw notFound(`No offering ${id}.`);
    return asOffering(updated);
  },
};

function positive(amount: string): string {
  if (amount.startsWith('-') || /^0+(\.0+)?$/.test(amount)) throw badUserInput(`price.amount must be more than 0, got ${amount}.`, { field: 'price.amount' });
  return amount;
}
