import { sql, type SQL } from 'drizzle-orm';
import {
  bigint, boolean, char, date, index, integer, jsonb, numeric, pgTable, primaryKey, text,
  timestamp, unique, uuid,
} from 'drizzle-orm/pg-core';
import { byteOrderedText, tsvector } from '../types.ts';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'string', precision: 6 });

/** Weighted Dutch full-text vector: the name weighs more than the description. */
const dutchSearch = (name: SQL, body: SQL) =>
  sql`setweight(to_tsvector('dutch'::regconfig, ${name}), 'A') || setweight(to_tsvector('dutch'::regconfig, ${body}), 'B')`;

export const socialEnterprise = pgTable('social_enterprise', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** Normalised name (no diacritics, lower case) that orders and pages the list. */
  nameKey: byteOrderedText('name_key').notNull(),
  kvkNumber: char('kvk_number', { length: 8 }).notNull(),
  establishmentNumber: char('establishment_number', { length: 12 }),
  legalForm: text('legal_form').notNull(),
  municipalityCode: text('municipality_code').notNull(),
  postcode4: char('postcode4', { length: 4 }).notNull(),
  description: text('description').notNull(),
  website: text('website'),
  impactThemes: text('impact_themes').array().notNull(),
  staffTotal: integer('staff_total').notNull(),
  staffWithDistance: integer('staff_with_distance').notNull(),
  capabilities: text('capabilities').array().notNull(),
  search: tsvector('search').generatedAlwaysAs(
    (): SQL => dutchSearch(sql`${socialEnterprise.name}`, sql`${socialEnterprise.description}`),
  ),
  createdAt: timestamptz('created_at').notNull().default(sql`now()`),
  updatedAt: timestamptz('updated_at').notNull().default(sql`now()`),
}, (t) => [
  unique('social_enterprise_kvk_establishment').on(t.kvkNumber, t.establishmentNumber).nullsNotDistinct(),
  index('social_enterprise_name_order').on(t.nameKey, t.id),
  index('social_enterprise_name_desc_order').on(t.nameKey.desc(), t.id),
  index('social_enterprise_staff_order').on(t.staffWithDistance.desc(), t.id),
  index('social_enterprise_created_order').on(t.createdAt.desc(), t.id),
  index('social_enterprise_municipality').on(t.municipalityCode),
  index('social_enterprise_search').using('gin', t.search),
  index('social_enterprise_capabilities').using('gin', t.capabilities),
]);

/** A recognition or certificate of an enterprise, valid between two calendar dates. */
export const recognition = pgTable('recognition', {
  id: uuid('id').primaryKey(),
  enterpriseId: uuid('enterprise_id').notNull().references(() => socialEnterprise.id, { onDelete: 'cascade' }),
  scheme: text('scheme').notNull(),
  issuedBy: text('issued_by').notNull(),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  /** Inclusive last day; null when open-ended. */
  validUntil: date('valid_until', { mode: 'string' }),
}, (t) => [
  index('recognition_enterprise').on(t.enterpriseId),
  index('recognition_scheme_validity').on(t.scheme, t.validFrom, t.validUntil),
]);

/** The id an outside system (e.g. MAEX) uses for an enterprise. */
export const externalReference = pgTable('external_reference', {
  system: text('system').notNull(),
  externalId: text('external_id').notNull(),
  enterpriseId: uuid('enterprise_id').notNull().references(() => socialEnterprise.id, { onDelete: 'cascade' }),
  syncedAt: timestamptz('synced_at'),
}, (t) => [
  primaryKey({ columns: [t.system, t.externalId] }),
  index('external_reference_enterprise').on(t.enterpriseId),
]);

export const offering = pgTable('offering', {
  id: uuid('id').primaryKey(),
  enterpriseId: uuid('enterprise_id').notNull().references(() => socialEnterprise.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  nameKey: byteOrderedText('name_key').notNull(),
  description: text('description').notNull(),
  kind: text('kind').notNull(),
  categoryCode: text('category_code').notNull(),
  cpvCode: text('cpv_code').notNull(),
  priceAmount: numeric('price_amount', { precision: 14, scale: 2 }),
  priceUnit: text('price_unit'),
  serviceArea: text('service_area').array().notNull(),
  countsForSocialReturn: boolean('counts_for_social_return').notNull(),
  socialReturnNote: text('social_return_note'),
  search: tsvector('search').generatedAlwaysAs(
    (): SQL => dutchSearch(sql`${offering.name}`, sql`${offering.description}`),
  ),
  createdAt: timestamptz('created_at').notNull().default(sql`now()`),
  updatedAt: timestamptz('updated_at').notNull().default(sql`now()`),
}, (t) => [
  index('offering_enterprise').on(t.enterpriseId),
  index('offering_name_order').on(t.nameKey, t.id),
  index('offering_updated_order').on(t.updatedAt.desc(), t.id),
  index('offering_category').on(t.categoryCode),
  index('offering_service_area').using('gin', t.serviceArea),
  index('offering_search').using('gin', t.search),
]);

/** Every write, with who made it and from which client. */
export const auditLog = pgTable('audit_log', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: timestamptz('at').notNull().default(sql`now()`),
  actor: text('actor').notNull(),
  role: text('role').notNull(),
  client: text('client'),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: uuid('entity_id'),
  detail: jsonb('detail'),
});
