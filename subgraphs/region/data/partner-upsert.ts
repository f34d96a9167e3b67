import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { externalReference, offering, recognition, socialEnterprise } from '../../../drizzle/region/schema.ts';
import type { Db } from '../../../lib/db/connect.ts';
import type { Identity } from '../../../lib/identity.ts';
import {
  enterpriseColumnsOf, ItemRejected, offeringColumnsOf, partnerChanges, sortedRecognitions, storedEnterpriseFields,
  storedOfferingFields, type PartnerRecord,
} from '../domain/partner-record.ts';
import { offeringExternalKey, recordEnterpriseChanges, recordOfferingChanges, type Changed } from './changes.ts';
import { enterpriseColumns } from './enterprises.ts';
import { offeringColumns } from './offerings.ts';
import { audit, isUniqueViolation, type Tx } from './writes.ts';

/**
 * Writes one partner record in its own transaction. Concurrent upserts of the same record
 * (a partner retrying) queue on transaction-scoped advisory locks named by the record's keys,
 * so the first creates it and the others find it; a rejected item rolls back entirely.
 */

export type UpsertStatus = 'CREATED' | 'UPDATED' | 'UNCHANGED';

export interface UpsertOutcome {
  status: UpsertStatus;
  id: string;
  version: number;
  keptStaffFields: string[];
}

export interface UpsertSettings {
  system: string;
  maxOfferings: number;
  /** The owner lets partners overwrite fields its staff set. */
  overwriteStaffFields: boolean;
}

const lockKeys = (system: string, r: PartnerRecord) => [
  ...(r.externalId ? [`partner:${system}:${r.externalId}`] : []),
  ...(r.kvkNumber ? [`kvk:${r.kvkNumber}:${r.fields.establishmentNumber ?? ''}`] : []),
].sort();

