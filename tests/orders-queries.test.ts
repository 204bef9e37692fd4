import { beforeEach, describe, expect, test } from 'vitest';
import { db } from '@/lib/db';
import { processMutations } from '@/lib/reconcile/process-mutations';
import { createOrder } from '@/lib/orders/create-order';
import { countOrders, getOrderDetail, listOrders, orderFilterParams, type OrderFilters } from '@/lib/queries/orders';
import { parseSearchParams } from '@/lib/search-params';
import { undoMatch } from '@/lib/reconcile/undo-match';
import { saveSettings } from '@/lib/settings/store';
import { resetDatabase } from '@/tests/support/database';
import { receiveTransfers } from '@/tests/support/mutations';

const order = async (reference: string, amount: number, extra: Record<string, unknown> = {}) =>
  (await createOrder({ reference, amount, ...extra }, 'dashboard', 'finance@test')).order;

const createdAt = (reference: string, iso: string) =>
  db().order.update({ where: { referenceKey: reference.toUpperCase() }, data: { createdAt: new Date(iso) } });

const references = async (filters: OrderFilters) => (await listOrders(filters)).rows.map((row) => row.reference);

beforeEach(async () => {
  await resetDatabase();
  await db().setting.deleteMany();
  await saveSettings({ underpaidTolerance: 0, overpaidTolerance: 0 }, 'test');
});

describe('listOrders filters', () => {
  beforeEach(async () => {
    await order('INV-1001', 150_000, { customer_name: 'Budi Santoso' });
    await order('INV-1002', 75_000, { customer_name: 'Siti Aminah' });
    await order('ABC-7', 300_000);
    await createdAt('INV-1001', '2026-11-27T16:59:59.999Z'); // 27 Nov 23:59 Jakarta
    await createdAt('INV-1002', '2026-11-27T17:00:00.000Z'); // 28 Nov 00:00 Jakarta
    await createdAt('ABC-7', '2026-11-29T02:00:00.000Z');
    await db().order.update({ where: { referenceKey: 'ABC-7' }, data: { status: 'cancelled' } });
  });

  test.each<[string, Record<string, string>, string[]]>([
    ['no filters, newest first', {}, ['ABC-7', 'INV-1002', 'INV-1001']],
    ['by status', { status: 'cancelled' }, ['ABC-7']],
    ['an unknown status is ignored', { status: 'lost' }, ['ABC-7', 'INV-1002', 'INV-1001']],
    ['a Jakarta day starts at midnight Jakarta time', { from: '2026-11-28', to: '2026-11-28' }, ['INV-1002']],
    ['a Jakarta day ends before the next midnight', { to: '2026-11-27' }, ['INV-1001']],
    ['reference text, any case', { q: 'inv-100' }, ['INV-1002', 'INV-1001']],
    ['customer name text, any case', { q: 'siti' }, ['INV-1002']],
    ['payable amount at least', { min: '150.000' }, ['ABC-7', 'INV-1001']],
    ['payable amount at most', { max: '100000' }, ['INV-1002']],
    ['filters combine', { q: 'INV', min: '100000' }, ['INV-1001']],
    ['the amount before its unique code, said the way people say it', { q: '150rb' }, ['INV-1001']],
    ['the amount before its unique code, typed', { q: 'Rp 75.000' }, ['INV-1002']],
  ])('%s', async (_label, params, expected) => {
    const filters = parseSearchParams(orderFilterParams, params);
    expect(await references(filters)).toEqual(expected);
    expect(await countOrders(filters)).toEqual({ count: expected.length, more: false });
  });

  test('the payable amount, unique code included, in any form people type it', async () => {
    const { payableAmount } = await db().order.findUniqueOrThrow({ where: { referenceKey: 'INV-1001' } });
    const dotted = payableAmount.toString().replace(/\B(?=(\d{3})+$)/g, '.');
    for (const q of [payableAmount.toString(), dotted, `Rp ${dotted}`]) expect(await references({ q })).toEqual(['INV-1001']);
  });
});

describe('listOrders pages', () => {
  test('pages cover every order once, newest first, even when orders share a creation time', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await order(`PG-${i}`, 10_000 + i * 1000)).reference);
    const same = new Date('2026-11-28T03:00:00Z');
    await db().order.updateMany({ where: { reference: { in: made.slice(2, 6) } }, data: { createdAt: same } });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listOrders>> = await listOrders({}, cursor, 3);
      expect(page.rows.length).toBeLessThanOrEqual(3);
      seen.push(...page.rows.map((row) => row.reference));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect([...seen].sort()).toEqual([...made].sort());
    const all = (await listOrders({}, null, 50)).rows.map((row) => row.reference);
    expect(seen).toEqual(all);
  });

  test('a tampered cursor shows the first page', async () => {
    await order('INV-1', 10_000);
    expect((await listOrders({}, 'not-a-cursor')).rows).toHaveLength(1);
  });
});

describe('getOrderDetail', () => {
  test('shows payments including undone ones, the history, and store callbacks with their attempts', async () => {
    const o = await order('INV-5001', 120_000);
    const [mutationId] = await receiveTransfers({ amount: o.payableAmount });
    await processMutations([mutationId!]);
    await undoMatch({ mutationId: mutationId!, actor: 'finance@test', reason: 'wrong customer' });
    const callback = await db().storeCallback.create({ data: { orderId: o.id, event: 'order.paid', payload: { reference: 'INV-5001' } } });
    await db().callbackAttempt.create({ data: { callbackId: callback.id, url: 'https://store.test/hook', httpStatus: 500, durationMs: 42 } });

    const detail = await getOrderDetail('inv-5001');
    expect(detail).toMatchObject({ reference: 'INV-5001', status: 'pending' });
    expect(detail!.payments).toHaveLength(1);
    expect(detail!.payments[0]).toMatchObject({ undoneBy: 'finance@test', undoReason: 'wrong customer', mutation: { id: mutationId } });
    expect(detail!.history.map((entry) => entry.action)).toEqual(['order_created', 'matched_automatically', 'undone']);
    expect(detail!.history[0]!.actor).toBe('finance@test');
    expect(detail!.callbacks.some((c) => c.attempts.some((a) => a.httpStatus === 500 && a.url === 'https://store.test/hook'))).toBe(true);
  });

  test('an unknown reference is null', async () => {
    expect(await getOrderDetail('NOPE-1')).toBeNull();
  });
});
