import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, test } from 'vitest';
import { db } from '@/lib/db';
import type { MatchState, OrderStatus, ProcessingState } from '@/lib/generated/prisma/client';
import { cashFlow } from '@/lib/queries/cash-flow';
import { overview } from '@/lib/queries/overview';
import { revenueReport } from '@/lib/queries/revenue';
import { resetDatabase } from '@/tests/support/database';

const BCA = '8730112233';
const BRI = '034101000123567';
/** Larger than Number.MAX_SAFE_INTEGER: sums must stay exact. */
const HUGE = 9_007_199_254_740_993n;

let deliveryId: string;

async function mutation(input: {
  amount: bigint;
  at: string;
  type?: 'CR' | 'DB';
  account?: string;
  matchState?: MatchState;
  processing?: ProcessingState;
  receivedAt?: string;
}): Promise<string> {
  const type = input.type ?? 'CR';
  const row = await db().mutation.create({
    data: {
      mootaId: `m-${randomUUID()}`,
      deliveryId,
      receivedAt: new Date(input.receivedAt ?? input.at),
      bankId: input.account === BRI ? 'bnk_bri' : 'bnk_test',
      bankLabel: input.account === BRI ? 'BRI' : 'BCA',
      accountNumber: input.account ?? BCA,
      type,
      amount: input.amount,
      description: 'TRSF E-BANKING',
      occurredAt: new Date(input.at),
      taggings: [],
      processing: input.processing ?? 'processed',
      matchState: input.matchState ?? (type === 'DB' ? 'debit' : 'unmatched'),
    },
  });
  return row.id;
}

let orderCounter = 0;
async function order(input: {
  paidAmount: bigint;
  paidAt: string | null;
  status: OrderStatus;
  payments?: { mutationId: string; amount: bigint; undone?: boolean }[];
}) {
  const reference = `INV-R${++orderCounter}`;
  const row = await db().order.create({
    data: {
      reference,
      referenceKey: reference,
      amount: input.paidAmount,
      uniqueCode: orderCounter,
      payableAmount: input.paidAmount + BigInt(orderCounter) * 1000n,
      status: input.status,
      source: 'api',
      paidAt: input.paidAt ? new Date(input.paidAt) : null,
      paidAmount: input.paidAmount,
    },
  });
  for (const payment of input.payments ?? []) {
    await db().payment.create({
      data: {
        mutationId: payment.mutationId,
        orderId: row.id,
        amount: payment.amount,
        split: (input.payments ?? []).length > 1,
        createdBy: 'test',
        undoneAt: payment.undone ? new Date() : null,
      },
    });
  }
  return row.id;
}

async function history(mutationId: string, action: string, at: string, orderId?: string) {
  await db().historyEntry.create({ data: { actor: 'test', action, mutationId, orderId, createdAt: new Date(at) } });
}

beforeEach(async () => {
  await resetDatabase();
  const delivery = await db().delivery.create({
    data: { sourceAddress: '127.0.0.1', httpStatus: 200, outcome: 'accepted', signature: 'valid', headers: {}, body: '[]', bodyBytes: 2 },
  });
  deliveryId = delivery.id;
});

