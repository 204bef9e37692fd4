import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';

vi.mock('@/lib/next/auth', async () => ({ auth: (await import('@/tests/support/signed-in')).sessionOf }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => ({ value: 'en' }), set: () => {} }) }));

const { signedIn } = await import('@/tests/support/signed-in');
const { createUser } = await import('@/lib/auth/users');
const { createOrder } = await import('@/lib/orders/create-order');
const { db } = await import('@/lib/db');
const { processMutations } = await import('@/lib/reconcile/process-mutations');
const { saveSettings } = await import('@/lib/settings/store');
const { deliverStoreCallback } = await import('@/lib/store-callback/deliver');
const { verifyCallback } = await import('@/lib/store-callback/signature');
const { resetDatabase } = await import('@/tests/support/database');
const { expectSoundDatabase } = await import('@/tests/support/invariants');
const { receiveTransfers } = await import('@/tests/support/mutations');
const { listQueue } = await import('@/lib/reconcile/work-queue');
const { bulkConfirmAction, matchOrderAction, previewUndoAction, splitAction, undoAction } = await import('@/app/(dashboard)/unmatched/actions');

const SECRET = 'undo-anywhere-test-secret';

/** The store: records each signed request it receives and answers 200. */
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const store = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(200).end('{"ok":true}');
  });
});
const storeUrl = () => `http://127.0.0.1:${(store.address() as AddressInfo).port}/cocok/callback`;

beforeAll(() => new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise((resolve) => store.close(resolve).closeAllConnections()));

const users = { finance: '', viewer: '' };

beforeEach(async () => {
  await resetDatabase();
  received.length = 0;
  await saveSettings({ storeCallbackUrl: storeUrl(), storeCallbackSecret: SECRET }, 'test');
  users.finance = (await createUser({ email: 'finance@undo.test', role: 'finance', password: 'long-enough-password' })).id;
  users.viewer = (await createUser({ email: 'viewer@undo.test', role: 'viewer', password: 'long-enough-password' })).id;
  signedIn.userId = users.finance;
});

