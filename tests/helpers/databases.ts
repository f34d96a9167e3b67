import postgres from 'postgres';
import type { Storage } from '../../lib/db/connect.ts';

/**
 * Storages the data tests run on: PGlite always, and the PostgreSQL server named by
 * TEST_DATABASE_URL when it is set (each call makes its own database; drop them after).
 */
export const postgresUrl = process.env.TEST_DATABASE_URL;

export interface TestDatabases {
  create(label: string): Promise<Storage>;
  dropAll(): Promise<void>;
}

export function testDatabases(kind: 'pglite' | 'postgres'): TestDatabases {
  const made: string[] = [];
  return {
    async create(label) {
      if (kind === 'pglite') return { kind: 'pglite' };
      if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
      const name = `srh_test_${process.pid}_${Date.now().toString(36)}_${label.replace(/[^a-z0-9]/gi, '_')}_${made.length}`.toLowerCase();
      const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
      try { await admin.unsafe(`create database "${name}"`); } finally { await admin.end(); }
      made.push(name);
      const url = new URL(postgresUrl);
      url.pathname = `/${name}`;
      return { kind: 'postgres', url: url.toString(), maxConnections: 5 };
    },
    async dropAll() {
      if (kind === 'pglite' || !made.length) return;
      const admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
      try {
        for (const name of made.splice(0)) await admin.unsafe(`drop database if exists "${name}" with (force)`);
      } finally { await admin.end(); }
    },
  };
}

/** The storage kinds to run data tests on in this run. */
export const storageKinds: ('pglite' | 'postgres')[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];
