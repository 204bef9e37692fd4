import { beforeEach, describe, expect, test } from 'vitest';
import { db } from '@/lib/db';
import { createOrder } from '@/lib/orders/create-order';
import { matchTransfer } from '@/lib/reconcile/confirm-match';
import { processMutations } from '@/lib/reconcile/process-mutations';
import { splitPayment } from '@/lib/reconcile/split-payment';
import { saveSettings } from '@/lib/settings/store';
import { resetDatabase } from '@/tests/support/database';
import { receiveTransfers } from '@/tests/support/mutations';
import { TEST_SECRET, webhookRequest } from '@/tests/support/webhook';

const VA_ACCOUNT = '8808123456789012';

const order = async (reference: string, amount: number) => (await createOrder({ reference, amount }, 'api', 'test')).order;
const mutation = (id: string) => db().mutation.findUniqueOrThrow({ where: { id } });
const orderById = (id: string) => db().order.findUniqueOrThrow({ where: { id } });
/** What the store has been told about an order, oldest first: event and status. */
const told = async (orderId: string) =>
  (await db().storeCallback.findMany({ where: { orderId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map((c) => [
    c.event,
    (c.payload as { event: string; order: { status: string } }).order.status,
  ]);

beforeEach(async () => {
  await resetDatabase();
  await db().setting.deleteMany();
  await saveSettings(
    { underpaidTolerance: 0, overpaidTolerance: 0, storeCallbackUrl: 'http://127.0.0.1:9/cocok', storeCallbackSecret: 'payment-events-test-secret' },
    'test',
  );
});

describe('a VA or QRIS payment naming its order', () => {
  test('Rp 1 goes to a person with the order as its candidate; nothing is paid and the store hears nothing', async () => {
    const o = await order('INV-VA-1', 150_000);
    const [id] = await receiveTransfers({ amount: 1, paymentOrderId: 'INV-VA-1', accountNumber: VA_ACCOUNT });
    await processMutations([id!]);

    expect(await mutation(id!)).toMatchObject({
      matchState: 'review',
      matchCandidates: [{ orderId: o.id, reasons: expect.arrayContaining(['order-id']) }],
    });
    expect(await orderById(o.id)).toMatchObject({ status: 'pending', paidAmount: 0n });
    expect(await db().payment.count()).toBe(0);
    expect(await told(o.id)).toEqual([]);

    // A person who accepts it anyway confirms the stored candidate; the store learns it is short.
    expect(await matchTransfer({ mutationId: id!, orderId: o.id, actor: 'finance@test' })).toMatchObject({ confirmed: true });
    expect(await orderById(o.id)).toMatchObject({ status: 'underpaid', paidAmount: 1n });
    expect(await told(o.id)).toEqual([['order.underpaid', 'underpaid']]);
  });

  test('through the webhook: a QRIS payment of Rp 1 naming the order waits for a person', async () => {
    await saveSettings({ webhookSecrets: [TEST_SECRET] }, 'test');
    const o = await order('INV-QRIS-1', 150_000);
    const { POST } = await import('@/app/api/webhook/route');
    const body = JSON.stringify([
      {
        mutation_id: 'qris-rp1',
        bank_id: 'bnk_qris',
        account_number: '9360000812345678',
        date: '2026-11-28 10:00:00',
        description: 'QRIS PAYMENT',
        amount: '1.00',
        type: 'CR',
        balance: '1.00',
        bank: { bank_type: 'qris' },
        payment_detail: { order_id: 'INV-QRIS-1' },
      },
    ]);
    expect((await POST(webhookRequest({ body }))).status).toBe(200);
    const stored = await db().mutation.findUniqueOrThrow({ where: { mootaId: 'qris-rp1' } });
    await processMutations([stored.id]);

    expect(await mutation(stored.id)).toMatchObject({
      matchState: 'review',
      matchCandidates: [{ orderId: o.id, reasons: expect.arrayContaining(['order-id']) }],
    });
    expect(await orderById(o.id)).toMatchObject({ status: 'pending', paidAmount: 0n });
    expect(await told(o.id)).toEqual([]);
  });

  test('short of the base amount by no more than the tolerance: underpaid, and the store is told order.underpaid', async () => {
    await saveSettings({ underpaidTolerance: 2_000 }, 'test');
    const o = await order('INV-VA-2', 150_000);
    const [id] = await receiveTransfers({ amount: 148_000, paymentOrderId: 'INV-VA-2', accountNumber: VA_ACCOUNT });
    await processMutations([id!]);
    expect(await orderById(o.id)).toMatchObject({ status: 'underpaid', paidAmount: 148_000n });
    expect(await told(o.id)).toEqual([['order.underpaid', 'underpaid']]);
  });

  test('the base amount pays it: order.paid', async () => {
    const o = await order('INV-VA-3', 150_000);
    const [id] = await receiveTransfers({ amount: 150_000, paymentOrderId: 'INV-VA-3', accountNumber: VA_ACCOUNT });
    await processMutations([id!]);
    expect(await orderById(o.id)).toMatchObject({ status: 'paid', paidAmount: 150_000n });
    expect(await told(o.id)).toEqual([['order.paid', 'paid']]);
  });

  test('more than the payable amount beyond the tolerance goes to a person, not to the order', async () => {
    await saveSettings({ overpaidTolerance: 1_000 }, 'test');
    const o = await order('INV-VA-4', 150_000);
    const [id] = await receiveTransfers({ amount: o.payableAmount + 1_001n, paymentOrderId: 'INV-VA-4', accountNumber: VA_ACCOUNT });
    await processMutations([id!]);
    expect((await mutation(id!)).matchState).toBe('review');
    expect(await orderById(o.id)).toMatchObject({ status: 'pending' });
  });
});

describe('the store hears when an order is not fully paid, and again when it is', () => {
  test('two transfers split onto one order: order.underpaid, then order.paid', async () => {
    const o = await order('INV-SPLIT-1', 300_000);
    const ids = await receiveTransfers({ amount: 100_000 }, { amount: o.payableAmount - 100_000n });
    await processMutations(ids);
    await splitPayment({ allocations: [{ mutationId: ids[0]!, orderId: o.id, amount: 100_000n }], actor: 'finance@test' });
    expect(await told(o.id)).toEqual([['order.underpaid', 'underpaid']]);
    await splitPayment({ allocations: [{ mutationId: ids[1]!, orderId: o.id, amount: o.payableAmount - 100_000n }], actor: 'finance@test' });
    expect(await orderById(o.id)).toMatchObject({ status: 'paid', paidAmount: o.payableAmount });
    expect(await told(o.id)).toEqual([
      ['order.underpaid', 'underpaid'],
      ['order.paid', 'paid'],
    ]);
  });

  test('a transfer matched by hand at more than the payable amount: order.paid with status overpaid', async () => {
    const o = await order('INV-HAND-1', 50_000);
    const [id] = await receiveTransfers({ amount: 60_000 });
    await processMutations([id!]);
    await matchTransfer({ mutationId: id!, orderId: o.id, actor: 'finance@test' });
    expect(await told(o.id)).toEqual([['order.paid', 'overpaid']]);
  });
});
