import { desc, lt } from 'drizzle-orm';
import type { ApolloServerPlugin } from '@apollo/server';
import { auditLog } from '../../drizzle/region/schema.ts';
import type { Db } from '../../lib/db/connect.ts';
import { badUserInput } from '../../lib/errors.ts';
import type { Identity } from '../../lib/identity.ts';

/** The owner's audit log: every write (in the write's transaction) and every read of restricted data. */

export function auditRow(viewer: Identity, action: string, entityType: string, entityId: string | null, detail?: unknown) {
  return { actor: viewer.subject, role: viewer.roles.join(','), client: viewer.client ?? null, action, entityType, entityId, detail };
}

/** Reads of restricted fields, collected during a request and written once at its end. */
export class ReadAudit {
  private readonly seen = new Map<string, { entityType: string; entityId: string; fields: Set<string> }>();

  record(entityType: string, entityId: string, field: string): void {
    const key = `${entityType}:${entityId}`;
    const entry = this.seen.get(key) ?? { entityType, entityId, fields: new Set<string>() };
    entry.fields.add(field);
    this.seen.set(key, entry);
  }

  async flush(db: Db, viewer: Identity): Promise<void> {
    if (!this.seen.size) return;
    const rows = [...this.seen.values()].map((e) => auditRow(viewer, 'read', e.entityType, e.entityId, { fields: [...e.fields] }));
    this.seen.clear();
    await db.insert(auditLog).values(rows);
  }
}

/** Writes each request's restricted reads before the response leaves. */
export function readAuditPlugin<C extends { db: Db; viewer: Identity; readAudit: ReadAudit }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          await contextValue.readAudit.flush(contextValue.db, contextValue.viewer);
        },
      };
    },
  };
}

export type AuditRow = typeof auditLog.$inferSelect;

/** Newest first; `after` is the id of the last entry seen. */
export async function auditPage(db: Db, first: number, after: string | null | undefined): Promise<{ rows: AuditRow[]; hasNextPage: boolean }> {
  if (after != null && !/^\d{1,18}$/.test(after)) throw badUserInput('after is not a cursor of the audit log.');
  const rows = await db.select().from(auditLog)
    .where(after != null ? lt(auditLog.id, Number(after)) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(first + 1);
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first };
}
