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
import { vacanciesByIds, type VacancyRow } from './data/vacancies.ts';
import { candidatesByIds, type CandidateRow } from './data/candidates.ts';
import { introductionsByIds, introductionsOfCandidates, type IntroductionRow } from './data/introductions.ts';
import { placementsByIds, type PlacementRow } from './data/placements.ts';
import { outboxByKeys, type OutboxRow } from './outbox.ts';

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
    vacancy: new DataLoader<string, VacancyRow | null>(async (ids) => byKey(ids, await vacanciesByIds(db, ids), (r) => r.id)),
    candidate: new DataLoader<string, CandidateRow | null>(async (ids) => byKey(ids, await candidatesByIds(db, ids), (r) => r.id)),
    introduction: new DataLoader<string, IntroductionRow | null>(async (ids) => byKey(ids, await introductionsByIds(db, ids), (r) => r.id)),
    introductionsOfCandidate: new DataLoader<string, IntroductionRow[]>(async (ids) => groupedByKey(ids, await introductionsOfCandidates(db, ids), (r) => r.candidateId)),
    placement: new DataLoader<string, PlacementRow | null>(async (ids) => byKey(ids, await placementsByIds(db, ids), (r) => r.id)),
    outboxByKey: new DataLoader<string, OutboxRow | null>(async (keys) => byKey(keys, await outboxByKeys(db, keys), (r) => r.idempotencyKey)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
