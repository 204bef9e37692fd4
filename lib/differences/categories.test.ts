import { describe, expect, test } from 'vitest';
import { categoriesFor, openDifference } from '@/lib/differences/categories';

describe('categoriesFor', () => {
  test('a shortfall is a cost, never a refund owed', () => {
    expect(categoriesFor(-646n)).toEqual(['bank_fee', 'customer_rounding', 'discount', 'other']);
  });
  test('money over is owed back or kept, never a bank fee or a discount', () => {
    expect(categoriesFor(4_057n)).toEqual(['refund_owed', 'customer_rounding', 'other']);
  });
  test('no difference has no category', () => {
    expect(categoriesFor(0n)).toEqual([]);
  });
});

describe('openDifference', () => {
  test.each([
    ['underpaid', { status: 'underpaid', paidAmount: 200_000n, payableAmount: 200_646n }, -646n],
    ['overpaid', { status: 'overpaid', paidAmount: 204_057n, payableAmount: 200_000n }, 4_057n],
    ['paid within tolerance', { status: 'paid', paidAmount: 199_900n, payableAmount: 200_000n }, null],
    ['open', { status: 'pending', paidAmount: 0n, payableAmount: 200_000n }, null],
  ] as const)('%s', (_label, order, expected) => {
    expect(openDifference(order)).toBe(expected);
  });
});
