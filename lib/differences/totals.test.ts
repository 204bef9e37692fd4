import { describe, expect, test } from 'vitest';
import { foldDifferenceDays } from '@/lib/differences/totals';

const days = [
  { day: '2026-11-30', category: 'bank_fee', count: 1, short: 2_500n, over: 0n },
  { day: '2026-11-03', category: 'refund_owed', count: 2, short: 0n, over: 10_000n },
  { day: '2026-11-03', category: 'bank_fee', count: 2, short: 1_000n, over: 0n },
  { day: '2026-12-01', category: 'customer_rounding', count: 2, short: 300n, over: 200n },
] as const;

describe('foldDifferenceDays', () => {
  test('by month: one row per month and category, in order, and totals per category', () => {
    expect(foldDifferenceDays(days, 'month')).toEqual({
      periods: [
        { period: '2026-11-01', category: 'bank_fee', count: 3, short: '3500', over: '0' },
        { period: '2026-11-01', category: 'refund_owed', count: 2, short: '0', over: '10000' },
        { period: '2026-12-01', category: 'customer_rounding', count: 2, short: '300', over: '200' },
      ],
      categories: [
        { category: 'bank_fee', count: 3, short: '3500', over: '0' },
        { category: 'customer_rounding', count: 2, short: '300', over: '200' },
        { category: 'refund_owed', count: 2, short: '0', over: '10000' },
      ],
    });
  });

  test('by week: a Monday starts the week the days fall in', () => {
    expect(foldDifferenceDays(days, 'week').periods.map((row) => [row.period, row.category])).toEqual([
      ['2026-11-02', 'bank_fee'],
      ['2026-11-02', 'refund_owed'],
      ['2026-11-30', 'bank_fee'],
      ['2026-11-30', 'customer_rounding'],
    ]);
  });

  test('nothing accepted: nothing to book', () => {
    expect(foldDifferenceDays([], 'day')).toEqual({ periods: [], categories: [] });
  });
});
