import { beforeEach, describe, expect, test } from 'vitest';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { processMutations } from '@/lib/reconcile/process-mutations';
import { cancelOrder } from '@/lib/orders/close-orders';
import { createOrder } from '@/lib/orders/create-order';
import { matchTransfer } from '@/lib/reconcile/confirm-match';
import { markNotAnOrder } from '@/lib/reconcile/mark-not-an-order';
import { splitPayment } from '@/lib/reconcile/split-payment';
import { undoMatch } from '@/lib/reconcile/undo-match';
import { saveSettings } from '@/lib/settings/store';
import { resetDatabase } from '@/tests/support/database';
import { receiveTransfers } from '@/tests/support/mutations';

const order = async (reference: string, amount: number, extra: Record<string, unknown> = {}) =>
  (await createOrder({ reference, amount, ...extra }, 'api', 'test')).order;

const processAll = async (ids: string[]) => {
  await processMutations(ids);
};

const mutation = (id: string) => db().mutation.findUniqueOrThrow({ where: { id } });
const orderById = (id: string) => db().order.findUniqueOrThrow({ where: { id } });
const history = (where: { mutationId?: string; orderId?: string }) =>
  db()
    .historyEntry.findMany({ where, orderBy: { createdAt: 'asc' } })
    .then((rows) => rows.map((r) => r.action));

beforeEach(async () => {
  await resetDatabase();
  await db().setting.deleteMany();
  await saveSettings({ underpaidTolerance: 0, overpaidTolerance: 0 }, 'test');
});

describe('automatic matching of incoming credits', () => {
  test('a transfer of exactly the payable amount pays its order', async () => {
    const o = await order('INV-1001', 150_000);
    const [id] = await receiveTransfers({ amount: o.payableAmount });
    await processAll([id!]);
    const paid = await orderById(o.id);
    expect(paid).toMatchObject({ status: 'paid', paidAmount: o.payableAmount });
    expect(paid.paidAt).not.toBeNull();
    expect(await mutation(id!)).toMatchObject({ matchState: 'matched', processing: 'processed' });
    expect(await db().payment.findMany({ where: { orderId: o.id } })).toHaveLength(1);
    expect(await history({ orderId: o.id })).toEqual(['order_created', 'matched_automatically']);
  });

  test('the same transfer amount a second time does not pay a paid order again', async () => {
    const o = await order('INV-1002', 99_000);
    const ids = await receiveTransfers({ amount: o.payableAmount }, { amount: o.payableAmount });
    await processAll(ids);
    expect((await Promise.all(ids.map(mutation))).map((m) => m.matchState).sort()).toEqual(['matched', 'unmatched']);
    expect(await db().payment.count()).toBe(1);
  });

  test('a debit is never matched to an order', async () => {
    const o = await order('INV-1003', 50_000);
    const [id] = await receiveTransfers({ amount: o.payableAmount, type: 'DB' });
    await processAll([id!]);
    expect((await mutation(id!)).matchState).toBe('debit');
    expect((await orderById(o.id)).status).toBe('pending');
  });

  test('a transfer for a cancelled or expired order is left unmatched', async () => {
    const cancelled = await order('INV-1004', 70_000);
    await cancelOrder('INV-1004', 'test');
    const expired = await order('INV-1005', 80_000, { expires_in_minutes: 1 });
    await db().order.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const ids = await receiveTransfers({ amount: cancelled.payableAmount }, { amount: expired.payableAmount });
    await processAll(ids);
    expect((await Promise.all(ids.map(mutation))).map((m) => m.matchState)).toEqual(['unmatched', 'unmatched']);
  });

  test('a virtual account payment names its order and pays it at the base amount, even before the order exists', async () => {
    const [id] = await receiveTransfers({ amount: 499_000, paymentOrderId: 'INV-2026-000318', accountNumber: '8808123456789012' });
    await processAll([id!]);
    expect((await mutation(id!)).matchState).toBe('unmatched');
    const o = await order('INV-2026-000318', 499_000);
    expect(o).toMatchObject({ status: 'paid', paidAmount: 499_000n });
    expect((await mutation(id!)).matchState).toBe('matched');
  });

  test('the order reference in the description with another amount is only a suggestion', async () => {
    const o = await order('INV-1006', 120_000);
    const [id] = await receiveTransfers({ amount: 100_000, description: 'TRSF CR pembayaran inv-1006 sebagian' });
    await processAll([id!]);
    const m = await mutation(id!);
    expect(m.matchState).toBe('suggested');
    expect(m.matchCandidates).toEqual([{ orderId: o.id, reasons: expect.arrayContaining(['reference-in-text']) }]);
    expect((await orderById(o.id)).status).toBe('pending');
  });

  test('two orders within tolerance of one transfer go to review, never a guess', async () => {
    await saveSettings({ underpaidTolerance: 1500 }, 'test');
    const a = await order('INV-1007', 150_000);
    const b = await order('INV-1008', 150_200);
    const [id] = await receiveTransfers({ amount: 150_000 });
    await processAll([id!]);
    const m = await mutation(id!);
    expect(m.matchState).toBe('review');
    expect((m.matchCandidates as { orderId: string }[]).map((c) => c.orderId).sort()).toEqual([a.id, b.id].sort());
  });

  test('a transfer short by no more than the tolerance pays the order as underpaid', async () => {
    await saveSettings({ underpaidTolerance: 2000 }, 'test');
    const o = await order('INV-1009', 200_000);
    const [id] = await receiveTransfers({ amount: o.payableAmount - 2000n });
    await processAll([id!]);
    expect(await orderById(o.id)).toMatchObject({ status: 'underpaid', paidAmount: o.payableAmount - 2000n });
  });

  test('an order bound to an account is not paid by a transfer into another account', async () => {
    const o = await order('INV-1010', 60_000, { account_number: '1400098765' });
    const [id] = await receiveTransfers({ amount: o.payableAmount, accountNumber: '8730112233' });
    await processAll([id!]);
    expect((await mutation(id!)).matchState).toBe('unmatched');
  });
});