const order = async (reference: string, amount: number) => (await createOrder({ reference, amount }, 'api', 'test')).order;
const orderById = (id: string) => db().order.findUniqueOrThrow({ where: { id } });
const callbacks = (orderId: string) => db().storeCallback.findMany({ where: { orderId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
const history = (mutationId: string) =>
  db().historyEntry.findMany({
    where: { mutationId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { action: true, actor: true, reason: true, details: true },
  });

/** An order paid automatically: a transfer of exactly its payable amount, processed by the worker's code. */
async function paidAutomatically(reference: string) {
  const o = await order(reference, 150_000);
  const [mutationId] = await receiveTransfers({ amount: o.payableAmount });
  await processMutations([mutationId!]);
  expect(await orderById(o.id)).toMatchObject({ status: 'paid' });
  return { o, mutationId: mutationId! };
}

describe('undo of an automatic match', () => {
  test('previews per order, reopens the order, records the facts and the reason, and tells the store order.unpaid, signed', async () => {
    const { o, mutationId } = await paidAutomatically('INV-AUTO-1');
    const [paidCallback] = await callbacks(o.id);
    expect(await deliverStoreCallback(paidCallback!.id)).toBe('delivered');

    const preview = await previewUndoAction({ mutationId });
    const effect = {
      reference: 'INV-AUTO-1',
      statusBefore: 'paid',
      statusAfter: 'pending',
      paidBefore: String(o.payableAmount),
      paidAfter: '0',
      storeTold: true,
      acceptedDifference: null,
    };
    expect(preview).toEqual({ ok: true, data: { kind: 'payments', effects: [effect] } });

    expect(await undoAction({ mutationId, reason: 'wrong order: the customer paid INV-AUTO-2' })).toEqual({ ok: true, data: { changed: true } });
    expect(await orderById(o.id)).toMatchObject({ status: 'pending', paidAmount: 0n, paidAt: null });
    expect(await db().mutation.findUniqueOrThrow({ where: { id: mutationId } })).toMatchObject({ matchState: 'unmatched' });
    expect((await history(mutationId)).at(-1)).toEqual({
      action: 'undone',
      actor: 'finance@undo.test',
      reason: 'wrong order: the customer paid INV-AUTO-2',
      details: { amount: String(o.payableAmount), ...effect },
    });

    const unpaid = (await callbacks(o.id)).at(-1)!;
    expect(unpaid.event).toBe('order.unpaid');
    expect(await deliverStoreCallback(unpaid.id)).toBe('delivered');
    const request = received.at(-1)!;
    expect(request.headers['x-cocok-event']).toBe('order.unpaid');
    expect(verifyCallback(request.body, request.headers['x-cocok-signature'] as string, SECRET, Math.floor(Date.now() / 1000))).toBe(true);
    expect(JSON.parse(request.body)).toMatchObject({
      event: 'order.unpaid',
      order: { reference: 'INV-AUTO-1', status: 'pending', paid_amount: 0, paid_at: null },
      payments: [],
    });
    await expectSoundDatabase();

    // The transfer waits again and can be matched again; undone once more, the store is told again.
    expect(await matchOrderAction({ mutationId, orderId: o.id })).toEqual({ ok: true, data: { changed: true, confirming: false } });
    expect(await undoAction({ mutationId, reason: 'still the wrong order' })).toMatchObject({ ok: true });
    expect((await callbacks(o.id)).map((c) => c.event)).toEqual(['order.paid', 'order.unpaid', 'order.paid', 'order.unpaid']);
    await expectSoundDatabase();
  });

  test('a store that was never told of the order is not told it is unpaid', async () => {
    await saveSettings({ storeCallbackUrl: '' }, 'test');
    const { o, mutationId } = await paidAutomatically('INV-AUTO-QUIET');
    await saveSettings({ storeCallbackUrl: storeUrl() }, 'test');
    expect(await previewUndoAction({ mutationId })).toMatchObject({ ok: true, data: { effects: [{ storeTold: false }] } });
    expect(await undoAction({ mutationId, reason: 'test transfer' })).toMatchObject({ ok: true });
    expect(await callbacks(o.id)).toEqual([]);
    await expectSoundDatabase();
  });

  test('a viewer can neither preview nor undo', async () => {
    const { o, mutationId } = await paidAutomatically('INV-AUTO-VIEW');
    signedIn.userId = users.viewer;
    expect(await previewUndoAction({ mutationId })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await undoAction({ mutationId, reason: 'no' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await orderById(o.id)).toMatchObject({ status: 'paid' });
  });
});

describe('a confirmation that departs from the exact rule', () => {
  test('is refused without the acknowledgement, needs a reason with it, and records both', async () => {
    const o = await order('INV-SHORT-1', 200_000);
    const [mutationId] = await receiveTransfers({ amount: 200_000, description: 'TRSF E-BANKING CR INV-SHORT-1' });
    await processMutations([mutationId!]);

    expect(await matchOrderAction({ mutationId: mutationId!, orderId: o.id })).toEqual({
      ok: false,
      code: 'conflict',
      message: expect.stringContaining('does not fit order INV-SHORT-1 exactly'),
    });
    expect(await matchOrderAction({ mutationId: mutationId!, orderId: o.id, acknowledged: true })).toEqual({
      ok: false,
      code: 'invalid',
      message: expect.stringContaining('Say why'),
    });
    expect(await orderById(o.id)).toMatchObject({ status: 'pending', paidAmount: 0n });
    expect(await db().payment.count()).toBe(0);

    expect(
      await matchOrderAction({ mutationId: mutationId!, orderId: o.id, acknowledged: true, reason: 'customer left out the code' }),
    ).toMatchObject({
      ok: true,
    });
    expect(await orderById(o.id)).toMatchObject({ status: 'underpaid', paidAmount: 200_000n });
    expect((await history(mutationId!)).at(-1)).toMatchObject({
      action: 'confirmed',
      reason: 'customer left out the code',
      details: { amount: '200000', payable: String(o.payableAmount), departures: ['less'] },
    });
    await expectSoundDatabase();
  });

  test('an expired order asks too, even at its exact amount', async () => {
    const o = await order('INV-LATE-1', 150_000);
    await db().order.update({ where: { id: o.id }, data: { status: 'expired', expiresAt: new Date(Date.now() - 86_400_000), closedAt: new Date() } });
    const [mutationId] = await receiveTransfers({ amount: o.payableAmount });
    expect(await matchOrderAction({ mutationId: mutationId!, orderId: o.id })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await matchOrderAction({ mutationId: mutationId!, orderId: o.id, acknowledged: true, reason: 'paid a day late' })).toMatchObject({
      ok: true,
    });
    expect(await orderById(o.id)).toMatchObject({ status: 'paid' });
    await expectSoundDatabase();
  });

  test('the exact amount on an open order confirms in one call, with no reason', async () => {
    const o = await order('INV-EXACT-1', 150_000);
    const [mutationId] = await receiveTransfers({ amount: o.payableAmount });
    expect(await matchOrderAction({ mutationId: mutationId!, orderId: o.id })).toMatchObject({ ok: true });
    expect((await history(mutationId!)).at(-1)).toMatchObject({ action: 'matched_by_hand', reason: null });
  });
});

describe('reasons', () => {
  test('bulk confirmation of suggestions that do not fit exactly needs its one reason, kept for each', async () => {
    const o = await order('INV-BULK-1', 120_000);
    const [mutationId] = await receiveTransfers({ amount: 100_000, description: 'TRSF CR INV-BULK-1 kurang' });
    await processMutations([mutationId!]);
    expect(await bulkConfirmAction({ mutationIds: [mutationId!] })).toEqual({
      ok: true,
      data: { confirmed: [], failed: [{ mutationId, message: 'Say why this transfer pays order INV-BULK-1 although it does not fit exactly.' }] },
    });
    expect(await bulkConfirmAction({ mutationIds: [mutationId!], reason: 'paid in instalments' })).toMatchObject({
      ok: true,
      data: { confirmed: [mutationId] },
    });
    expect(await orderById(o.id)).toMatchObject({ status: 'underpaid', paidAmount: 100_000n });
    expect((await history(mutationId!)).at(-1)).toMatchObject({
      action: 'confirmed',
      reason: 'paid in instalments',
      details: { departures: ['less'] },
    });
    await expectSoundDatabase();
  });

  test('a split needs one and history keeps it, as it keeps the undo reason', async () => {
    const a = await order('INV-SPLIT-A', 100_000);
    const b = await order('INV-SPLIT-B', 50_000);
    const [mutationId] = await receiveTransfers({ amount: 150_000 });
    const parts = [
      { orderId: a.id, amount: '100.000' },
      { orderId: b.id, amount: '50000' },
    ];
    expect(await splitAction({ mutationId: mutationId!, parts })).toMatchObject({
      ok: false,
      code: 'invalid',
      message: 'Say why this transfer is split.',
    });
    expect(await splitAction({ mutationId: mutationId!, parts, reason: 'one transfer for two orders' })).toMatchObject({ ok: true });
    expect(await undoAction({ mutationId: mutationId!, reason: 'split the wrong way' })).toMatchObject({ ok: true });
    const entries = await history(mutationId!);
    expect(entries.filter((e) => e.action === 'split').map((e) => e.reason)).toEqual(['one transfer for two orders', 'one transfer for two orders']);
    expect(entries.filter((e) => e.action === 'undone').map((e) => [e.reason, (e.details as { statusAfter: string }).statusAfter])).toEqual([
      ['split the wrong way', 'pending'],
      ['split the wrong way', 'pending'],
    ]);
    // Each order had been told it was underpaid, so each is told its money is gone.
    for (const o of [a, b]) expect((await callbacks(o.id)).map((c) => c.event)).toEqual(['order.underpaid', 'order.unpaid']);
    await expectSoundDatabase();
  });
});

describe('candidates in the queue', () => {
  test('each says how far the transfer is from it, and an expired one since when', async () => {
    const short = await order('INV-RUDI-HARTANTO', 200_000);
    const over = await order('INV-OVER-1', 196_000);
    const expiresAt = new Date(Date.now() - 2 * 86_400_000);
    await db().order.update({ where: { id: over.id }, data: { status: 'expired', expiresAt, closedAt: expiresAt } });
    // An expired order is offered when the transfer names it.
    const [mutationId] = await receiveTransfers({ amount: 200_000, description: 'TRSF E-BANKING CR INV-OVER-1' });
    await processMutations([mutationId!]);
    const item = (await listQueue()).items.find((i) => i.id === mutationId)!;
    const byReference = new Map(item.candidates.map((c) => [c.reference, c]));
    expect(byReference.get('INV-RUDI-HARTANTO')).toMatchObject({ difference: String(200_000n - short.payableAmount), status: 'pending' });
    expect(byReference.get('INV-OVER-1')).toMatchObject({
      difference: String(200_000n - over.payableAmount),
      status: 'expired',
      expiresAt: expiresAt.toISOString(),
    });
  });
});
