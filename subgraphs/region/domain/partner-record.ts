import { GraphQLError } from 'graphql';
import { badUserInput } from '../../../lib/errors.ts';
import { fromCents, toCents } from '../../../lib/money.ts';
import { sortKey } from '../../../lib/sort-key.ts';
import type { OwnerSettings } from '../../owners.ts';
import * as v from './validate.ts';

/**
 * A partner's record of an enterprise (and its offerings), checked and normalised so that two
 * equal records compare equal: sets sorted, decimals with two places, empty text as null.
 * Field names are those of the GraphQL input: they are also what `staff_fields` records.
 */

export interface PartnerEnterpriseInput {
  externalId?: string | null;
  kvkNumber?: string | null;
  establishmentNumber?: string | null;
  name: string;
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
  offerings?: PartnerOfferingInput[] | null;
}

export interface PartnerOfferingInput {
  externalId: string;
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

/** Enterprise fields a partner may set, by input name, as the columns hold them. */
export interface EnterpriseFields {
  name: string;
  establishmentNumber: string | null;
  legalForm: string;
  municipality: string;
  postcode4: string;
  description: string;
  website: string | null;
  impactThemes: string[];
  staffTotal: number;
  staffWithDistance: number;
  capabilities: string[];
}

export interface OfferingFields {
  name: string;
  description: string;
  kind: string;
  category: string;
  cpvCode: string;
  price: { amount: string; unit: string } | null;
  serviceArea: string[];
  countsForSocialReturn: boolean;
  socialReturnNote: string | null;
}

export interface PartnerRecord {
  externalId: string | null;
  kvkNumber: string | null;
  fields: EnterpriseFields;
  recognitions: Required<v.RecognitionInput>[];
  offerings: { externalId: string; fields: OfferingFields }[] | null;
}

/** Why an item is refused; the other items of the batch go on. */
export class ItemRejected extends Error {
  constructor(readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

export const MUNICIPALITY_NOT_COVERED = 'MUNICIPALITY_NOT_COVERED';

const sorted = (list: readonly string[] | null | undefined) => [...new Set(list ?? [])].sort();

export const externalIdOf = (value: string, field: string) => v.text(field, value, { max: 100 });

export function sortedRecognitions(list: readonly v.RecognitionInput[]): Required<v.RecognitionInput>[] {
  return list.map((r) => ({ scheme: r.scheme, issuedBy: r.issuedBy, validFrom: r.validFrom, validUntil: r.validUntil ?? null }))
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

function decimal(amount: string, field: string): string {
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(amount) || /^0+(\.0+)?$/.test(amount)) {
    throw badUserInput(`${field} must be an amount more than 0 with at most 2 decimals, got ${amount}.`, { field });
  }
  return fromCents(toCents(amount));
}

function offeringFields(o: PartnerOfferingInput, at: string): OfferingFields {
  return {
    name: v.text(`${at}.name`, o.name, { min: 2, max: 200 }),
    description: v.text(`${at}.description`, o.description, { max: 5000 }),
    kind: o.kind,
    category: v.category(o.category),
    cpvCode: v.cpvCode(o.cpvCode),
    price: o.price ? { amount: decimal(o.price.amount, `${at}.price.amount`), unit: o.price.unit } : null,
    serviceArea: sorted(v.serviceArea(o.serviceArea)),
    countsForSocialReturn: o.countsForSocialReturn,
    socialReturnNote: v.optionalText(`${at}.socialReturnNote`, o.socialReturnNote, 1000),
  };
}

/** Checks one item; throws ItemRejected with the first problem. */
export function partnerRecord(owner: OwnerSettings, item: PartnerEnterpriseInput): PartnerRecord {
  try {
    const externalId = item.externalId == null ? null : externalIdOf(item.externalId, 'externalId');
    const kvkNumber = item.kvkNumber == null ? null : v.kvkNumber(item.kvkNumber);
    if (!externalId && !kvkNumber) throw badUserInput('An item needs an externalId or a kvkNumber to be matched on.', { field: 'externalId' });
    if (!owner.municipalities.includes(item.municipality)) {
      throw new ItemRejected(MUNICIPALITY_NOT_COVERED,
        `Municipality ${item.municipality} is not covered by owner "${owner.code}" (it holds ${owner.municipalities.join(', ')}); send the item to the owner of that municipality (catalog: Municipality.owner).`,
        'municipality');
    }
    v.staff(item.staffTotal, item.staffWithDistance);
    const offerings = item.offerings == null ? null : item.offerings.map((o, i) => ({
      externalId: externalIdOf(o.externalId, `offerings.${i}.externalId`),
      fields: offeringFields(o, `offerings.${i}`),
    }));
    if (offerings && new Set(offerings.map((o) => o.externalId)).size !== offerings.length) {
      throw badUserInput('Two offerings of the item have the same externalId.', { field: 'offerings' });
    }
    return {
      externalId,
      kvkNumber,
      fields: {
        name: v.text('name', item.name, { min: 2, max: 200 }),
        establishmentNumber: v.establishmentNumber(item.establishmentNumber),
        legalForm: item.legalForm,
        municipality: item.municipality,
        postcode4: v.postcode4(item.postcode4),
        description: v.text('description', item.description, { max: 5000 }),
        website: v.website(item.website),
        impactThemes: sorted(item.impactThemes),
        staffTotal: item.staffTotal,
        staffWithDistance: item.staffWithDistance,
        capabilities: sorted(item.capabilities),
      },
      recognitions: sortedRecognitions(v.recognitions(item.recognitions ?? [])),
      offerings,
    };
  } catch (e) {
    if (e instanceof GraphQLError) throw new ItemRejected(String(e.extensions.code), e.message, e.extensions.field as string | undefined);
    throw e;
  }
}

/** Columns of an enterprise row from its fields. */
export function enterpriseColumnsOf(f: Partial<EnterpriseFields>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(f)) {
    if (k === 'municipality') out.municipalityCode = value;
    else out[k] = value;
    if (k === 'name') out.nameKey = sortKey(value as string);
  }
  return out;
}

/** Columns of an offering row from its fields. */
export function offeringColumnsOf(f: Partial<OfferingFields>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(f)) {
    if (k === 'category') out.categoryCode = value;
    else if (k === 'price') {
      const price = value as OfferingFields['price'];
      out.priceAmount = price?.amount ?? null;
      out.priceUnit = price?.unit ?? null;
    } else out[k] = value;
    if (k === 'name') out.nameKey = sortKey(value as string);
  }
  return out;
}

/** The fields of a stored enterprise row, normalised like a partner record. */
export function storedEnterpriseFields(r: {
  name: string; establishmentNumber: string | null; legalForm: string; municipalityCode: string; postcode4: string;
  description: string; website: string | null; impactThemes: string[]; staffTotal: number; staffWithDistance: number; capabilities: string[];
}): EnterpriseFields {
  return {
    name: r.name, establishmentNumber: r.establishmentNumber, legalForm: r.legalForm, municipality: r.municipalityCode,
    postcode4: r.postcode4, description: r.description, website: r.website, impactThemes: sorted(r.impactThemes),
    staffTotal: r.staffTotal, staffWithDistance: r.staffWithDistance, capabilities: sorted(r.capabilities),
  };
}

export function storedOfferingFields(r: {
  name: string; description: string; kind: string; categoryCode: string; cpvCode: string; priceAmount: string | null;
  priceUnit: string | null; serviceArea: string[]; countsForSocialReturn: boolean; socialReturnNote: string | null;
}): OfferingFields {
  return {
    name: r.name, description: r.description, kind: r.kind, category: r.categoryCode, cpvCode: r.cpvCode,
    price: r.priceAmount === null ? null : { amount: r.priceAmount, unit: r.priceUnit! },
    serviceArea: sorted(r.serviceArea), countsForSocialReturn: r.countsForSocialReturn, socialReturnNote: r.socialReturnNote,
  };
}

/**
 * The fields where `next` differs from `current`, except those the owner's staff set (kept,
 * unless the owner lets partners overwrite them).
 */
export function partnerChanges<F extends object>(current: F, next: F, staffFields: readonly string[], overwriteStaff: boolean): { changes: Partial<F>; kept: string[] } {
  const changes: Partial<F> = {};
  const kept: string[] = [];
  for (const key of Object.keys(next) as (keyof F & string)[]) {
    if (JSON.stringify(current[key]) === JSON.stringify(next[key])) continue;
    if (staffFields.includes(key) && !overwriteStaff) kept.push(key);
    else changes[key] = next[key];
  }
  return { changes, kept };
}
