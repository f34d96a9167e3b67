import { describe, expect, it } from 'vitest';
import { obligationStatus, periodElapsed } from '../../subgraphs/region/domain/monitoring.ts';

/**
 * The status rules written in the schema (SroiObligation), at their boundaries. A contract
 * period of 2025-01-01 to 2025-12-31 (365 days), an obligation of 10000.00.
 */
const period = { amount: '10000.00', periodStart: '2025-01-01', periodEnd: '2025-12-31' };
const at = (verified: string, on: string) => obligationStatus({ ...period, verifiedCents: BigInt(Math.round(Number(verified) * 100)) }, on);

describe('obligation status', () => {
  it.each([
    ['0.00', '2024-12-31', 'NOT_STARTED'],
    ['10000.00', '2024-12-31', 'FULFILLED'],
    ['0.00', '2025-01-01', 'ON_TRACK'],
    // 37 of 365 days elapsed = 0.1014: nothing verified is more than 0.10 behind.
    ['0.00', '2025-02-05', 'ON_TRACK'],
    ['0.00', '2025-02-06', 'AT_RISK'],
    // 182/365 = 0.49863 elapsed: 3987 verified is 0.09993 behind (on track), 3986 is 0.10003 behind.
    ['3987.00', '2025-07-01', 'ON_TRACK'],
    ['3986.00', '2025-07-01', 'AT_RISK'],
    ['9999.99', '2025-12-31', 'ON_TRACK'],
    ['9999.99', '2026-01-01', 'OVERDUE'],
    ['10000.00', '2026-01-01', 'FULFILLED'],
    ['12000.00', '2025-06-01', 'FULFILLED'],
  ])('verified %s on %s is %s', (verified, on, status) => {
    expect(at(verified, on)).toBe(status);
  });

  it('counts the elapsed share in days, inclusive, to 4 decimals', () => {
    expect(['2024-12-31', '2025-01-01', '2025-07-02', '2025-12-31', '2026-03-01'].map((on) => periodElapsed(period.periodStart, period.periodEnd, on)))
      .toEqual(['0.0000', '0.0027', '0.5014', '1.0000', '1.0000']);
  });
});
