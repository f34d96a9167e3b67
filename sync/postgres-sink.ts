import postgres from 'postgres';
import type { Change, Sink } from './pull.ts';

/**
 * Keeps the partner's copy in a Postgres table: one row per record (latest version wins, a
 * delete keeps a tombstone row), and the cursor in `<table>_cursor`, written in the same
 * transaction as the page: a resumed pull continues exactly where the last page ended.
 */
export function postgresSink(url: string, table: string): Sink {
  if (!/^[a-z_][a-z0-9_]{0,50}$/.test(table)) throw new Error(`table must be a lower-case SQL name, got "${table}"`);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const cursors = `${table}_cursor`;
  let ready: Promise<unknown> | undefined;
  const prepare = () => (ready ??= sql.begin(async (tx) => {
    await tx.unsafe(`create table if not exists "${table}" (
      id text primary key,
      owner text not null,
      type text not null,
      version integer not null,
      deleted boolean not null,
      data jsonb,
      external_ids jsonb not null,
      changed_at timestamptz not null)`);
    await tx.unsafe(`create table if not exists "${cursors}" (name text primary key, cursor text not null, saved_at timestamptz not null)`);
  }));
  return {
    async savedCursor() {
      await prepare();
      const [row] = await sql.unsafe(`select cursor from "${cursors}" where name = 'feed'`);
      return (row?.cursor as string | undefined) ?? null;
    },
    async write(changes: readonly Change[], cursor: string) {
      await prepare();
      await sql.begin(async (tx) => {
        for (const c of changes) {
          const data = c.socialEnterprise ?? c.offering;
          // An update whose record was deleted since carries no data: its tombstone follows.
          if (c.kind !== 'DELETED' && !data) continue;
          await tx.unsafe(
            `insert into "${table}" (id, owner, type, version, deleted, data, external_ids, changed_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8)
             on conflict (id) do update set owner = excluded.owner, type = excluded.type, version = excluded.version,
               deleted = excluded.deleted, data = excluded.data, external_ids = excluded.external_ids, changed_at = excluded.changed_at
             where "${table}".version <= excluded.version`,
            [c.id, c.owner, c.type, c.version, c.kind === 'DELETED', data ? tx.json(data as postgres.JSONValue) : null, tx.json((c.externalIds ?? []) as postgres.JSONValue), c.at] as never[],
          );
        }
        await tx.unsafe(
          `insert into "${cursors}" (name, cursor, saved_at) values ('feed', $1, now())
           on conflict (name) do update set cursor = excluded.cursor, saved_at = excluded.saved_at`, [cursor]);
      });
    },
    async close() {
      await sql.end();
    },
  };
}
