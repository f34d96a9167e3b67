import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import * as schema from '../../drizzle/region/schema.ts';
import { openDatabase, type Database } from '../../lib/db/connect.ts';
import { MIGRATIONS } from '../../lib/paths.ts';
import { marketplaceStatistics } from '../../subgraphs/region/data/marketplace-statistics.ts';
import { postgresUrl, testDatabases } from '../helpers/databases.ts';

/**
 * marketplaceStatistics reads enterprises, then offerings: both from one snapshot. A writer
 * holds the offering table locked, so the statistics have read the enterprises and wait to
 * read the offerings; it then commits an enterprise with an offering. Read in two snapshots
 * the figures would count that offering without its enterprise. PostgreSQL only: PGlite has
 * one connection, so nothing can commit between the two reads there.
 */
describe.skipIf(!postgresUrl)('marketplaceStatistics under a concurrent write', () => {
  const dbs = testDatabases('postgres');
  const clients: postgres.Sql[] = [];
  let database: Database<typeof schema> | undefined;
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await database?.close();
    await dbs.dropAll();
  });

  const enterpriseWithOffering = async (sql: postgres.Sql | postgres.TransactionSql, kvk: string) => {
    const id = randomUUID();
    await sql`insert into social_enterprise (id, name, name_key, kvk_number, legal_form, municipality_code, postcode4, description,
      impact_themes, staff_total, staff_with_distance, capabilities)
      values (${id}, 'Werkplaats', 'werkplaats', ${kvk}, 'BV', 'GM0518', '2511', 'Fietsen', '{}', 10, 4, '{}')`;
    await sql`insert into offering (id, enterprise_id, name, name_key, description, kind, category_code, cpv_code, service_area, counts_for_social_return)
      values (${randomUUID()}, ${id}, 'Fietsreparatie', 'fietsreparatie', 'Reparatie', 'SERVICE', 'FACILITY', '50000000-5', '{}', true)`;
  };

  it('counts neither the enterprise nor the offering committed between its two reads', async () => {
    const storage = await dbs.create('snapshot');
    if (storage.kind !== 'postgres') throw new Error('postgres storage expected');
    database = await openDatabase(storage, schema);
    await database.migrate(MIGRATIONS.region);
    const writer = postgres(storage.url, { max: 1, onnotice: () => {} });
    const observer = postgres(storage.url, { max: 1, onnotice: () => {} });
    clients.push(writer, observer);
    await enterpriseWithOffering(writer, '90000001');
    const figures = () => marketplaceStatistics(database!.db, [], { years: null, recognisedOn: '2026-01-01' });
    const pick = (cells: Awaited<ReturnType<typeof figures>>) => cells.map((c) => [c.enterprises, c.offerings, c.staffTotal]);

    const { during } = await writer.begin(async (tx) => {
      await tx`lock table offering in access exclusive mode`;
      const pending = figures();
      // The statistics have read the enterprises once they wait for the offering table.
      for (let waiting = 0; waiting === 0;) {
        [{ waiting }] = await observer<{ waiting: number }[]>`select count(*)::int as waiting from pg_locks where not granted and relation = 'offering'::regclass`;
      }
      await enterpriseWithOffering(tx, '90000002');
      return { during: pending };
    });
    expect(pick(await during)).toEqual([[1, 1, 10]]);
    expect(pick(await figures())).toEqual([[2, 2, 20]]);
  });
});
