import { describe, expect, test } from 'vitest';
import type { OrderStatus } from '@/lib/reconcile/decide';
import { ordersToAnnounce, type Settlement } from '@/lib/reconcile/settle-orders';
import type { LockedOrder } from '@/lib/reconcile/store';

const order = (status: OrderStatus, paidAmount: bigint): LockedOrder => ({
  id: 'A',
  reference: 'INV-A',
  amount: 150_000n,
  uniqueCode: 123,
  payableAmount: 150_123n,
  accountNumber: null,
  status,
  createdAt: new Date('2026-11-28T03:00:00Z'),
  expiresAt: null,
  paidAmount,
});

describe('ordersToAnnounce', () => {
  test.each<[string, Settlement, boolean]>([
    ['an open order paid exactly', { order: order('pending', 0n), paidAmount: 150_123n, status: 'paid' }, true],
    ['an open order paid short', { order: order('pending', 0n), paidAmount: 100_000n, status: 'underpaid' }, true],
    ['an expired order paid by a person', { order: order('expired', 0n), paidAmount: 150_123n, status: 'paid' }, true],
    ['an underpaid order paid in full by a second part', { order: order('underpaid', 100_000n), paidAmount: 150_123n, status: 'paid' }, true],
    ['an underpaid order still short after a second part', { order: order('underpaid', 50_000n), paidAmount: 100_000n, status: 'underpaid' }, true],
    ['a paid order that gets more: still paid, nothing new', { order: order('paid', 150_123n), paidAmount: 160_000n, status: 'overpaid' }, false],
    ['an undone payment: not a payment to announce', { order: order('paid', 150_123n), paidAmount: 0n, status: null }, false],
    ['an underpaid order that lost part of its money', { order: order('underpaid', 100_000n), paidAmount: 50_000n, status: null }, false],
  ])('%s → %s', (_label, settlement, announced) => {
    expect(ordersToAnnounce([settlement])).toEqual(announced ? ['A'] : []);
  });
});
