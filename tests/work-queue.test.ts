import { beforeEach, describe, expect, test } from 'vitest';
import { db } from '@/lib/db';
import { processMutations } from '@/lib/reconcile/process-mutations';
import { createOrder } from '@/lib/orders/create-order';
import { listQueue, searchOrders } from '@/lib/reconcile/work-queue';
import { confirmSuggestions, matchTransfer } from '@/lib/reconcile/confirm-match';
import { saveSettings } from '@/lib/settings/store';
import { resetDatabase } from '@/tests/support/database';
import { receiveTransfers } from '@/tests/support/mutations';

const order = async (reference: string, amount: number, extra: Record<string, unknown> = {}) =>
  (await createOrder({ reference, amount, ...extra }, 'api', 'test')).order;

const received = async (...transfers: Parameters<typeof receiveTransfers>) => {
  const ids = await receiveTransfers(...transfers);
  await processMutations(ids);
  return ids;
};

beforeEach(async () => {
  await resetDatabase();
  await db().setting.deleteMany();
  await saveSettings({ underpaidTolerance: 0, overpaidTolerance: 0 }, 'test');
});

describe('the work queue', () => {
  test('lists waiting credits oldest first, leaving out matched ones and debits', async () => {
    const o = await order('INV-7001', 150_000);
    const [first] = await received({ amount: 10_001, description: 'SETORAN TUNAI' });
    await received({ amount: o.payableAmount });
    await received({ amount: 55_000, type: 'DB' });
    const [last] = await received({ amount: 20_002, description: 'TRSF CR' });
    const page = await listQueue();
    expect(page.items.map((i) => i.id)).toEqual([first, last]);
    expect(page.items.map((i) => i.state)).toEqual(['unmatched', 'unmatched']);
    expect(page.nextCursor).toBeNull();
  });

  test('pages with a cursor without gaps or repeats', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(...(await received({ amount: 1_000 + i, description: `SETORAN ${i}` })));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listQueue({ cursor, limit: 2 });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  test('a suggestion carries its stored candidate first, with reasons', async () => {
    const o = await order('INV-7002', 120_000);
    const [id] = await received({ amount: 100_000, description: 'TRSF CR pembayaran INV-7002 kurang' });
    const [item] = (await listQueue()).items;
    expect(item).toMatchObject({ id, state: 'suggested', amount: '100000' });
    expect(item!.candidates[0]).toMatchObject({ orderId: o.id, reference: 'INV-7002', stored: true });
    expect(item!.candidates[0]!.reasons).toContain('reference-in-text');
    expect(await matchTransfer({ mutationId: id!, orderId: o.id, actor: 'test' })).toMatchObject({ changed: true, confirmed: true });
  });

  test('confirming several takes each top suggestion and says why the others could not be confirmed', async () => {
    const o = await order('INV-7010', 120_000);
    const [suggested] = await received({ amount: 100_000, description: 'TRSF CR pembayaran INV-7010 kurang' });
    const [unmatched] = await received({ amount: 7_777 });
    const result = await confirmSuggestions([suggested!, unmatched!], 'finance');
    expect(result.confirmed).toEqual([suggested]);
    expect(result.failed.map(({ mutationId, error }) => [mutationId, error.code])).toEqual([[unmatched, 'noSuggestionLeft']]);
    expect(await db().order.findUniqueOrThrow({ where: { id: o.id } })).toMatchObject({ status: 'underpaid', paidAmount: 100_000n });
  });

  test('offers open orders near the amount, nearest first, and never far or paid ones', async () => {
    const near = await order('INV-7003', 100_000);
    const nearer = await order('INV-7004', 95_000);
    await order('INV-7005', 300_000);
    const paid = await order('INV-7006', 96_000);
    await received({ amount: paid.payableAmount });
    const transfer = nearer.payableAmount + 1_000n;
    await received({ amount: transfer, description: 'TRSF CR BUDI' });
    const [item] = (await listQueue()).items;
    expect(item!.candidates.map((c) => c.reference)).toEqual(
      [nearer, near].filter((o) => o.payableAmount - transfer <= 10_000n && transfer - o.payableAmount <= 10_000n).map((o) => o.reference),
    );
    expect(item!.candidates[0]!.reasons).toContain('near-amount');
    expect(item!.candidates.every((c) => c.stored === false)).toBe(true);
  });

  test('a transfer just acted on stays in its place when kept', async () => {
    const o = await order('INV-7007', 80_000);
    const [a] = await received({ amount: 1_234, description: 'A' });
    const [b] = await received({ amount: 70_000, description: 'B' });
    const [c] = await received({ amount: 4_321, description: 'C' });
    await matchTransfer({ mutationId: b!, orderId: o.id, actor: 'test' });
    expect((await listQueue()).items.map((i) => i.id)).toEqual([a, c]);
    const kept = await listQueue({ keep: [b!] });
    expect(kept.items.map((i) => i.id)).toEqual([a, b, c]);
    expect(kept.items[1]).toMatchObject({ state: 'matched', payments: [{ orderId: o.id, reference: 'INV-7007', amount: '70000', split: false }] });
  });
});

describe('the work queue narrowed, sorted and counted', () => {
  const oldest = { sort: 'oldest' } as const;
  const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);

  test('by account, bank day, amount range, an amount as people type it, and words of the description or note', async () => {
    const [bca] = await received({ amount: 150_615, accountNumber: '111', description: 'TRSF CR BUDI SANTOSO', date: '2026-11-27 09:00:00' });
    const [bri] = await received({ amount: 150_615, accountNumber: '222', description: 'TRF DARI SITI', date: '2026-11-28 23:30:00' });
    const [noted] = await received({
      amount: 99_000,
      accountNumber: '222',
      description: 'SETORAN',
      note: 'Ongkir 100% Budi',
      date: '2026-11-29 00:30:00',
    });
    expect(ids(await listQueue({ filters: { ...oldest, account: 'bnk_222' } }))).toEqual([bri, noted]);
    expect(ids(await listQueue({ filters: { ...oldest, from: '2026-11-28', to: '2026-11-28' } }))).toEqual([bri]);
    expect(ids(await listQueue({ filters: { ...oldest, min: 100_000n, max: 150_615n } }))).toEqual([bca, bri]);
    for (const q of ['150615', '150.615', 'Rp 150.615', '150,615']) expect(ids(await listQueue({ filters: { ...oldest, q } }))).toEqual([bca, bri]);
    expect(ids(await listQueue({ filters: { ...oldest, q: 'budi' } }))).toEqual([bca, noted]);
    expect(ids(await listQueue({ filters: { ...oldest, q: '100%' } }))).toEqual([noted]);
    expect(ids(await listQueue({ filters: { ...oldest, q: '10_%' } }))).toEqual([]);
  });

  test('counts and sums per state under the filters, whichever state is shown', async () => {
    const o = await order('INV-7201', 120_000);
    await received({ amount: 100_000, description: `TRSF CR ${o.reference} kurang` });
    await received({ amount: 7_000, accountNumber: '111' }, { amount: 8_000, accountNumber: '111' }, { amount: 9_000, accountNumber: '222' });
    await received({ amount: o.payableAmount + 500_000n, description: 'LAIN' });
    const all = await listQueue({ filters: { ...oldest, state: 'suggested' } });
    expect(all.items.map((i) => i.state)).toEqual(['suggested']);
    const expected = await db().mutation.groupBy({
      by: ['matchState'],
      where: { type: 'CR', matchState: { in: ['unmatched', 'suggested', 'review'] } },
      _count: true,
      _sum: { amount: true },
    });
    for (const row of expected) {
      expect(all.counts![row.matchState as 'unmatched']).toEqual({ count: row._count, amount: row._sum.amount!.toString() });
    }
    expect(all.counts!.suggested).toEqual({ count: 1, amount: '100000' });
    const narrowed = await listQueue({ filters: { ...oldest, account: 'bnk_111' } });
    expect(narrowed.counts).toEqual({
      unmatched: { count: 2, amount: '15000' },
      suggested: { count: 0, amount: '0' },
      review: { count: 0, amount: '0' },
    });
    const first = await listQueue({ filters: oldest, limit: 1 });
    expect(first.counts!.unmatched.count).toBe(4);
    // Later pages are fetched with the first: counting again would only cost.
    expect((await listQueue({ filters: oldest, limit: 1, cursor: first.nextCursor })).counts).toBeNull();
  });

  test.each([
    ['newest first, by the bank time', 'newest'],
    ['largest amount first', 'amount'],
  ] as const)('%s, paged without gaps or repeats', async (_label, sort) => {
    const days = ['2026-11-25', '2026-11-27', '2026-11-26', '2026-11-28', '2026-11-24'];
    const amounts = [5_000, 9_000, 5_000, 1_000, 7_000];
    for (const [i, day] of days.entries()) await received({ amount: amounts[i]!, description: `SETORAN ${i}`, date: `${day} 08:00:00` });
    const rows = await db().mutation.findMany({ select: { id: true, occurredAt: true, amount: true } });
    const key = (r: (typeof rows)[number]) => (sort === 'newest' ? BigInt(r.occurredAt.getTime()) : r.amount);
    const expected = rows.sort((a, b) => (key(a) === key(b) ? (a.id < b.id ? 1 : -1) : key(a) < key(b) ? 1 : -1)).map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listQueue>> = await listQueue({ filters: { sort }, cursor, limit: 2 });
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  test('a transfer just acted on stays listed under a state filter it no longer fits', async () => {
    const o = await order('INV-7202', 80_000);
    const [a] = await received({ amount: 70_000, description: 'A' });
    await matchTransfer({ mutationId: a!, orderId: o.id, actor: 'test' });
    expect(ids(await listQueue({ filters: { ...oldest, state: 'unmatched' } }))).toEqual([]);
    expect(ids(await listQueue({ filters: { ...oldest, state: 'unmatched' }, keep: [a!] }))).toEqual([a]);
    expect(ids(await listQueue({ filters: { ...oldest, state: 'unmatched', account: 'bnk_elsewhere' }, keep: [a!] }))).toEqual([]);
  });
});

describe('order search', () => {
  test.each([
    ['by reference prefix', 'inv-710', ['INV-7102', 'INV-7101']],
    ['by customer', 'siti', ['INV-7102']],
  ])('%s', async (_label, text, expected) => {
    await order('INV-7101', 50_000, { customer_name: 'Budi Santoso' });
    await order('INV-7102', 60_000, { customer_name: 'Siti Aminah' });
    expect((await searchOrders(text)).map((o) => o.reference)).toEqual(expected);
  });

  test('by amount, base or payable', async () => {
    const o = await order('INV-7103', 70_000);
    expect((await searchOrders('70000')).map((h) => h.reference)).toEqual(['INV-7103']);
    expect((await searchOrders(`Rp ${o.payableAmount}`)).map((h) => h.reference)).toEqual(['INV-7103']);
    expect((await searchOrders('70rb')).map((h) => h.reference)).toEqual(['INV-7103']);
  });
});
