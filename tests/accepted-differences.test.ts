import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

vi.mock('@/lib/next/auth', async () => ({ auth: (await import('@/tests/support/signed-in')).sessionOf }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => ({ value: 'en' }), set: () => {} }) }));

const { signedIn } = await import('@/tests/support/signed-in');
const { createUser } = await import('@/lib/auth/users');
const { createOrder } = await import('@/lib/orders/create-order');
const { db } = await import('@/lib/db');
const { matchTransfer } = await import('@/lib/reconcile/confirm-match');
const { undoMatch } = await import('@/lib/reconcile/undo-match');
const { processMutations } = await import('@/lib/reconcile/process-mutations');
const { saveSettings } = await import('@/lib/settings/store');
const { differencesReport } = await import('@/lib/queries/differences');
const { resetDatabase } = await import('@/tests/support/database');
const { expectSoundDatabase } = await import('@/tests/support/invariants');
const { receiveTransfers } = await import('@/tests/support/mutations');
const { acceptDifferenceAction } = await import('@/app/(dashboard)/orders/actions');
const { jakartaDay } = await import('@/lib/time/jakarta');

/** The store: answers every callback 200 (what it was told is read from store_callbacks). */
const store = createServer((_req, res) => res.writeHead(200).end('{}'));
beforeAll(() => new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise((resolve) => store.close(resolve).closeAllConnections()));

const users = { finance: '', viewer: '' };

beforeEach(async () => {
  await resetDatabase();
  await saveSettings(
    {
      underpaidTolerance: 0,
      overpaidTolerance: 0,
      storeCallbackUrl: `http://127.0.0.1:${(store.address() as AddressInfo).port}/cb`,
      storeCallbackSecret: 'differences-secret',
    },
    'test',
  );
  users.finance = (await createUser({ email: 'finance@differences.test', role: 'finance', password: 'long-enough-password' })).id;
  users.viewer = (await createUser({ email: 'viewer@differences.test', role: 'viewer', password: 'long-enough-password' })).id;
  signedIn.userId = users.finance;
});

/** An order paid by a transfer of `paid`, matched by hand (a person saw the difference and said why). */
async function paidWith(reference: string, amount: number, paid: (payable: bigint) => bigint) {
  const { order } = await createOrder({ reference, amount }, 'api', 'test');
  const [mutationId] = await receiveTransfers({ amount: paid(order.payableAmount), description: `TRSF ${reference}` });
  await processMutations([mutationId!]);
  const settled = await db().order.findUniqueOrThrow({ where: { id: order.id } });
  if (settled.paidAmount === 0n)
    await matchTransfer({ mutationId: mutationId!, orderId: order.id, actor: 'finance@differences.test', acknowledged: true, reason: 'paid short' });
  return { order: await db().order.findUniqueOrThrow({ where: { id: order.id } }), mutationId: mutationId! };
}

