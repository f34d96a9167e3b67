import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { outbox } from '../../drizzle/region/schema.ts';
import type { Db } from '../../lib/db/connect.ts';
import { ErrorCode } from '../../lib/errors.ts';
import type { Tx } from './data/writes.ts';
import type { GatewayClient } from './gateway-client.ts';

/**
 * Writing to another owner (DESIGN.md §2, mechanism 3). The writer adds an outbox row in its
 * own transaction (`enqueue`); a delivery loop sends each row through the gateway, signed as
 * this service, with the row's idempotency key, and retries with backoff until the receiver
 * acknowledges. The receiver makes the key unique, so a retry after a lost answer never
 * writes twice. A refusal for good (bad input, forbidden, not found) ends in FAILED with the
 * reason; everything else (owner down, gateway unreachable) is tried again.
 */
export type OutboxRow = typeof outbox.$inferSelect;

export interface OutboxHandler {
  /** Sends one row; resolves with what the receiver answered (kept as `result`). */
  deliver(payload: any, idempotencyKey: string, gateway: GatewayClient): Promise<Record<string, unknown>>;
  /** Runs in the transaction that marks the row delivered (e.g. to keep the receiver's id). */
  delivered?(tx: Tx, payload: any, result: Record<string, unknown>): Promise<void>;
}

export async function enqueue(tx: Tx, kind: string, idempotencyKey: string, payload: Record<string, unknown>): Promise<void> {
  await tx.insert(outbox).values({ id: crypto.randomUUID(), kind, idempotencyKey, payload });
}

export const outboxByKeys = (db: Db, keys: readonly string[]): Promise<OutboxRow[]> =>
  db.select().from(outbox).where(inArray(outbox.idempotencyKey, [...keys]));

export interface OutboxOptions {
  /** Wait before the first retry; doubles per attempt up to `retryMaxMs`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How long a claimed row is left to one deliverer before another may take it. */
  leaseMs?: number;
  batch?: number;
}

/** Receiver errors that no retry will change. */
const FINAL = new Set<string>([ErrorCode.BAD_USER_INPUT, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND, ErrorCode.UNAUTHENTICATED, ErrorCode.CONFLICT]);

function isFinal(e: unknown): boolean {
  if (!(e instanceof GraphQLError)) return false;
  return e.extensions.code !== ErrorCode.OWNER_UNAVAILABLE && FINAL.has(String(e.extensions.upstreamCode ?? e.extensions.code));
}

export interface DeliveryRound { delivered: number; failed: number; retrying: number }

export class OutboxDelivery {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<DeliveryRound> | undefined;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly leaseMs: number;
  private readonly batch: number;

  constructor(
    private readonly db: Db,
    private readonly gateway: GatewayClient,
    private readonly handlers: Readonly<Record<string, OutboxHandler>>,
    options: OutboxOptions = {},
  ) {
    this.retryBaseMs = options.retryBaseMs ?? 1_000;
    this.retryMaxMs = options.retryMaxMs ?? 15 * 60_000;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.batch = options.batch ?? 20;
  }

  /** Delivers every row that is due now; one round at a time per process. */
  deliverDue(): Promise<DeliveryRound> {
    return (this.running ??= this.round().finally(() => { this.running = undefined; }));
  }

  /** Delivers due rows every `intervalMs` until `stop`. */
  start(intervalMs: number): void {
    const tick = () => {
      this.deliverDue()
        .catch((e: unknown) => console.error('outbox delivery round failed:', e))
        .finally(() => { if (this.timer) this.timer = setTimeout(tick, intervalMs).unref(); });
    };
    this.timer = setTimeout(tick, intervalMs).unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => {});
  }

  private async claim(): Promise<OutboxRow[]> {
    // Claiming pushes next_attempt_at forward (a lease), so other instances skip the row meanwhile.
    const due = this.db.select({ id: outbox.id }).from(outbox)
      .where(and(eq(outbox.status, 'PENDING'), lte(outbox.nextAttemptAt, sql`now()`)))
      .orderBy(asc(outbox.createdAt)).limit(this.batch).for('update', { skipLocked: true });
    return this.db.update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: sql`now() + make_interval(secs => ${this.leaseMs / 1000}::float8)` })
      .where(inArray(outbox.id, due)).returning();
  }

  private async round(): Promise<DeliveryRound> {
    const done: DeliveryRound = { delivered: 0, failed: 0, retrying: 0 };
    for (const row of await this.claim()) {
      const handler = this.handlers[row.kind];
      try {
        if (!handler) throw new GraphQLError(`no outbox handler for "${row.kind}"`, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
        const result = await handler.deliver(row.payload, row.idempotencyKey, this.gateway);
        await this.db.transaction(async (tx) => {
          await tx.update(outbox).set({ status: 'DELIVERED', result, lastError: null, deliveredAt: sql`now()` }).where(eq(outbox.id, row.id));
          await handler.delivered?.(tx, row.payload, result);
        });
        done.delivered++;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (isFinal(e)) {
          await this.db.update(outbox).set({ status: 'FAILED', lastError: message }).where(eq(outbox.id, row.id));
          done.failed++;
        } else {
          const wait = Math.min(this.retryBaseMs * 2 ** (row.attempts - 1), this.retryMaxMs);
          await this.db.update(outbox).set({ lastError: message, nextAttemptAt: sql`now() + make_interval(secs => ${wait / 1000}::float8)` }).where(eq(outbox.id, row.id));
          done.retrying++;
        }
      }
    }
    return done;
  }
}
