/**
 * Exact money: euros as decimal strings on the wire and in Postgres (`numeric`), integer
 * cents (BigInt) in between. Every computed amount is rounded once, half-up.
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

export function toCents(amount: string): bigint {
  const m = DECIMAL.exec(amount);
  if (!m) throw new Error(`not a decimal amount: "${amount}"`);
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** numerator / denominator rounded half-up (away from zero at .5), for a positive denominator. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new Error('denominator must be positive');
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const q = (2n * n + denominator) / (2n * denominator);
  return negative ? -q : q;
}

/** A decimal with at most `places` decimals as an integer scaled by 10^places, or null. */
export function toScaled(value: string | number, places: number): bigint | null {
  const text = typeof value === 'number' ? String(value) : value;
  const m = new RegExp(`^(\\d+)(?:\\.(\\d{1,${places}}))?$`).exec(text);
  if (!m) return null;
  return BigInt(m[1]) * 10n ** BigInt(places) + BigInt((m[2] ?? '').padEnd(places, '0'));
}

export const sumCents = (amounts: readonly string[]): bigint => amounts.reduce((s, a) => s + toCents(a), 0n);