describe('cash flow', () => {
  beforeEach(async () => {
    // 27 Nov 23:59:59.999 and 28 Nov 00:00 in Jakarta: one millisecond apart, on two days.
    await mutation({ amount: 100_000n, at: '2026-11-27T16:59:59.999Z' });
    await mutation({ amount: 250_000n, at: '2026-11-27T17:00:00.000Z' });
    await mutation({ amount: HUGE, at: '2026-11-28T05:00:00.000Z', account: BRI });
    await mutation({ amount: 40_000n, at: '2026-11-28T06:00:00.000Z', type: 'DB' });
    await mutation({ amount: 7_500n, at: '2026-11-30T03:00:00.000Z', type: 'DB', account: BRI });
    // Outside the range: the Jakarta day before it starts, and the instant after it ends.
    await mutation({ amount: 1n, at: '2026-11-25T16:59:59.999Z' });
    await mutation({ amount: 2n, at: '2026-11-30T17:00:00.000Z' });
  });

  test('per Jakarta day, the day boundary at 17:00 UTC splits two credits a millisecond apart', async () => {
    const report = await cashFlow({ from: '2026-11-26', to: '2026-11-30', granularity: 'day' });
    expect(report.rows.map(({ period, moneyIn, moneyOut, credits, debits }) => ({ period, moneyIn, moneyOut, credits, debits }))).toEqual([
      { period: '2026-11-26', moneyIn: '0', moneyOut: '0', credits: 0, debits: 0 },
      { period: '2026-11-27', moneyIn: '100000', moneyOut: '0', credits: 1, debits: 0 },
      { period: '2026-11-28', moneyIn: String(250_000n + HUGE), moneyOut: '40000', credits: 2, debits: 1 },
      { period: '2026-11-29', moneyIn: '0', moneyOut: '0', credits: 0, debits: 0 },
      { period: '2026-11-30', moneyIn: '0', moneyOut: '7500', credits: 0, debits: 1 },
    ]);
    expect(report.totals).toEqual({
      moneyIn: String(350_000n + HUGE),
      moneyOut: '47500',
      net: String(350_000n + HUGE - 47_500n),
      credits: 3,
      debits: 2,
    });
  });

  test('the totals equal a plain SQL sum of the mutations in the range', async () => {
    const [sums] = await db().$queryRaw<{ cr: string; db: string }[]>`
      SELECT COALESCE(sum(amount) FILTER (WHERE type = 'CR'), 0)::text AS cr, COALESCE(sum(amount) FILTER (WHERE type = 'DB'), 0)::text AS db
        FROM mutations WHERE occurred_at >= '2026-11-25T17:00:00Z' AND occurred_at < '2026-11-30T17:00:00Z'`;
    for (const granularity of ['day', 'week', 'month'] as const) {
      const report = await cashFlow({ from: '2026-11-26', to: '2026-11-30', granularity });
      expect(report.totals.moneyIn, granularity).toBe(sums!.cr);
      expect(report.totals.moneyOut, granularity).toBe(sums!.db);
    }
  });

  test('per ISO week (Monday 30 Nov starts a new week) and per month', async () => {
    const weeks = await cashFlow({ from: '2026-11-26', to: '2026-11-30', granularity: 'week' });
    expect(weeks.rows.map((r) => [r.period, r.label, r.moneyIn, r.moneyOut])).toEqual([
      ['2026-11-23', '2026-W48', String(350_000n + HUGE), '40000'],
      ['2026-11-30', '2026-W49', '0', '7500'],
    ]);
    const months = await cashFlow({ from: '2026-11-26', to: '2026-12-02', granularity: 'month' });
    expect(months.rows.map((r) => [r.period, r.moneyIn, r.moneyOut])).toEqual([
      ['2026-11-01', String(350_000n + HUGE), '47500'],
      ['2026-12-01', '2', '0'],
    ]);
  });

  test('one account at a time', async () => {
    const report = await cashFlow({ from: '2026-11-26', to: '2026-11-30', granularity: 'week' }, 'bnk_bri');
    expect(report.totals).toMatchObject({ moneyIn: String(HUGE), moneyOut: '7500', credits: 1, debits: 1 });
  });
});

describe('revenue', () => {
  test('paid, underpaid and overpaid orders by the Jakarta day they were paid, by account, and the average order', async () => {
    const a = await mutation({ amount: 150_000n, at: '2026-11-27T16:00:00Z', matchState: 'matched' });
    const b = await mutation({ amount: 99_999n, at: '2026-11-27T16:30:00Z', matchState: 'matched', account: BRI });
    const c1 = await mutation({ amount: 60_000n, at: '2026-11-27T17:10:00Z', matchState: 'matched' });
    const c2 = await mutation({ amount: 40_001n, at: '2026-11-27T17:20:00Z', matchState: 'matched', account: BRI });
    const undone = await mutation({ amount: 500n, at: '2026-11-27T17:20:00Z', account: BRI });
    // 27 Nov 23:59 Jakarta and 28 Nov 00:00 Jakarta.
    await order({ paidAmount: 150_000n, paidAt: '2026-11-27T16:59:00Z', status: 'paid', payments: [{ mutationId: a, amount: 150_000n }] });
    await order({ paidAmount: 99_999n, paidAt: '2026-11-27T17:00:00Z', status: 'underpaid', payments: [{ mutationId: b, amount: 99_999n }] });
    await order({
      paidAmount: 100_001n,
      paidAt: '2026-11-28T02:00:00Z',
      status: 'overpaid',
      payments: [
        { mutationId: c1, amount: 60_000n },
        { mutationId: c2, amount: 40_001n },
        { mutationId: undone, amount: 500n, undone: true },
      ],
    });
    await order({ paidAmount: 0n, paidAt: null, status: 'pending' });
    await order({ paidAmount: 0n, paidAt: null, status: 'expired' });
    await order({ paidAmount: 75_000n, paidAt: '2026-11-26T16:59:59Z', status: 'paid' }); // 26 Nov Jakarta: before the range

    const report = await revenueReport({ from: '2026-11-27', to: '2026-11-28', granularity: 'day' });
    expect(report.rows).toEqual([
      { period: '2026-11-27', label: '2026-11-27', orders: 1, revenue: '150000', averageOrder: '150000' },
      { period: '2026-11-28', label: '2026-11-28', orders: 2, revenue: '200000', averageOrder: '100000' },
    ]);
    expect(report.totals).toMatchObject({ orders: 3, revenue: '350000', averageOrder: '116667' });
    expect(report.byAccount).toEqual([
      { accountNumber: BCA, bankLabel: 'BCA', name: 'BCA ••2233', orders: 2, revenue: '210000' },
      { accountNumber: BRI, bankLabel: 'BRI', name: 'BRI ••3567', orders: 2, revenue: '140000' },
    ]);
  });

  test('how credits were matched and the median minutes to match, per Jakarta day of the match', async () => {
    const received = '2026-11-27T16:00:00Z'; // 23:00 in Jakarta on the 27th
    const auto1 = await mutation({ amount: 1n, at: received, matchState: 'matched' });
    const auto2 = await mutation({ amount: 2n, at: received, matchState: 'matched' });
    const hand = await mutation({ amount: 3n, at: received, matchState: 'matched' });
    const rematched = await mutation({ amount: 4n, at: received, matchState: 'matched' });
    const undoneNow = await mutation({ amount: 5n, at: received, matchState: 'unmatched' });
    await history(auto1, 'matched_automatically', '2026-11-27T16:01:00Z'); // 1 minute, on the 27th
    await history(auto2, 'matched_automatically', '2026-11-27T17:00:00Z'); // 60 minutes, on the 28th
    await history(hand, 'confirmed', '2026-11-27T17:30:00Z'); // 90 minutes, on the 28th
    await history(rematched, 'matched_automatically', '2026-11-27T16:02:00Z');
    await history(rematched, 'undone', '2026-11-27T16:30:00Z');
    await history(rematched, 'matched_by_hand', '2026-11-27T18:00:00Z'); // the last match counts: by hand, 120 minutes
    await history(undoneNow, 'matched_automatically', '2026-11-27T16:05:00Z'); // no longer matched: not counted

    const report = await revenueReport({ from: '2026-11-27', to: '2026-11-28', granularity: 'day' });
    expect(report.matching).toEqual([
      { period: '2026-11-27', label: '2026-11-27', automatic: 1, byHand: 0, automaticShare: 1, medianMinutes: 1 },
      { period: '2026-11-28', label: '2026-11-28', automatic: 1, byHand: 2, automaticShare: 1 / 3, medianMinutes: 90 },
    ]);
    expect(report.totals).toMatchObject({ automatic: 2, byHand: 2, automaticShare: 0.5 });
  });
});

