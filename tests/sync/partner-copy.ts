import type { Db } from '../../lib/db/connect.ts';
import { offering, socialEnterprise } from '../../drizzle/region/schema.ts';
import type { Change, Sink } from '../../sync/pull.ts';

/**
 * A partner's copy of the marketplace kept in memory, as the reference client would keep it:
 * latest version wins, deletes leave a tombstone. Remembers each page's cursor with a copy of
 * the state at that point, so a test can resume from any of them.
 */
export interface Entry { version: number; deleted: boolean; name?: string }

export function memorySink(state = new Map<string, Entry>(), cursor: string | null = null) {
  const checkpoints: { cursor: string; state: Map<string, Entry> }[] = [];
  const sink: Sink = {
    async savedCursor() { return cursor; },
    async write(changes: readonly Change[], next: string) {
      for (const c of changes) apply(state, c);
      cursor = next;
      checkpoints.push({ cursor: next, state: new Map(state) });
    },
    async close() {},
  };
  return { sink, state, checkpoints };
}

function apply(state: Map<string, Entry>, c: Change): void {
  const known = state.get(c.id);
  if (known && known.version > c.version) return;
  if (c.kind === 'DELETED') { state.set(c.id, { version: c.version, deleted: true }); return; }
  const data = c.socialEnterprise ?? c.offering;
  // Deleted since this change: its tombstone follows.
  if (!data) return;
  state.set(c.id, { version: c.version, deleted: false, name: data.name as string });
}

/** The live records of a copy: global ID → "version name". */
export function live(state: Map<string, Entry>, owner?: string): Record<string, string> {
  return Object.fromEntries([...state].filter(([id, e]) => !e.deleted && (!owner || id.startsWith(`${owner}:`)))
    .map(([id, e]) => [id, `${e.version} ${e.name}`]).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** What an owner's database holds, read directly, in the same shape. */
export async function ownerRecords(owner: string, db: Db): Promise<Record<string, string>> {
  const enterprises = await db.select({ id: socialEnterprise.id, name: socialEnterprise.name, version: socialEnterprise.version }).from(socialEnterprise);
  const offerings = await db.select({ id: offering.id, name: offering.name, version: offering.version }).from(offering);
  return Object.fromEntries([
    ...enterprises.map((r) => [`${owner}:SocialEnterprise:${r.id}`, `${r.version} ${r.name}`]),
    ...offerings.map((r) => [`${owner}:Offering:${r.id}`, `${r.version} ${r.name}`]),
  ].sort(([a], [b]) => (a < b ? -1 : 1)));
}