describe('processing a batch of mutations', () => {
  test('a batch is decided in id order, as if one after the other, and a second run changes nothing', async () => {
    const o = await order('INV-1201', 45_000);
    const va = await order('INV-1202', 60_000);
    const ids = await receiveTransfers(
      { amount: o.payableAmount },
      { amount: o.payableAmount },
      { amount: 60_000, paymentOrderId: 'INV-1202' },
      { amount: 10_000, type: 'DB' },
      { amount: 77_777 },
    );
    const results = await processMutations(ids);
    expect([...results.values()]).toEqual(['processed', 'processed', 'processed', 'processed', 'processed']);
    const states = await Promise.all(ids.map(mutation));
    const byId = [...states].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId.filter((m) => m.amount === o.payableAmount).map((m) => m.matchState)).toEqual(['matched', 'unmatched']);
    expect(states.slice(2).map((m) => m.matchState)).toEqual(['matched', 'debit', 'unmatched']);
    expect(await orderById(va.id)).toMatchObject({ status: 'paid', paidAmount: 60_000n });
    expect(await db().payment.count()).toBe(2);
    // One transaction for the whole batch: every entry has that transaction's time.
    const entries = await db().historyEntry.findMany({ where: { mutationId: { in: ids } }, select: { createdAt: true } });
    expect(entries).toHaveLength(4);
    expect(new Set(entries.map((e) => e.createdAt.getTime())).size).toBe(1);

    const again = await processMutations(ids);
    expect([...again.values()]).toEqual(Array(5).fill('already-processed'));
    expect(await db().payment.count()).toBe(2);
    expect(await db().historyEntry.count({ where: { action: 'matched_automatically' } })).toBe(2);
  });

  test('a batch larger than one transaction takes is processed in several, each credit once', async () => {
    const orders = await Promise.all([45_000, 46_000, 47_000, 48_000, 49_000].map((amount, i) => order(`INV-125${i}`, amount)));
    const ids = await receiveTransfers(...orders.map((o) => ({ amount: o.payableAmount })));
    const results = await processMutations(ids, { perTransaction: 2 });
    expect(ids.map((id) => results.get(id))).toEqual(Array(5).fill('processed'));
    for (const o of orders) expect(await orderById(o.id)).toMatchObject({ status: 'paid', paidAmount: o.payableAmount });
    expect(await db().payment.count()).toBe(5);
  });

  test('a mutation that cannot be processed fails alone; the rest of its batch is processed', async () => {
    const o = await order('INV-1301', 80_000);
    const ids = await receiveTransfers({ amount: o.payableAmount }, { amount: 12_345 }, { amount: 23_456 });
    const poisoned = ids[1]!;
    await db().$executeRawUnsafe(
      `CREATE FUNCTION refuse_poisoned() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.mutation_id = '${poisoned}' THEN RAISE EXCEPTION 'poisoned mutation'; END IF; RETURN NEW; END $$`,
    );
    await db().$executeRawUnsafe(`CREATE TRIGGER refuse_poisoned BEFORE INSERT ON history FOR EACH ROW EXECUTE FUNCTION refuse_poisoned()`);
    try {
      const results = await processMutations(ids);
      expect(results.get(ids[0]!)).toBe('processed');
      expect(results.get(ids[2]!)).toBe('processed');
      expect(String((results.get(poisoned) as { failed: unknown }).failed)).toMatch(/poisoned mutation/);
    } finally {
      await db().$executeRawUnsafe('DROP TRIGGER refuse_poisoned ON history');
      await db().$executeRawUnsafe('DROP FUNCTION refuse_poisoned');
    }
    expect(await orderById(o.id)).toMatchObject({ status: 'paid' });
    expect(await mutation(poisoned)).toMatchObject({ processing: 'received', matchState: 'pending' });
    expect(await mutation(ids[2]!)).toMatchObject({ processing: 'processed', matchState: 'unmatched' });
  });
});

