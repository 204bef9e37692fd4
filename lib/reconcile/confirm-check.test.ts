import { describe, expect, test } from 'vitest';
import { confirmDepartures, differenceOf, type ConfirmTarget, type Departure } from '@/lib/reconcile/confirm-check';

const order = (
  reference: string,
  payableAmount: bigint,
  status: ConfirmTarget['status'] = 'pending',
  expiresAt: Date | null = null,
): ConfirmTarget => ({
  orderId: reference,
  reference,
  payableAmount,
  status,
  expiresAt,
});

const EXPIRED_AT = new Date('2026-12-01T03:00:00Z');
const hartanto = order('INV-HARTANTO', 200_646n);
const hartono = order('INV-HARTONO', 200_983n);

describe('differenceOf', () => {
  test.each([
    ['exact', 150_123n, 150_123n, { kind: 'exact' }],
    ['less than the order', 200_000n, 200_646n, { kind: 'less', amount: 646n }],
    ['more than the order', 154_180n, 150_123n, { kind: 'more', amount: 4_057n }],
  ])('%s', (_label, transfer, payable, expected) => {
    expect(differenceOf(transfer, payable)).toEqual(expected);
  });
});

describe('confirmDepartures', () => {
  test.each<[string, bigint, ConfirmTarget, ConfirmTarget[], Departure[]]>([
    ['the exact, open, single candidate confirms at once', 150_123n, order('INV-1', 150_123n), [], []],
    ['an exact open order beside a near one still confirms at once', 150_123n, order('INV-1', 150_123n), [order('INV-2', 150_456n)], []],
    ['less than the order', 200_000n, hartanto, [], [{ kind: 'less', amount: 646n }]],
    ['more than the order', 154_180n, order('INV-1', 150_123n), [], [{ kind: 'more', amount: 4_057n }]],
    [
      'two similar candidates (Rudi Hartanto and Rudi Hartono)',
      200_000n,
      hartanto,
      [hartanto, hartono],
      [
        { kind: 'less', amount: 646n },
        { kind: 'similar', reference: 'INV-HARTONO', payableAmount: 200_983n },
      ],
    ],
    [
      'the other one of the two, the same way round',
      200_000n,
      hartono,
      [hartanto, hartono],
      [
        { kind: 'less', amount: 983n },
        { kind: 'similar', reference: 'INV-HARTANTO', payableAmount: 200_646n },
      ],
    ],
    ['a far candidate is not similar', 200_000n, hartanto, [order('INV-FAR', 209_000n)], [{ kind: 'less', amount: 646n }]],
    ['an expired order, exact amount', 150_123n, order('INV-1', 150_123n, 'expired', EXPIRED_AT), [], [{ kind: 'expired', since: EXPIRED_AT }]],
    ['a cancelled order', 150_123n, order('INV-1', 150_123n, 'cancelled'), [], [{ kind: 'cancelled' }]],
  ])('%s', (_label, transfer, chosen, others, expected) => {
    expect(confirmDepartures(transfer, chosen, others)).toEqual(expected);
  });
});
