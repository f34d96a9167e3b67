import type { Db } from '../../lib/db/connect.ts';
import type { Identity } from '../../lib/identity.ts';
import { candidatesUnchangedFor, eraseCandidate } from './data/candidates.ts';

/**
 * AVG storage limitation: a candidate profile unchanged for the owner's retention period
 * (`candidateRetentionMonths` in owner.json, default 24) is erased like an erasure request,
 * so its placements stay as counts. Runs when the service starts and then daily.
 */
export const DEFAULT_RETENTION_MONTHS = 24;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function eraseExpiredCandidates(db: Db, owner: string, months: number): Promise<number> {
  const system: Identity = { subject: 'system:retention', roles: ['service'], owners: [owner] };
  let erased = 0;
  for (const id of await candidatesUnchangedFor(db, months)) if (await eraseCandidate(db, system, owner, id)) erased++;
  return erased;
}

/** Runs the sweep now (before the service answers) and then daily; resolves to the stop function. */
export async function scheduleRetention(db: Db, owner: string, months: number): Promise<() => void> {
  await eraseExpiredCandidates(db, owner, months);
  const timer = setInterval(() => {
    eraseExpiredCandidates(db, owner, months).catch((e: unknown) => console.error(`retention sweep of ${owner} failed:`, e));
  }, DAY_MS).unref();
  return () => clearInterval(timer);
}
