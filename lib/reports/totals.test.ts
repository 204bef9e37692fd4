import { describe, expect, test } from 'vitest';
import { averageRupiah, ratio, sumAmounts } from '@/lib/reports/totals';

describe('sumAmounts', () => {
  test.each([
    { label: 'nothing sums to zero', values: [], total: 0n },
    { label: 'amounts beyond the safe integer range stay exact', values: ['9007199254740993', '1'], total: 9007199254740994n },
    { label: 'ordinary rupiah', values: ['150123', '0', '99877'], total: 250000n },
  ])('$label', ({ values, total }) => {
    expect(sumAmounts(values)).toBe(total);
  });
});

describe('averageRupiah', () => {
  test.each([
    { label: 'no orders has no average', total: 0n, count: 0, average: null },
    { label: 'an exact average', total: 300_000n, count: 3, average: 100_000n },
    { label: 'half a rupiah rounds up', total: 3n, count: 2, average: 2n },
    { label: 'below half rounds down', total: 10n, count: 3, average: 3n },
    { label: 'above half rounds up', total: 20n, count: 3, average: 7n },
    { label: 'negative half rounds away from zero', total: -3n, count: 2, average: -2n },
  ])('$label', ({ total, count, average }) => {
    expect(averageRupiah(total, count)).toBe(average);
  });
});

describe('ratio', () => {
  test.each([
    { label: 'nothing to compare with', part: 0, whole: 0, value: null },
    { label: 'a share', part: 1, whole: 4, value: 0.25 },
  ])('$label', ({ part, whole, value }) => {
    expect(ratio(part, whole)).toBe(value);
  });
});
