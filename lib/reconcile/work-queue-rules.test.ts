import { describe, expect, test } from 'vitest';
import { PAGE_SIZE } from '@/lib/pagination';
import { checkSplit, orderSearchParams, parseOrderSearch, queueParams } from '@/lib/reconcile/work-queue-rules';
import { parseSearchParams } from '@/lib/search-params';

const A = '0192f3a4-0000-7000-8000-000000000001';
const B = '0192f3a4-0000-7000-8000-000000000002';

describe('queue query parameters', () => {
  test.each([
    ['nothing', '', { cursor: undefined, limit: PAGE_SIZE, keep: [] }],
    ['a cursor and a size', 'cursor=abc&limit=2', { cursor: 'abc', limit: 2, keep: [] }],
    ['kept transfers', `keep=${A},${B}`, { cursor: undefined, limit: PAGE_SIZE, keep: [A, B] }],
    ['kept ids that are not ids are dropped', `keep=${A},1;DROP,`, { cursor: undefined, limit: PAGE_SIZE, keep: [A] }],
  ])('%s', (_label, text, expected) => {
    expect(parseSearchParams(queueParams, new URLSearchParams(text))).toEqual(expected);
  });

  test.each([
    ['a search text', 'q=inv-1', 'inv-1'],
    ['none', '', ''],
  ])('order search: %s', (_label, text, expected) => {
    expect(parseSearchParams(orderSearchParams, new URLSearchParams(text)).q).toBe(expected);
  });
});

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
    [
      'exactly the transfer',
      [
        { orderId: a, amount: 60_000n },
        { orderId: b, amount: 40_000n },
      ],
      0n,
      null,
    ],
    ['less than the transfer', [{ orderId: a, amount: 60_000n }], 40_000n, null],
    [
      'more than the transfer',
      [
        { orderId: a, amount: 60_000n },
        { orderId: b, amount: 40_001n },
      ],
      -1n,
      'too_much',
    ],
    ['an empty amount', [{ orderId: a, amount: null }], 100_000n, 'not_positive'],
    ['a zero amount', [{ orderId: a, amount: 0n }], 100_000n, 'not_positive'],
    [
      'one order twice',
      [
        { orderId: a, amount: 1n },
        { orderId: a, amount: 1n },
      ],
      99_998n,
      'duplicate',
    ],
    ['no orders', [], 100_000n, 'empty'],
  ] as const)('%s', (_label, parts, remaining, problem) => {
    const check = checkSplit(100_000n, parts);
    expect(check.remaining).toBe(remaining);
    expect(check.problem).toBe(problem);
  });
});
