import { beforeEach, describe, expect, test } from 'vitest';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { cancelOrder, expireOrders } from '@/lib/orders/close-orders';
import { createOrder } from '@/lib/orders/create-order';
import { processMutations } from '@/lib/reconcile/process-mutations';
import { saveSettings } from '@/lib/settings/store';
import { resetDatabase } from '@/tests/support/database';
import { receiveTransfers } from '@/tests/support/mutations';

const DAY_MS = 24 * 60 * 60_000;

const order = async (reference: string, amount = 150_000) => (await createOrder({ reference, amount }, 'api', 'test')).order;
const orderById = (id: string) => db().order.findUniqueOrThrow({ where: { id } });
const closedDaysAgo = (id: string, days: number) =>
  db().order.update({ where: { id }, data: { closedAt: new Date(Date.now() - days * DAY_MS - 60_000) } });

async function expire(id: string): Promise<void> {
  await db().order.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
  expect(await expireOrders()).toBeGreaterThanOrEqual(1);
  expect((await orderById(id)).status).toBe('expired');
}

beforeEach(async () => {
  await resetDatabase();
  await db().setting.deleteMany();
  // Three codes only, so that new orders run out of free ones at once.
  await saveSettings({ underpaidTolerance: 0, overpaidTolerance: 0, uniqueCodeMin: 1, uniqueCodeMax: 3, closedAmountHoldDays: 7 }, 'test');
});

describe('a closed order keeps its payable amount from new orders for closedAmountHoldDays', () => {
  test('no new order takes the amount of an order expired or cancelled within the hold; after it, one may', async () => {
    const expired = await order('INV-HOLD-1');
    const cancelled = await order('INV-HOLD-2');
    await expire(expired.id);
    await cancelOrder('INV-HOLD-2', 'test', 'customer changed their mind');
    const held = new Set([expired.payableAmount, cancelled.payableAmount]);

    // Of three codes two are held: every new order takes the third, until it is open itself.
    const third = await order('INV-HOLD-3');
    expect(held.has(third.payableAmount)).toBe(false);
    await expect(order('INV-HOLD-4')).rejects.toMatchObject({ kind: 'unique_codes_exhausted' } satisfies Partial<DomainError>);
    await cancelOrder('INV-HOLD-3', 'test');
    await expect(order('INV-HOLD-4')).rejects.toMatchObject({ kind: 'unique_codes_exhausted' });

    // Six days on the hold still stands; past seven the expired order's amount is free again.
    await closedDaysAgo(expired.id, 6);
    await expect(order('INV-HOLD-4')).rejects.toMatchObject({ kind: 'unique_codes_exhausted' });
    await closedDaysAgo(expired.id, 7);
    expect((await order('INV-HOLD-4')).payableAmount).toBe(expired.payableAmount);
  });

  test('other base amounts are not held', async () => {
    const expired = await order('INV-HOLD-5', 150_000);
    await expire(expired.id);
    const other = await order('INV-HOLD-6', 150_001);
    expect(other.payableAmount).not.toBe(expired.payableAmount);
    expect([...Array(3)].map((_, i) => 150_002n + BigInt(i))).toContain(other.payableAmount);
  });

  test('a hold of 0 days lets the next order take a closed amount at once', async () => {
    await saveSettings({ closedAmountHoldDays: 0, uniqueCodeMax: 1 }, 'test');
    const expired = await order('INV-HOLD-7');
    await expire(expired.id);
    expect((await order('INV-HOLD-8')).payableAmount).toBe(expired.payableAmount);
  });
});

describe('a transfer of exactly a recently closed order’s amount', () => {
  test('goes to a person when an open order has the same amount, with both orders as candidates', async () => {
    // The open order got the amount while the hold was off (or before it existed).
    await saveSettings({ closedAmountHoldDays: 0, uniqueCodeMax: 1 }, 'test');
    const expired = await order('INV-LATE-1');
    await expire(expired.id);
    const stranger = await order('INV-LATE-2');
    expect(stranger.payableAmount).toBe(expired.payableAmount);
    await saveSettings({ closedAmountHoldDays: 7 }, 'test');

    const [id] = await receiveTransfers({ amount: expired.payableAmount });
    await processMutations([id!]);
    const late = await db().mutation.findUniqueOrThrow({ where: { id: id! } });
    expect(late.matchState).toBe('review');
    expect((late.matchCandidates as { orderId: string }[]).map((c) => c.orderId)).toEqual([stranger.id, expired.id]);
    expect(await orderById(stranger.id)).toMatchObject({ status: 'pending', paidAmount: 0n });
    expect(await db().payment.count()).toBe(0);
  });

  test('pays the open order once the closed one is past the hold', async () => {
    await saveSettings({ closedAmountHoldDays: 0, uniqueCodeMax: 1 }, 'test');
    const expired = await order('INV-LATE-3');
    await expire(expired.id);
    const next = await order('INV-LATE-4');
    await saveSettings({ closedAmountHoldDays: 7 }, 'test');
    await closedDaysAgo(expired.id, 7);

    const [id] = await receiveTransfers({ amount: next.payableAmount });
    await processMutations([id!]);
    expect(await orderById(next.id)).toMatchObject({ status: 'paid', paidAmount: next.payableAmount });
  });

  test('pays the open order when the transfer also names it', async () => {
    await saveSettings({ closedAmountHoldDays: 0, uniqueCodeMax: 1 }, 'test');
    const expired = await order('INV-LATE-5');
    await expire(expired.id);
    const next = await order('INV-LATE-6');
    await saveSettings({ closedAmountHoldDays: 7 }, 'test');

    const [id] = await receiveTransfers({ amount: next.payableAmount, description: 'TRSF E-BANKING CR INV-LATE-6' });
    await processMutations([id!]);
    expect(await orderById(next.id)).toMatchObject({ status: 'paid' });
  });
});