describe('overview', () => {
  test('today and this month in Jakarta, open orders, waiting transfers and failures', async () => {
    const now = new Date('2026-11-28T05:00:00Z'); // 12:00 on 28 Nov in Jakarta
    await mutation({ amount: 100_000n, at: '2026-11-27T17:00:00Z', matchState: 'matched' }); // today 00:00
    await mutation({ amount: 200_000n, at: '2026-11-28T03:00:00Z', matchState: 'unmatched', receivedAt: '2026-11-28T03:00:00Z' });
    await mutation({ amount: 300_000n, at: '2026-11-28T04:00:00Z', matchState: 'ignored' });
    await mutation({ amount: 25_000n, at: '2026-11-28T04:30:00Z', type: 'DB' });
    await mutation({ amount: 400_000n, at: '2026-11-27T16:59:59.999Z', matchState: 'matched' }); // yesterday 23:59
    await mutation({ amount: 50_000n, at: '2026-11-02T01:00:00Z', matchState: 'suggested', receivedAt: '2026-11-02T01:00:00Z' });
    await mutation({ amount: 60_000n, at: '2026-10-31T16:59:59Z', matchState: 'review', processing: 'dead', receivedAt: '2026-10-31T16:59:59Z' }); // October in Jakarta
    await order({ paidAmount: 0n, paidAt: null, status: 'pending' });
    await order({ paidAmount: 0n, paidAt: null, status: 'pending' });
    await order({ paidAmount: 10n, paidAt: '2026-11-28T01:00:00Z', status: 'paid' });
    const rejected = {
      sourceAddress: '10.0.0.1',
      httpStatus: 401,
      outcome: 'rejected' as const,
      signature: 'invalid' as const,
      headers: {},
      body: '',
      bodyBytes: 0,
    };
    await db().delivery.create({ data: { ...rejected, receivedAt: new Date('2026-11-27T17:00:00Z') } });
    await db().delivery.create({ data: { ...rejected, receivedAt: new Date('2026-11-27T16:59:59Z') } });

    const figures = await overview(now);
    expect(figures.today).toEqual({ day: '2026-11-28', moneyIn: '600000', moneyOut: '25000', credits: 2, matchedCredits: 1, matchedRate: 0.5 });
    expect(figures.month).toEqual({ month: '2026-11', moneyIn: '1050000', moneyOut: '25000', credits: 4, matchedCredits: 2, matchedRate: 0.5 });
    expect(figures.openOrders).toBe(2);
    expect(figures.waiting.count).toBe(3);
    expect(figures.waiting.oldest.map((w) => [w.amount, w.matchState])).toEqual([
      ['60000', 'review'],
      ['50000', 'suggested'],
      ['200000', 'unmatched'],
    ]);
    expect(figures.failures).toEqual({ rejectedToday: 1, deadMutations: 1 });
  });
});
