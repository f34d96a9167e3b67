import DataLoader from 'dataloader';
import type { Db } from '../../lib/db/connect.ts';
import {
  enterprisesByIds, externalReferencesOf, recognitionsOf,
  type EnterpriseRow, type ExternalReferenceRow, type RecognitionRow,
} from './data/enterprises.ts';
import { offeringsByIds, offeringsOfEnterprises, type OfferingRow } from './data/offerings.ts';
import {
  contractsByIds, realisationsByIds, realisationsOfContracts, type ContractRow, type RealisationRow,
} from './data/contracts.ts';

/** Results in key order, null for a missing key (DataLoader's contract). */
function byKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): (T | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

/** Lists in key order, empty for a key without rows. */
function groupedByKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(keyOf(r));
    if (list) list.push(r); else map.set(keyOf(r), [r]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

export function createLoaders(db: Db) {
  return {
    enterprise: new DataLoader<string, EnterpriseRow | null>(async (ids) => byKey(ids, await enterprisesByIds(db, ids), (r) => r.id)),
    offering: new DataLoader<string, OfferingRow | null>(async (ids) => byKey(ids, await offeringsByIds(db, ids), (r) => r.id)),
    recognitions: new DataLoader<string, RecognitionRow[]>(async (ids) => groupedByKey(ids, await recognitionsOf(db, ids), (r) => r.enterpriseId)),
    externalReferences: new DataLoader<string, ExternalReferenceRow[]>(async (ids) => groupedByKey(ids, await externalReferencesOf(db, ids), (r) => r.enterpriseId)),
    offeringsOfEnterprise: new DataLoader<string, OfferingRow[]>(async (ids) => groupedByKey(ids, await offeringsOfEnterprises(db, ids), (r) => r.enterpriseId)),
    contract: new DataLoader<string, ContractRow | null>(async (ids) => byKey(ids, await contractsByIds(db, ids), (r) => r.id)),
    realisation: new DataLoader<string, RealisationRow | null>(async (ids) => byKey(ids, await realisationsByIds(db, ids), (r) => r.id)),
    realisationsOfContract: new DataLoader<string, RealisationRow[]>(async (ids) => groupedByKey(ids, await realisationsOfContracts(db, ids), (r) => r.contractId)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
