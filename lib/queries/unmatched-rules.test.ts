import { describe, expect, test } from 'vitest';
import { checkSplit, parseOrderSearch } from '@/lib/queries/unmatched-rules';

describe('order search text', () => {
  test.each([
    ['a plain amount', '150123', 150_123n, '150123'],
    ['an amount written with dots', 'Rp 150.123', 150_123n, 'Rp 150.123'],
    ['a reference', ' inv-1001 ', null, 'inv-1001'],
    ['a customer name', 'Budi  Santoso', null, 'Budi Santoso'],
    ['digits inside words', 'INV 1001', null, 'INV 1001'],
  ])('%s', (_label, text, amount, words) => {
    expect(parseOrderSearch(text)).toEqual({ amount, words });
  });
});

describe('split check', () => {
  const a = 'order-a';
  const b = 'order-b';
  test.each([
    ['exactly the transfer', [{ orderId: a, amount: 60_000n }, { orderId: b, amount: 40_000n }], 0n, null],
    ['less than the transfer', [{ orderId: a, amount: 60_000n }], 40_000n, null],
    ['more than the transfer', [{ orderId: a, amount: 60_000n }, { orderId: b, amount: 40_001n }], -1n, 'too_much'],
    ['an empty amount', [{ orderId: a, amount: null }], 100_000n, 'not_positive'],
    ['a zero amount', [{ orderId: a, amount: 0n }], 100_000n, 'not_positive'],
    ['one order twice', [{ orderId: a, amount: 1n }, { orderId: a, amount: 1n }], 99_998n, 'duplicate'],
    ['no orders', [], 100_000n, 'empty'],
  ] as const)('%s', (_label, parts, remaining, problem) => {
    const check = checkSplit(100_000n, parts);
    expect(check.remaining).toBe(remaining);
    expect(check.problem).toBe(problem);
  });
});