describe('reconciliation by people', () => {
  test('confirming a suggestion pays the order, and a double click changes nothing', async () => {
    const o = await order('INV-2001', 120_000);
    const [id] = await receiveTransfers({ amount: 120_000, description: 'bayar INV-2001' });
    await processAll([id!]);
    const first = await matchTransfer({ mutationId: id!, orderId: o.id, actor: 'finance@cocok.local', suggestionOnly: true });
    const second = await matchTransfer({ mutationId: id!, orderId: o.id, actor: 'finance@cocok.local', suggestionOnly: true });
    expect([first.changed, second.changed]).toEqual([true, false]);
    expect(await orderById(o.id)).toMatchObject({ status: 'underpaid', paidAmount: 120_000n });
    expect(await history({ mutationId: id! })).toEqual(['suggested', 'confirmed']);
    const confirmed = await db().historyEntry.findFirstOrThrow({ where: { action: 'confirmed' } });
    expect(confirmed.actor).toBe('finance@cocok.local');
  });

  test('undo reopens the order, says why, and lets the transfer be matched again', async () => {
    const o = await order('INV-2002', 75_000);
    const [id] = await receiveTransfers({ amount: o.payableAmount });
    await processAll([id!]);
    await expect(undoMatch({ mutationId: id!, actor: 'finance', reason: '  ' })).rejects.toThrow(DomainError);
    await undoMatch({ mutationId: id!, actor: 'finance', reason: 'customer paid for another order' });
    expect(await orderById(o.id)).toMatchObject({ status: 'pending', paidAmount: 0n, paidAt: null });
    expect((await mutation(id!)).matchState).toBe('unmatched');
    const payment = await db().payment.findFirstOrThrow();
    expect(payment).toMatchObject({ undoneBy: 'finance', undoReason: 'customer paid for another order' });
    expect((await undoMatch({ mutationId: id!, actor: 'finance', reason: 'again' })).changed).toBe(false);
    await matchTransfer({ mutationId: id!, orderId: o.id, actor: 'finance' });
    expect((await orderById(o.id)).status).toBe('paid');
    expect(await history({ orderId: o.id })).toEqual(['order_created', 'matched_automatically', 'undone', 'matched_by_hand']);
  });

  test('one transfer split across two orders, never beyond its amount', async () => {
    const a = await order('INV-2003', 100_000);
    const b = await order('INV-2004', 50_000);
    const [id] = await receiveTransfers({ amount: a.payableAmount + b.payableAmount });
    await processAll([id!]);
    await expect(
      splitPayment({
        allocations: [
          { mutationId: id!, orderId: a.id, amount: a.payableAmount },
          { mutationId: id!, orderId: b.id, amount: b.payableAmount + 1n },
        ],
        actor: 'finance',
      }),
    ).rejects.toThrow(/more than the transfer/);
    await splitPayment({
      allocations: [
        { mutationId: id!, orderId: a.id, amount: a.payableAmount },
        { mutationId: id!, orderId: b.id, amount: b.payableAmount },
      ],
      actor: 'finance',
      reason: 'one transfer for two orders',
    });
    expect((await orderById(a.id)).status).toBe('paid');
    expect((await orderById(b.id)).status).toBe('paid');
    expect((await mutation(id!)).matchState).toBe('matched');
  });

  test('two transfers onto one order: partial payment, then paid', async () => {
    const o = await order('INV-2005', 300_000);
    const ids = await receiveTransfers({ amount: 100_000 }, { amount: o.payableAmount - 100_000n });
    await processAll(ids);
    await splitPayment({ allocations: [{ mutationId: ids[0]!, orderId: o.id, amount: 100_000n }], actor: 'finance' });
    expect(await orderById(o.id)).toMatchObject({ status: 'underpaid', paidAmount: 100_000n });
    await splitPayment({ allocations: [{ mutationId: ids[1]!, orderId: o.id, amount: o.payableAmount - 100_000n }], actor: 'finance' });
    expect(await orderById(o.id)).toMatchObject({ status: 'paid', paidAmount: o.payableAmount });
  });

  test('not an order: set aside with a note, and it cannot then pay anything', async () => {
    const o = await order('INV-2006', 10_000);
    const [id] = await receiveTransfers({ amount: 5_000_000, description: 'SETORAN TUNAI' });
    await processAll([id!]);
    await expect(markNotAnOrder({ mutationId: id!, actor: 'owner', note: '' })).rejects.toThrow(/note/);
    await markNotAnOrder({ mutationId: id!, actor: 'owner', note: 'owner top-up' });
    expect(await mutation(id!)).toMatchObject({ matchState: 'ignored', ignoredNote: 'owner top-up' });
    await expect(matchTransfer({ mutationId: id!, orderId: o.id, actor: 'finance' })).rejects.toThrow(/not an order/);
  });

  test('a paid order cannot be cancelled or paid a second time by hand', async () => {
    const o = await order('INV-2007', 45_000);
    const ids = await receiveTransfers({ amount: o.payableAmount }, { amount: 1_000 });
    await processAll(ids);
    await expect(cancelOrder('INV-2007', 'finance')).rejects.toThrow(/paid/);
    await expect(matchTransfer({ mutationId: ids[1]!, orderId: o.id, actor: 'finance' })).rejects.toThrow(/already paid/);
  });
});
