import { sql, type SQL } from 'drizzle-orm';
import {
  bigint, boolean, char, date, index, integer, jsonb, numeric, pgTable, primaryKey, text,
  timestamp, unique, uuid,
} from 'drizzle-orm/pg-core';
import { byteOrderedText, tsvector, xid8 } from '../types.ts';

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
  /** Raised by every change; the change feed's (id, version) dedupes. */
  version: integer('version').notNull().default(1),
  /** Fields the owner's staff set: a partner's upsert leaves them alone (see data/partner-upsert.ts). */
  staffFields: text('staff_fields').array().notNull().default(sql`'{}'::text[]`),
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
  /** The partner system and its id for this offering, when a partner upserted it. */
  partnerSystem: text('partner_system'),
  partnerExternalId: text('partner_external_id'),
  version: integer('version').notNull().default(1),
  staffFields: text('staff_fields').array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamptz('created_at').notNull().default(sql`now()`),
  updatedAt: timestamptz('updated_at').notNull().default(sql`now()`),
}, (t) => [
  unique('offering_partner_key').on(t.partnerSystem, t.partnerExternalId),
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

/** A contractor or employer known to this owner; the KvK number is unique within an owner, not across owners. */
export const organisation = pgTable('organisation', {
  id: uuid('id').primaryKey(),
  kvkNumber: char('kvk_number', { length: 8 }).notNull().unique('organisation_kvk'),
  name: text('name').notNull(),
  createdAt: timestamptz('created_at').notNull().default(sql`now()`),
});

/** A contract (opdracht) of a municipal buyer of this owner, with its social-return obligation fixed at award. */
export const contract = pgTable('contract', {
  id: uuid('id').primaryKey(),
  buyerMunicipalityCode: text('buyer_municipality_code').notNull(),
  contractorId: uuid('contractor_id').notNull().references(() => organisation.id),
  title: text('title').notNull(),
  titleKey: byteOrderedText('title_key').notNull(),
  tenderReference: text('tender_reference'),
  cpvCode: text('cpv_code').notNull(),
  valueExclVat: numeric('value_excl_vat', { precision: 14, scale: 2 }).notNull(),
  periodStart: date('period_start', { mode: 'string' }).notNull(),
  periodEnd: date('period_end', { mode: 'string' }).notNull(),
  awardDate: date('award_date', { mode: 'string' }).notNull(),
  /** Fixed at award: the threshold and table version in force that day, the percentage and base. */
  thresholdAmount: numeric('threshold_amount', { precision: 14, scale: 2 }).notNull(),
  tableVersion: text('table_version').notNull(),
  obligationPercentage: numeric('obligation_percentage', { precision: 5, scale: 2 }).notNull(),
  obligationBaseType: text('obligation_base_type').notNull(),
  /** Null when the value is below the threshold: no obligation. */
  obligationAmount: numeric('obligation_amount', { precision: 14, scale: 2 }),
  createdAt: timestamptz('created_at').notNull().default(sql`now()`),
  updatedAt: timestamptz('updated_at').notNull().default(sql`now()`),
}, (t) => [
  index('contract_award_order').on(t.awardDate.desc(), t.id),
  index('contract_title_order').on(t.titleKey, t.id),
  index('contract_contractor').on(t.contractorId),
  index('contract_buyer').on(t.buyerMunicipalityCode),
]);

/**
 * How a contractor fulfils an obligation (invulling), valued when recorded. `rule` is a
 * snapshot of the building block used (its values), so a later table change never alters
 * the credit; `supplierSnapshot` is what the supplier's owner said at write time.
 */
export const realisation = pgTable('realisation', {
  id: uuid('id').primaryKey(),
  contractId: uuid('contract_id').notNull().references(() => contract.id),
  route: text('route').notNull(),
  targetGroup: text('target_group'),
  hoursPerWeek: numeric('hours_per_week', { precision: 5, scale: 2 }),
  months: integer('months'),
  hours: numeric('hours', { precision: 8, scale: 2 }),
  startDate: date('start_date', { mode: 'string' }),
  endDate: date('end_date', { mode: 'string' }),
  invoiceAmount: numeric('invoice_amount', { precision: 14, scale: 2 }),
  invoiceDate: date('invoice_date', { mode: 'string' }),
  /** Global ID of the supplier (a social enterprise of any owner). */
  supplierId: text('supplier_id'),
  supplierSnapshot: jsonb('supplier_snapshot'),
  rule: jsonb('rule').notNull(),
  creditedAmount: numeric('credited_amount', { precision: 14, scale: 2 }).notNull(),
  explanation: text('explanation').notNull(),
  /** SUBMITTED → VERIFIED or REJECTED (by WSP or municipal staff). */
  status: text('status').notNull().default('SUBMITTED'),
  rejectionReason: text('rejection_reason'),
  decidedBy: text('decided_by'),
  decidedAt: timestamptz('decided_at'),
  recordedBy: text('recorded_by').notNull(),
  recordedAt: timestamptz('recorded_at').notNull().default(sql`now()`),
  /** Set by callers that retry (e.g. another owner's outbox): the same key never makes a second row. */
  idempotencyKey: text('idempotency_key').unique('realisation_idempotency_key'),
}, (t) => [
  index('realisation_contract').on(t.contractId, t.recordedAt, t.id),
]);

/**
 * A vacancy (Brede Etalage) of an employer, owned by the region where the work is. Published
 * vacancies are public; drafts and closed ones only for the owner's staff.
 */
export const vacancy = pgTable('vacancy', {
  id: uuid('id').primaryKey(),
  employerId: uuid('employer_id').notNull().references(() => organisation.id),
  title: text('title').notNull(),
  description: text('description').notNull(),
  /** ISCO-08 unit group, 4 digits. */
  occupationCode: char('occupation_code', { length: 4 }).notNull(),
  hoursMin: integer('hours_min').notNull(),
  hoursMax: integer('hours_max').notNull(),
  municipalityCode: text('municipality_code').notNull(),
  postcode4: char('postcode4', { length: 4 }).notNull(),
  skills: text('skills').array().notNull(),
  /** Catalog target-group codes the employer welcomes. */
  targetGroups: text('target_groups').array().notNull(),
  /** Global ID of a linked contract (social return), of any owner. */
  contractId: text('contract_id'),
  /** DRAFT → PUBLISHED → FILLED or CLOSED. */
  status: text('status').notNull(),
  publishedAt: timestamptz('published_at'),
  closesOn: date('closes_on', { mode: 'string' }),
  search: tsvector('search').generatedAlwaysAs(
    (): SQL => dutchSearch(sql`${vacancy.title}`, sql`${vacancy.description}`),
  ),
  createdAt: timestamptz('created_at').notNull().default(sql`now()`),
  updatedAt: timestamptz('updated_at').notNull().default(sql`now()`),
}, (t) => [
  index('vacancy_created_order').on(t.createdAt.desc(), t.id),
  index('vacancy_status').on(t.status),
  index('vacancy_occupation').on(t.occupationCode),
  index('vacancy_search').using('gin', t.search),
]);

/**
 * A pseudonymous candidate profile of one owner. The uuid is a random pseudonym; there is
 * deliberately no column for a name, BSN, contact details, date of birth, benefit or health.
 */
export const candidateProfile = pgTable('candidate_profile', {
  id: uuid('id').primaryKey(),
  postcode4: char('postcode4', { length: 4 }).notNull(),
  ageBand: text('age_band').notNull(),
  hoursPerWeek: integer('hours_per_week').notNull(),
  availableFrom: date('available_from', { mode: 'string' }).notNull(),
  educationLevel: text('education_level').notNull(),
  /** ISCO-08 unit groups of interest. */
  occupationCodes: text('occupation_codes').array().notNull(),
  skills: text('skills').array().notNull(),
  /** Self-declared, as `<ISO 639-1>:<CEFR level>`, e.g. `nl:A2`. */
  languages: text('languages').array().notNull(),
  drivingLicence: boolean('driving_licence'),
  /** The candidate consented to showing that extra support is available via the municipality. */
  supportAvailable: boolean('support_available').notNull(),
  /** ACTIVE, PAUSED, PLACED, WITHDRAWN. */
  status: text('status').notNull(),
  createdAt: timestamptz('created_at').notNull().default(sql`now()`),
  updatedAt: timestamptz('updated_at').notNull().default(sql`now()`),
}, (t) => [
  index('candidate_created_order').on(t.createdAt.desc(), t.id),
  index('candidate_status').on(t.status),
]);

/**
 * An employer's question about a candidate, kept by the candidate's owner: REQUESTED →
 * CONTACTED → CONSENTED or REFUSED; CONSENTED → CONTACT_RELEASED (outside the hub).
 */
export const introduction = pgTable('introduction', {
  id: uuid('id').primaryKey(),
  candidateId: uuid('candidate_id').notNull().references(() => candidateProfile.id, { onDelete: 'cascade' }),
  /** Global ID of the vacancy (any owner) and what its owner said of it when asked. */
  vacancyId: text('vacancy_id').notNull(),
  vacancyTitle: text('vacancy_title').notNull(),
  employerKvk: char('employer_kvk', { length: 8 }).notNull(),
  employerName: text('employer_name').notNull(),
  status: text('status').notNull(),
  requestedBy: text('requested_by').notNull(),
  requestedAt: timestamptz('requested_at').notNull().default(sql`now()`),
  contactedAt: timestamptz('contacted_at'),
  decidedAt: timestamptz('decided_at'),
  releasedAt: timestamptz('released_at'),
}, (t) => [
  index('introduction_candidate').on(t.candidateId, t.requestedAt),
  unique('introduction_candidate_vacancy').on(t.candidateId, t.vacancyId),
]);

/**
 * A candidate started work. Owned by the candidate's owner (who placed); after erasure the
 * candidate link is null and only the count remains.
 */
export const placement = pgTable('placement', {
  id: uuid('id').primaryKey(),
  candidateId: uuid('candidate_id').references(() => candidateProfile.id, { onDelete: 'set null' }),
  vacancyId: text('vacancy_id'),
  employerKvk: char('employer_kvk', { length: 8 }).notNull(),
  employerName: text('employer_name').notNull(),
  route: text('route').notNull(),
  targetGroup: text('target_group'),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  endDate: date('end_date', { mode: 'string' }),
  hoursPerWeek: numeric('hours_per_week', { precision: 5, scale: 2 }).notNull(),
  /** Global ID of a linked contract (any owner) and of the realisation it produced there. */
  contractId: text('contract_id'),
  realisationId: text('realisation_id'),
  recordedBy: text('recorded_by').notNull(),
  recordedAt: timestamptz('recorded_at').notNull().default(sql`now()`),
}, (t) => [
  index('placement_candidate').on(t.candidateId),
  index('placement_start').on(t.startDate),
]);

/**
 * Writes to other owners (DESIGN.md §2, mechanism 3): a row in the writer's own transaction,
 * delivered through the gateway with its idempotency key and retried until acknowledged.
 */
export const outbox = pgTable('outbox', {
  id: uuid('id').primaryKey(),
  kind: text('kind').notNull(),
  idempotencyKey: text('idempotency_key').notNull().unique('outbox_idempotency_key'),
  payload: jsonb('payload').notNull(),
  /** PENDING → DELIVERED, or FAILED when the receiver refused it for good. */
  status: text('status').notNull().default('PENDING'),
  attempts: integer('attempts').notNull().default(0),
  /** Also the lease of a delivery in progress: a claim moves it forward. */
  nextAttemptAt: timestamptz('next_attempt_at').notNull().default(sql`now()`),
  lastError: text('last_error'),
  result: jsonb('result'),
  createdAt: timestamptz('created_at').notNull().default(sql`now()`),
  deliveredAt: timestamptz('delivered_at'),
}, (t) => [
  index('outbox_due').on(t.status, t.nextAttemptAt),
]);

/**
 * The change feed: one row per create, update or delete (tombstone) of public marketplace
 * data, written in the change's own transaction. Ordered by (txid, position): positions are
 * taken before commit, so the feed serves only rows of transactions older than every running
 * one (`pg_snapshot_xmin`), and no later commit can land before what was served.
 */
export const changeLog = pgTable('change_log', {
  position: bigint('position', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  txid: xid8('txid').notNull().default(sql`pg_current_xact_id()`),
  entityType: text('entity_type').notNull(),
  entityId: uuid('entity_id').notNull(),
  version: integer('version').notNull(),
  /** CREATED, UPDATED or DELETED. */
  kind: text('kind').notNull(),
  /** `<system>:<external id>` of the record when the change was made: links a move between owners. */
  externalKeys: text('external_keys').array().notNull(),
  at: timestamptz('at').notNull().default(sql`now()`),
}, (t) => [
  index('change_log_order').on(t.txid, t.position),
  index('change_log_entity').on(t.entityType, t.entityId),
  index('change_log_external_keys').using('gin', t.externalKeys),
]);

/** How far the feed has been compacted: cursors before this position are expired. */
export const changeLogHorizon = pgTable('change_log_horizon', {
  id: integer('id').primaryKey(),
  txid: xid8('txid').notNull(),
  position: bigint('position', { mode: 'number' }).notNull(),
  prunedAt: timestamptz('pruned_at').notNull(),
});
