import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  candidateProfile, contract, externalReference, introduction, offering, organisation, placement, realisation, recognition, socialEnterprise, vacancy,
} from '../../../drizzle/region/schema.ts';
import type { Db } from '../../../lib/db/connect.ts';
import { recordAllAsCreated } from '../data/changes.ts';
import type { DemoData } from './generate.ts';
import type { SocialReturnDemo } from './social-return.ts';
import type { MatchingDemo } from './matching.ts';

/** Postgres allows at most 65,535 bind parameters in one statement. */
const MAX_PARAMETERS = 65_535;
const MAX_ROWS_PER_STATEMENT = 1_000;

/** Rows per INSERT: at most 1,000, and never more parameters than Postgres accepts. */
export function rowsPerInsert(table: PgTable): number {
  const columns = Object.keys(getTableColumns(table)).length;
  return Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns)));
}

/**
 * Bulk-inserts demo data in one transaction, parents before children (enterprises, then
 * recognitions, external references and offerings), in multi-row INSERTs, each as created in
 * the change feed, then ANALYZE.
 */
export async function loadDemoData(db: Db, data: DemoData, socialReturn?: SocialReturnDemo, matching?: MatchingDemo): Promise<void> {
  await db.transaction(async (tx) => {
    const insertAll = async <T extends PgTable>(table: T, rows: readonly T['$inferInsert'][]) => {
      const size = rowsPerInsert(table);
      for (let i = 0; i < rows.length; i += size) {
        await tx.insert(table).values(rows.slice(i, i + size) as T['$inferInsert'][]);
      }
    };
    await insertAll(socialEnterprise, data.enterprises);
    await insertAll(recognition, data.recognitions);
    await insertAll(externalReference, data.externalReferences);
    await insertAll(offering, data.offerings);
    await recordAllAsCreated(tx);
    if (socialReturn) {
      await insertAll(organisation, socialReturn.organisations);
      await insertAll(contract, socialReturn.contracts);
      await insertAll(realisation, socialReturn.realisations);
    }
    if (matching) {
      await insertAll(organisation, matching.organisations);
      await insertAll(vacancy, matching.vacancies);
      await insertAll(candidateProfile, matching.candidates);
      await insertAll(introduction, matching.introductions);
      await insertAll(placement, matching.placements);
    }
  });
  // Fresh statistics, or the planner guesses on an empty table's (bench/EXPLAIN.md: 85 ms → 1.3 ms).
  await db.execute(sql`analyze`);
}
