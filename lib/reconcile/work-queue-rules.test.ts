import { describe, expect, test } from 'vitest';
import { PAGE_SIZE } from '@/lib/pagination';
import {
  checkSplit,
  isNarrowed,
  orderSearchParams,
  parseOrderSearch,
  queueFilterQuery,
  queueHrefFor,
  queueParams,
} from '@/lib/reconcile/work-queue-rules';
import { parseSearchParams } from '@/lib/search-params';

const A = '0192f3a4-0000-7000-8000-000000000001';
const B = '0192f3a4-0000-7000-8000-000000000002';

describe('queue query parameters', () => {
  const oldest = { sort: 'oldest' };
  test.each([
    ['nothing', '', { filters: oldest, cursor: undefined, limit: PAGE_SIZE, keep: [] }],
    ['a cursor and a size', 'cursor=abc&limit=2', { filters: oldest, cursor: 'abc', limit: 2, keep: [] }],
    ['kept transfers', `keep=${A},${B}`, { filters: oldest, cursor: undefined, limit: PAGE_SIZE, keep: [A, B] }],
    ['kept ids that are not ids are dropped', `keep=${A},1;DROP,`, { filters: oldest, cursor: undefined, limit: PAGE_SIZE, keep: [A] }],
    [
      'every filter',
      'state=review&account=bank-1&from=2026-11-01&to=2026-11-30&min=Rp 150.000&max=150999&q=budi&sort=amount',
      {
        filters: {
          state: 'review',
          account: 'bank-1',
          from: '2026-11-01',
          to: '2026-11-30',
          min: 150_000n,
          max: 150_999n,
          q: 'budi',
          sort: 'amount',
        },
        cursor: undefined,
        limit: PAGE_SIZE,
        keep: [],
      },
    ],
    [
      'what makes no sense is left out',
      'state=matched&sort=random&from=yesterday&min=lots',
      { filters: oldest, cursor: undefined, limit: PAGE_SIZE, keep: [] },
    ],
  ])('%s', (_label, text, expected) => {
    expect(parseSearchParams(queueParams, new URLSearchParams(text))).toEqual(expected);
  });

  test('the filters go back into the URL they came from, the default sort left out', () => {
    const text = 'state=suggested&account=bank-1&from=2026-11-01&to=2026-11-30&min=150000&max=150999&q=budi&sort=newest';
    const { filters } = parseSearchParams(queueParams, new URLSearchParams(text));
    expect(queueFilterQuery(filters).toString()).toBe(text);
    expect(queueFilterQuery({ ...filters, sort: 'oldest' }, { state: null }).toString()).toBe(
      'account=bank-1&from=2026-11-01&to=2026-11-30&min=150000&max=150999&q=budi',
    );
    expect(isNarrowed(filters)).toBe(true);
    expect(isNarrowed({ sort: 'amount', state: 'review' })).toBe(false);
  });

  test("a transfer's place in the queue: its account, bank day (in Jakarta) and amount", () => {
    const href = queueHrefFor({ id: A, amount: 150_615n, occurredAt: new Date('2026-11-30T18:30:00Z'), bankId: 'bank-1' });
    expect(href).toBe(`/unmatched?account=bank-1&from=2026-12-01&to=2026-12-01&q=150615#item-${A}`);
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
    ['a round amount said', '150rb', 150_000n, '150rb'],
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
