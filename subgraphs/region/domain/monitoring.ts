import { divideHalfUp, toCents } from '../../../lib/money.ts';

/**
 * How far an obligation is fulfilled, and its status on a date. The rules are written in the
 * schema's description of SroiObligation; this is their one implementation.
 */
export type ObligationStatus = 'NOT_STARTED' | 'ON_TRACK' | 'AT_RISK' | 'FULFILLED' | 'OVERDUE';

/** How far verified progress may lag the share of the period elapsed before AT_RISK: 0.10. */
export const AT_RISK_LAG = { numerator: 1n, denominator: 10n };

export interface Progress { verifiedCents: bigint; pendingCents: bigint; remainingCents: bigint }

export function progress(amount: string, realisations: readonly { status: string; creditedAmount: string }[]): Progress {
  let verifiedCents = 0n;
  let pendingCents = 0n;
  for (const r of realisations) {
    if (r.status === 'VERIFIED') verifiedCents += toCents(r.creditedAmount);
    else if (r.status === 'SUBMITTED') pendingCents += toCents(r.creditedAmount);
  }
  const left = toCents(amount) - verifiedCents;
  return { verifiedCents, pendingCents, remainingCents: left > 0n ? left : 0n };
}

const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

/** Days of the period elapsed on `on` (inclusive: the first day counts as one), and the period's days. */
export function elapsedDays(start: string, end: string, on: string): { elapsed: bigint; total: bigint } {
  const total = dayNumber(end) - dayNumber(start) + 1;
  const elapsed = Math.min(Math.max(dayNumber(on) - dayNumber(start) + 1, 0), total);
  return { elapsed: BigInt(elapsed), total: BigInt(total) };
}

/** The share of the period elapsed, 0 to 1, to 4 decimals (half-up). */
export function periodElapsed(start: string, end: string, on: string): string {
  const { elapsed, total } = elapsedDays(start, end, on);
  const tenThousandths = divideHalfUp(elapsed * 10_000n, total);
  return `${tenThousandths / 10_000n}.${String(tenThousandths % 10_000n).padStart(4, '0')}`;
}

export function obligationStatus(o: { amount: string; verifiedCents: bigint; periodStart: string; periodEnd: string }, on: string): ObligationStatus {
  const amount = toCents(o.amount);
  if (o.verifiedCents >= amount) return 'FULFILLED';
  if (on < o.periodStart) return 'NOT_STARTED';
  if (on > o.periodEnd) return 'OVERDUE';
  const { elapsed, total } = elapsedDays(o.periodStart, o.periodEnd, on);
  // elapsed/total − verified/amount > lag, in integers.
  const { numerator: n, denominator: d } = AT_RISK_LAG;
  return (elapsed * amount - o.verifiedCents * total) * d > n * total * amount ? 'AT_RISK' : 'ON_TRACK';
}

