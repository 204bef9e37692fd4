import { describe, expect, test } from 'vitest';
import type { OrderStatus } from '@/lib/reconcile/decide';
import type { LockedOrder } from '@/lib/reconcile/store';
import { undoEffects, type UndoEffect } from '@/lib/reconcile/undo-effects';

const NOW = new Date('2026-12-03T10:00:00Z');

const order = (id: string, status: OrderStatus, paidAmount: bigint, expiresAt: Date | null = null): LockedOrder => ({
  id,
  reference: `INV-${id}`,
  amount: 150_000n,
  uniqueCode: 123,
  payableAmount: 150_123n,
  accountNumber: null,
  status,
  createdAt: new Date('2026-11-28T03:00:00Z'),
  expiresAt,
  paidAmount,
});

const effect = (id: string, partial: Partial<UndoEffect>): UndoEffect => ({
  orderId: id,
  reference: `INV-${id}`,
  statusBefore: 'paid',
  statusAfter: 'pending',
  paidBefore: 150_123n,
  paidAfter: 0n,
  storeTold: true,
  acceptedDifference: null,
  ...partial,
});

describe('undoEffects', () => {
  test.each<[string, { orderId: string; amount: bigint }[], LockedOrder[], string[], UndoEffect[]]>([
    [
      'a paid order the store heard of reopens, and the store is told',
      [{ orderId: 'A', amount: 150_123n }],
      [order('A', 'paid', 150_123n)],
      ['A'],
      [effect('A', {})],
    ],
    [
      'a store that never heard of it is not told',
      [{ orderId: 'A', amount: 150_123n }],
      [order('A', 'paid', 150_123n)],
      [],
      [effect('A', { storeTold: false })],
    ],
    [
      'an order past its time expires instead of reopening',
      [{ orderId: 'A', amount: 150_123n }],
      [order('A', 'paid', 150_123n, new Date('2026-12-01T00:00:00Z'))],
      ['A'],
      [effect('A', { statusAfter: 'expired' })],
    ],
    [
      'an order paid by two parts keeps the other part: underpaid, and the store is told',
      [{ orderId: 'A', amount: 100_000n }],
      [order('A', 'paid', 150_123n)],
      ['A'],
      [effect('A', { statusAfter: 'underpaid', paidAfter: 50_123n })],
    ],
    [
      'an overpaid order still paid in full has nothing new for the store',
      [{ orderId: 'A', amount: 10_000n }],
      [order('A', 'overpaid', 160_123n)],
      ['A'],
      [effect('A', { statusBefore: 'overpaid', statusAfter: 'paid', paidBefore: 160_123n, paidAfter: 150_123n, storeTold: false })],
    ],
    [
      'a split transfer: each order it paid',
      [
        { orderId: 'A', amount: 100_000n },
        { orderId: 'B', amount: 50_000n },
      ],
      [order('A', 'underpaid', 100_000n), order('B', 'underpaid', 50_000n)],
      ['A', 'B'],
      [effect('A', { statusBefore: 'underpaid', paidBefore: 100_000n }), effect('B', { statusBefore: 'underpaid', paidBefore: 50_000n })],
    ],
  ])('%s', (_label, payments, orders, told, expected) => {
    expect(undoEffects({ payments, orders: new Map(orders.map((o) => [o.id, o])), toldStore: new Set(told), now: NOW })).toEqual(expected);
  });

  test('a difference a person accepted for the order is taken back with its payment, and said so', () => {
    const orders = new Map([['A', order('A', 'paid', 149_477n)]]);
    expect(
      undoEffects({ payments: [{ orderId: 'A', amount: 149_477n }], orders, toldStore: new Set(['A']), accepted: new Map([['A', -646n]]), now: NOW }),
    ).toEqual([effect('A', { paidBefore: 149_477n, acceptedDifference: -646n })]);
  });
});
