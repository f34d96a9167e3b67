import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
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
  /** Whether every migration in the folder has been applied (production refuses to start otherwise). */
  isMigrated(migrationsFolder: string): Promise<boolean>;
  /** Answers a trivial query within the deadline (readiness). */
  ping(timeoutMs?: number): Promise<boolean>;
  /** This process's connections (PostgreSQL only): in use, idle, and the pool's size. */
  pool?(): Promise<{ active: number; idle: number; max: number }>;
  close(): Promise<void>;
}

let pools = 0;

/** The newest migration's timestamp in drizzle-kit's journal: drizzle records it as `created_at`. */
function lastMigrationMillis(folder: string): number {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((e) => e.when));
}

async function isMigrated(db: Db, folder: string): Promise<boolean> {
  const rows = await db.execute(sql`select coalesce(max(created_at), 0)::text as last from drizzle.__drizzle_migrations`)
    .catch(() => undefined); // no migrations table: never migrated
  if (!rows) return false;
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { last: string }[];
  return Number(list[0]?.last ?? 0) >= lastMigrationMillis(folder);
}

async function ping(db: Db, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      db.execute(sql`select 1`).then(() => true),
      new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
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
      isMigrated: (folder) => isMigrated(db, folder),
      ping: (timeoutMs = 2000) => ping(db, timeoutMs),
      close: () => client.close(),
    };
  }

  // Names this pool in pg_stat_activity, for the pool metrics.
  const applicationName = `social-return-hub:${process.pid}:${(pools += 1)}`;
  const max = storage.maxConnections ?? 10;
  // postgres.js reconnects by itself: a database that went away is used again once it is back.
  const client = postgres(storage.url, {
    max,
    connect_timeout: 5,
    idle_timeout: 60,
    connection: { TimeZone: 'UTC', application_name: applicationName },
    onnotice: () => {},
  });
  const db = drizzlePostgres({ client, schema, logger }) as unknown as Db<TSchema>;
  return {
    db,
    storage: 'postgres',
    statements: () => count,
    migrate: (folder) => migratePostgres(db as never, { migrationsFolder: folder }),
    isMigrated: (folder) => isMigrated(db, folder),
    ping: (timeoutMs = 2000) => ping(db, timeoutMs),
    async pool() {
      const rows = await client<{ active: number; idle: number }[]>`select
        count(*) filter (where state <> 'idle')::int as active, count(*) filter (where state = 'idle')::int as idle
        from pg_stat_activity where application_name = ${applicationName}`;
      return { active: rows[0].active, idle: rows[0].idle, max };
    },
    close: () => client.end({ timeout: 5 }),
  };
}
