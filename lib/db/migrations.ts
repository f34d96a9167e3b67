import type { Database } from './connect.ts';

/**
 * `apply`: migrate on start (the embedded default, tests, benchmarks). `require`: production,
 * where `npm run migrate` runs first and explicitly; a service refuses to start on a database
 * that lacks a migration instead of serving against the wrong tables.
 */
export type MigrationMode = 'apply' | 'require';

export function migrationModeFromEnv(env = process.env): MigrationMode {
  if (env.MIGRATE_ON_START) return env.MIGRATE_ON_START === 'true' || env.MIGRATE_ON_START === '1' ? 'apply' : 'require';
  return env.NODE_ENV === 'production' && env.DATABASE_URL ? 'require' : 'apply';
}

export async function bringUpToDate(database: Database<Record<string, unknown>>, folder: string, mode: MigrationMode): Promise<void> {
  if (mode === 'apply') return database.migrate(folder);
  if (!(await database.isMigrated(folder))) {
    throw new Error(`the database lacks migrations from ${folder}: run \`npm run migrate\` first`);
  }
}
