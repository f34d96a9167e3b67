import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import type { Storage } from './storage.ts';

export type { Storage } from './storage.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db<TSchema extends Record<string, unknown> = Record<string, any>> = PgDatabase<PgQueryResultHKT, TSchema>;

export interface Database<TSchema extends Record<string, unknown>> {
  db: Db<TSchema>;
  storage: Storage['kind'];
  /** SQL statements sent since start: the "no N+1" tests read it. */
  statements(): number;
  migrate(migrationsFolder: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens a database with one code path above the driver. Both drivers keep `numeric`,
 * `date` and `timestamptz` as the text Postgres renders; the session time zone is UTC
 * so that text is the same whatever the process TZ is.
 */
export async function openDatabase<TSchema extends Record<string, unknown>>(
  storage: Storage,
  schema: TSchema,
): Promise<Database<TSchema>> {
  let count = 0;
  const logger: Logger = { logQuery: () => { count += 1; } };

  if (storage.kind === 'pglite') {
    if (storage.dataDir) mkdirSync(storage.dataDir, { recursive: true });
    const client = await PGlite.create(storage.dataDir ?? 'memory://');
    await client.exec(`SET TIME ZONE 'UTC'`);
    const db = drizzlePglite({ client, schema, logger }) as unknown as Db<TSchema>;
    return {
      db,
      storage: 'pglite',
      statements: () => count,
      migrate: (folder) => migratePglite(db as never, { migrationsFolder: folder }),
      close: () => client.close(),
    };
  }

  const client = postgres(storage.url, {
    max: storage.maxConnections ?? 10,
    connection: { TimeZone: 'UTC', application_name: 'social-return-hub' },
    onnotice: () => {},
  });
  const db = drizzlePostgres({ client, schema, logger }) as unknown as Db<TSchema>;
  return {
    db,
    storage: 'postgres',
    statements: () => count,
    migrate: (folder) => migratePostgres(db as never, { migrationsFolder: folder }),
    close: () => client.end({ timeout: 5 }),
  };
}