export async function upsertPartnerRecord(db: Db, viewer: Identity, settings: UpsertSettings, record: PartnerRecord): Promise<UpsertOutcome> {
  try {
    return await db.transaction(async (tx) => {
      for (const key of lockKeys(settings.system, record)) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
      const id = await matchingEnterprise(tx, settings.system, record);
      return id ? updateFromPartner(tx, viewer, settings, record, id) : createFromPartner(tx, viewer, settings, record);
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new ItemRejected('CONFLICT', 'Another enterprise of this owner already has this KvK number and vestigingsnummer, or one of these offering ids.');
    }
    throw e;
  }
}

async function matchingEnterprise(tx: Tx, system: string, r: PartnerRecord): Promise<string | null> {
  const [byExternalId] = r.externalId
    ? await tx.select({ id: externalReference.enterpriseId }).from(externalReference)
      .where(and(eq(externalReference.system, system), eq(externalReference.externalId, r.externalId)))
    : [];
  const [byKvk] = r.kvkNumber
    ? await tx.select({ id: socialEnterprise.id }).from(socialEnterprise).where(and(
      eq(socialEnterprise.kvkNumber, r.kvkNumber),
      r.fields.establishmentNumber === null ? isNull(socialEnterprise.establishmentNumber) : eq(socialEnterprise.establishmentNumber, r.fields.establishmentNumber),
    ))
    : [];
  if (byExternalId && byKvk && byExternalId.id !== byKvk.id) {
    throw new ItemRejected('CONFLICT', `${system} id ${r.externalId} belongs to one enterprise and KvK ${r.kvkNumber} to another of this owner.`, 'kvkNumber');
  }
  return byExternalId?.id ?? byKvk?.id ?? null;
}

async function createFromPartner(tx: Tx, viewer: Identity, s: UpsertSettings, r: PartnerRecord): Promise<UpsertOutcome> {
  if (!r.kvkNumber) throw new ItemRejected('BAD_USER_INPUT', `No enterprise has ${s.system} id ${r.externalId}; a new one needs a kvkNumber.`, 'kvkNumber');
  if ((r.offerings?.length ?? 0) > s.maxOfferings) throw new ItemRejected('BAD_USER_INPUT', `An enterprise may list at most ${s.maxOfferings} offerings.`, 'offerings');
  const [created] = await tx.insert(socialEnterprise).values({
    id: crypto.randomUUID(), kvkNumber: r.kvkNumber, ...enterpriseColumnsOf(r.fields),
  } as typeof socialEnterprise.$inferInsert).returning(enterpriseColumns);
  if (r.recognitions.length) await tx.insert(recognition).values(r.recognitions.map((x) => ({ ...x, id: crypto.randomUUID(), enterpriseId: created.id })));
  if (r.externalId) await tx.insert(externalReference).values({ system: s.system, externalId: r.externalId, enterpriseId: created.id, syncedAt: sql`now()` });
  await recordEnterpriseChanges(tx, [{ id: created.id, version: created.version, kind: 'CREATED' }]);
  await syncOfferings(tx, s, created.id, r.offerings ?? []);
  await audit(tx, viewer, 'upsertSocialEnterprises', 'SocialEnterprise', created.id, { status: 'CREATED', system: s.system, externalId: r.externalId });
  return { status: 'CREATED', id: created.id, version: created.version, keptStaffFields: [] };
}

async function updateFromPartner(tx: Tx, viewer: Identity, s: UpsertSettings, r: PartnerRecord, id: string): Promise<UpsertOutcome> {
  const [current] = await tx.select(enterpriseColumns).from(socialEnterprise).where(eq(socialEnterprise.id, id)).for('update');
  if (r.kvkNumber && current.kvkNumber !== r.kvkNumber) {
    throw new ItemRejected('CONFLICT', `${s.system} id ${r.externalId} belongs to the enterprise with KvK ${current.kvkNumber}, not ${r.kvkNumber}.`, 'kvkNumber');
  }
  const { changes, kept } = partnerChanges(storedEnterpriseFields(current), r.fields, current.staffFields, s.overwriteStaffFields);
  const storedRecognitions = sortedRecognitions(await tx.select({
    scheme: recognition.scheme, issuedBy: recognition.issuedBy, validFrom: recognition.validFrom, validUntil: recognition.validUntil,
  }).from(recognition).where(eq(recognition.enterpriseId, id)));
  const recognitionChange = partnerChanges({ recognitions: storedRecognitions }, { recognitions: r.recognitions }, current.staffFields, s.overwriteStaffFields);
  kept.push(...recognitionChange.kept);
  const [reference] = r.externalId ? await tx.select({ id: externalReference.enterpriseId }).from(externalReference)
    .where(and(eq(externalReference.system, s.system), eq(externalReference.externalId, r.externalId))) : [];
  const addReference = Boolean(r.externalId && !reference);

  const enterpriseChanged = Object.keys(changes).length > 0 || recognitionChange.changes.recognitions !== undefined || addReference;
  let version = current.version;
  if (enterpriseChanged) {
    if (recognitionChange.changes.recognitions) {
      await tx.delete(recognition).where(eq(recognition.enterpriseId, id));
      if (r.recognitions.length) await tx.insert(recognition).values(r.recognitions.map((x) => ({ ...x, id: crypto.randomUUID(), enterpriseId: id })));
    }
    if (addReference) await tx.insert(externalReference).values({ system: s.system, externalId: r.externalId!, enterpriseId: id, syncedAt: sql`now()` });
    const [updated] = await tx.update(socialEnterprise)
      .set({ ...enterpriseColumnsOf(changes), version: sql`${socialEnterprise.version} + 1`, updatedAt: sql`now()` })
      .where(eq(socialEnterprise.id, id)).returning({ version: socialEnterprise.version });
    version = updated.version;
    await recordEnterpriseChanges(tx, [{ id, version, kind: 'UPDATED' }]);
  }
  const offeringsChanged = r.offerings ? await syncOfferings(tx, s, id, r.offerings, kept) : false;
  const status: UpsertStatus = enterpriseChanged || offeringsChanged ? 'UPDATED' : 'UNCHANGED';
  if (status === 'UPDATED') {
    await audit(tx, viewer, 'upsertSocialEnterprises', 'SocialEnterprise', id, {
      status, system: s.system, externalId: r.externalId, fields: Object.keys(changes), keptStaffFields: kept,
    });
  }
  return { status, id, version, keptStaffFields: [...new Set(kept)].sort() };
}

/**
 * Makes this system's offerings of the enterprise the listed ones: creates, updates (except
 * fields staff set) and deletes. Offerings staff made are left alone. True when anything changed.
 */
async function syncOfferings(
  tx: Tx, s: UpsertSettings, enterpriseId: string, wanted: NonNullable<PartnerRecord['offerings']>, kept: string[] = [],
): Promise<boolean> {
  const existing = await tx.select(offeringColumns).from(offering).where(eq(offering.enterpriseId, enterpriseId));
  const mine = new Map(existing.filter((o) => o.partnerSystem === s.system && o.partnerExternalId).map((o) => [o.partnerExternalId!, o]));
  const others = existing.length - mine.size;
  if (others + wanted.length > s.maxOfferings) throw new ItemRejected('BAD_USER_INPUT', `An enterprise may list at most ${s.maxOfferings} offerings.`, 'offerings');
  if (wanted.length) {
    const elsewhere = await tx.select({ externalId: offering.partnerExternalId }).from(offering).where(and(
      eq(offering.partnerSystem, s.system), inArray(offering.partnerExternalId, wanted.map((w) => w.externalId)), ne(offering.enterpriseId, enterpriseId)));
    if (elsewhere.length) throw new ItemRejected('CONFLICT', `Offering ${s.system} id ${elsewhere[0].externalId} belongs to another enterprise.`, 'offerings');
  }
  const changes: (Changed & { externalKey: string | null })[] = [];
  for (const w of wanted) {
    const current = mine.get(w.externalId);
    if (!current) {
      const [created] = await tx.insert(offering).values({
        id: crypto.randomUUID(), enterpriseId, partnerSystem: s.system, partnerExternalId: w.externalId, ...offeringColumnsOf(w.fields),
      } as typeof offering.$inferInsert).returning(offeringColumns);
      changes.push({ id: created.id, version: created.version, kind: 'CREATED', externalKey: offeringExternalKey(created) });
      continue;
    }
    const diff = partnerChanges(storedOfferingFields(current), w.fields, current.staffFields, s.overwriteStaffFields);
    kept.push(...diff.kept.map((f) => `offerings.${w.externalId}.${f}`));
    if (!Object.keys(diff.changes).length) continue;
    const [updated] = await tx.update(offering)
      .set({ ...offeringColumnsOf(diff.changes), version: sql`${offering.version} + 1`, updatedAt: sql`now()` })
      .where(eq(offering.id, current.id)).returning(offeringColumns);
    changes.push({ id: updated.id, version: updated.version, kind: 'UPDATED', externalKey: offeringExternalKey(updated) });
  }
  const listed = new Set(wanted.map((w) => w.externalId));
  const gone = [...mine.values()].filter((o) => !listed.has(o.partnerExternalId!));
  if (gone.length) {
    changes.push(...gone.map((o) => ({ id: o.id, version: o.version + 1, kind: 'DELETED' as const, externalKey: offeringExternalKey(o) })));
    await tx.delete(offering).where(inArray(offering.id, gone.map((o) => o.id)));
  }
  await recordOfferingChanges(tx, changes);
  return changes.length > 0;
}