const events = async (orderId: string) =>
  (await db().storeCallback.findMany({ where: { orderId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map((c) => c.event);

describe('accepting a difference', () => {
  test('an underpayment accepted as a bank fee: the order is paid, the store hears it, history and the books say why', async () => {
    const { order } = await paidWith('INV-D1', 200_000, (payable) => payable - 646n);
    expect(order.status).toBe('underpaid');
    const result = await acceptDifferenceAction({ orderId: order.id, category: 'bank_fee', reason: 'fee taken by the bank' });
    expect(result).toEqual({ ok: true, data: { reference: 'INV-D1', amount: '-646' } });

    const after = await db().order.findUniqueOrThrow({ where: { id: order.id } });
    expect(after).toMatchObject({ status: 'paid', paidAmount: order.paidAmount, paidAt: order.paidAt });
    expect(await events(order.id)).toEqual(['order.underpaid', 'order.paid']);
    const entry = await db().historyEntry.findFirstOrThrow({ where: { orderId: order.id, action: 'difference_accepted' } });
    expect(entry).toMatchObject({
      actor: 'finance@differences.test',
      reason: 'fee taken by the bank',
      details: { difference: '-646', category: 'bank_fee', before: 'underpaid' },
    });

    const today = jakartaDay(new Date());
    const report = await differencesReport({ from: today, to: today, granularity: 'month' });
    expect(report.categories).toEqual([{ category: 'bank_fee', count: 1, short: '646', over: '0' }]);
    expect(report.periods).toEqual([{ period: `${today.slice(0, 7)}-01`, category: 'bank_fee', count: 1, short: '646', over: '0' }]);
    expect(report.entries).toMatchObject([{ reference: 'INV-D1', amount: '-646', category: 'bank_fee', reason: 'fee taken by the bank' }]);
    await expectSoundDatabase();
  });

  test('an overpayment recorded as a refund owed: paid, and the store, told "paid" already, hears nothing new', async () => {
    const { order } = await paidWith('INV-D2', 200_000, (payable) => payable + 4_057n);
    expect(order.status).toBe('overpaid');
    expect(await acceptDifferenceAction({ orderId: order.id, category: 'refund_owed', reason: 'refund to the customer on Monday' })).toMatchObject({
      ok: true,
    });
    expect((await db().order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('paid');
    expect(await events(order.id)).toEqual(['order.paid']);
    await expectSoundDatabase();
  });

  test.each([
    ['without a reason', 'bank_fee', '  ', 'invalid', 'differenceNeedsReason'],
    ['a shortfall as a refund owed', 'refund_owed', 'because', 'invalid', 'differenceCategoryDoesNotFit'],
  ] as const)('refused %s, changing nothing', async (_label, category, reason, code, messageKey) => {
    const { order } = await paidWith('INV-D3', 150_000, (payable) => payable - 1_000n);
    const result = await acceptDifferenceAction({ orderId: order.id, category, reason });
    expect(result).toMatchObject({ ok: false, code });
    expect(JSON.stringify(result)).toContain(
      messageKey === 'differenceNeedsReason' ? 'Say why this difference is accepted.' : 'That category does not fit',
    );
    expect(await db().order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'underpaid' });
    expect(await db().acceptedDifference.count()).toBe(0);
  });

  test('an order paid exactly, or accepted already, has nothing to accept; a viewer may not', async () => {
    const { order: exact } = await paidWith('INV-D4', 150_000, (payable) => payable);
    expect(exact.status).toBe('paid');
    expect(await acceptDifferenceAction({ orderId: exact.id, category: 'other', reason: 'x' })).toMatchObject({ ok: false, code: 'conflict' });
    const { order: short } = await paidWith('INV-D5', 150_000, (payable) => payable - 5n);
    expect(await acceptDifferenceAction({ orderId: short.id, category: 'customer_rounding', reason: 'rounded down' })).toMatchObject({ ok: true });
    expect(await acceptDifferenceAction({ orderId: short.id, category: 'customer_rounding', reason: 'rounded down' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    signedIn.userId = users.viewer;
    const { order: other } = await paidWith('INV-D6', 150_000, (payable) => payable - 5n);
    expect(await acceptDifferenceAction({ orderId: other.id, category: 'customer_rounding', reason: 'rounded' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await db().acceptedDifference.count()).toBe(1);
  });

  test('undoing the payment takes the acceptance back: the order waits again, the books drop it, the store hears order.unpaid', async () => {
    const { order, mutationId } = await paidWith('INV-D7', 100_000, (payable) => payable - 2_500n);
    await acceptDifferenceAction({ orderId: order.id, category: 'discount', reason: 'loyal customer' });
    await undoMatch({ mutationId, actor: 'finance@differences.test', reason: 'wrong order' });
    const difference = await db().acceptedDifference.findFirstOrThrow({ where: { orderId: order.id } });
    expect(difference).toMatchObject({ undoneBy: 'finance@differences.test' });
    expect(difference.undoneAt).not.toBeNull();
    expect((await db().order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('pending');
    expect(await events(order.id)).toEqual(['order.underpaid', 'order.paid', 'order.unpaid']);
    const undone = await db().historyEntry.findFirstOrThrow({ where: { orderId: order.id, action: 'undone' } });
    expect(undone.details).toMatchObject({ acceptedDifference: '-2500', statusBefore: 'paid', statusAfter: 'pending' });
    const today = jakartaDay(new Date());
    expect((await differencesReport({ from: today, to: today, granularity: 'day' })).entries).toEqual([]);
    await expectSoundDatabase();
    // Accepted again after it is paid short again.
    await matchTransfer({ mutationId, orderId: order.id, actor: 'finance@differences.test', acknowledged: true, reason: 'right order after all' });
    expect(await acceptDifferenceAction({ orderId: order.id, category: 'discount', reason: 'loyal customer' })).toMatchObject({ ok: true });
    await expectSoundDatabase();
  });
});
