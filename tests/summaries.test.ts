import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, test } from 'vitest';
import { setAccountSandbox } from '@/lib/accounts/store';
import { db, poolExecutor } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { storeAcceptedDelivery } from '@/lib/intake/store-delivery';
import { parseDelivery } from '@/lib/moota/payload';
import { cancelOrder } from '@/lib/orders/close-orders';
import { createOrder } from '@/lib/orders/create-order';
import { matchTransfer } from '@/lib/reconcile/confirm-match';
import { checkInvariants, type InvariantName } from '@/lib/reconcile/invariants';
import { markNotAnOrder } from '@/lib/reconcile/mark-not-an-order';
import { markProcessingDead, processMutations } from '@/lib/reconcile/process-mutations';
import { reprocessDeadMutations } from '@/lib/reconcile/reprocess';
import { splitPayment } from '@/lib/reconcile/split-payment';
import { acceptDifference } from '@/lib/differences/accept-difference';
import { WAITING_FOR_PERSON } from '@/lib/reconcile/states';
import { undoMatch } from '@/lib/reconcile/undo-match';
import { foldClosedDays } from '@/lib/summaries/fold-days';
import { saveSettings } from '@/lib/settings/store';
import { resetDatabase } from '@/tests/support/database';

const SUMMARIES: InvariantName[] = ['mutationDays', 'revenueDays', 'revenueAccountDays', 'matchDays'];

/** mulberry32: the same sequence of operations on every run. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]): T | undefined => (items.length === 0 ? undefined : items[int(items.length)]) };
}

const ACCOUNTS = [
  { bank_id: 'bnk_bca', account_number: '8730112233', bank: { bank_type: 'bca', label: 'BCA' } },
  { bank_id: 'bnk_bri', account_number: '0012013567', bank: { bank_type: 'bri', label: 'BRI' } },
  { bank_id: 'bnk_play', account_number: '5550001111', bank: { bank_type: 'bcaSandbox', label: 'Sandbox' } },
];
// Around the Jakarta day boundary (17:00 UTC) of a few days.
const DAYS = ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'];
const HOURS = ['00:00:00', '06:59:59', '07:00:00', '12:30:00', '23:59:59'];

async function deliver(random: ReturnType<typeof seededRandom>, amounts: readonly bigint[], repeat: string | undefined) {
  const body = amounts.map((amount) => {
    const account = random.pick(ACCOUNTS)!;
    const credit = random.next() < 0.8;
    return {
      mutation_id: `sum-${randomUUID()}`,
      ...account,
      date: `${random.pick(DAYS)} ${random.pick(HOURS)}`,
      description: 'TRSF E-BANKING CR',
      note: null,
      amount: Number(amount),
      type: credit ? 'CR' : 'DB',
      balance: 0,
    };
  });
  // A delivery Moota sends again stores nothing new.
  const raw = repeat ? [...body, { ...body[0]!, mutation_id: repeat }] : body;
  const parsed = parseDelivery(raw);
  if (!parsed.ok) throw new Error(parsed.error);
  await storeAcceptedDelivery(
    { receivedAt: new Date(), sourceAddress: '127.0.0.1', headers: {}, bodyBytes: 0 },
    JSON.stringify(raw),
    parsed.mutations,
  );
}

const credits = (states: readonly string[]) =>
  db().mutation.findMany({ where: { type: 'CR', matchState: { in: states as never } }, select: { id: true, amount: true }, orderBy: { id: 'asc' } });
const openOrders = () =>
  db().order.findMany({ where: { status: 'pending' }, select: { id: true, reference: true, payableAmount: true }, orderBy: { id: 'asc' } });

/** Runs `steps` random operations of every kind that moves a summary, checking the summaries against a recount as it goes. */
async function randomHistory(seed: number, steps: number, checkEvery: number) {
  const random = seededRandom(seed);
  let orderCount = 0;
  const operations: Record<string, () => Promise<unknown>> = {
    intake: async () => {
      const orders = await openOrders();
      const amounts = Array.from({ length: 1 + random.int(4) }, () =>
        random.next() < 0.6 && orders.length > 0 ? random.pick(orders)!.payableAmount : BigInt(1_000 + random.int(500_000)),
      );
      const known = random.next() < 0.2 ? await db().mutation.findFirst({ select: { mootaId: true }, orderBy: { id: 'desc' } }) : null;
      await deliver(random, amounts, known?.mootaId);
    },
    process: async () => {
      const pending = await db().mutation.findMany({ where: { matchState: 'pending' }, select: { id: true } });
      await processMutations(pending.map((m) => m.id));
    },
    order: () => createOrder({ reference: `SUM-${++orderCount}`, amount: 10_000 + random.int(400_000) }, 'api', 'test'),
    matchByHand: async () => {
      const credit = random.pick(await credits(WAITING_FOR_PERSON));
      const order = random.pick(await openOrders());
      if (credit && order) await matchTransfer({ mutationId: credit.id, orderId: order.id, actor: 'finance@test' });
    },
    undo: async () => {
      const credit = random.pick(await credits(['matched', 'ignored']));
      if (credit) await undoMatch({ mutationId: credit.id, actor: 'finance@test', reason: 'test' });
    },
    split: async () => {
      const credit = random.pick(await credits(WAITING_FOR_PERSON));
      const orders = await openOrders();
      const first = random.pick(orders);
      const second = random.pick(orders.filter((o) => o.id !== first?.id));
      if (!credit || !first || !second || credit.amount < 2n) return;
      const part = credit.amount / 2n < first.payableAmount ? credit.amount / 2n : first.payableAmount;
      const rest = credit.amount - part < second.payableAmount ? credit.amount - part : second.payableAmount;
      await splitPayment({
        allocations: [
          { mutationId: credit.id, orderId: first.id, amount: part },
          { mutationId: credit.id, orderId: second.id, amount: rest },
        ],
        actor: 'finance@test',
      });
    },
    notAnOrder: async () => {
      const credit = random.pick(await credits(WAITING_FOR_PERSON));
      if (credit) await markNotAnOrder({ mutationId: credit.id, actor: 'finance@test', note: 'owner top-up' });
    },
    sandbox: async () => {
      const account = random.pick(await db().account.findMany({ select: { id: true, sandbox: true }, orderBy: { mootaBankId: 'asc' } }));
      if (account) await setAccountSandbox(account.id, !account.sandbox, 'owner@test');
    },
    cancel: async () => {
      const order = random.pick(await openOrders());
      if (order) await cancelOrder(order.reference, 'owner@test', 'test');
    },
    reprocess: async () => {
      const dead = random.pick(await db().mutation.findMany({ where: { matchState: 'pending' }, select: { id: true, deliveryId: true } }));
      if (!dead) return;
      await markProcessingDead([dead.id], 'test');
      await reprocessDeadMutations(dead.deliveryId, 'owner@test');
    },
    fold: () => foldClosedDays(poolExecutor(), random.pick(DAYS)!),
    acceptDifference: async () => {
      const order = random.pick(
        await db().order.findMany({
          where: { status: { in: ['underpaid', 'overpaid'] } },
          select: { id: true, status: true },
          orderBy: { id: 'asc' },
        }),
      );
      if (order)
        await acceptDifference({
          orderId: order.id,
          category: order.status === 'underpaid' ? 'bank_fee' : 'refund_owed',
          reason: 'test',
          actor: 'finance@test',
        });
    },
  };
  const weights: [string, number][] = [
    ['intake', 6],
    ['process', 4],
    ['order', 4],
    ['matchByHand', 2],
    ['undo', 2],
    ['split', 1],
    ['notAnOrder', 1],
    ['sandbox', 1],
    ['cancel', 1],
    ['reprocess', 1],
    ['fold', 1],
    ['acceptDifference', 1],
  ];
  const bag = weights.flatMap(([name, weight]) => Array<string>(weight).fill(name));
  const done: string[] = [];
  for (let step = 1; step <= steps; step++) {
    const name = random.pick(bag)!;
    try {
      await operations[name]!();
    } catch (error) {
      // A refusal a person would see (an order no longer payable, a split that does not add up) changes nothing.
      if (!(error instanceof DomainError)) throw error;
    }
    done.push(name);
    if (step % checkEvery === 0 || step === steps) {
      const { violations } = await checkInvariants(poolExecutor());
      expect({ step, operations: done.slice(-checkEvery), violations }).toEqual({ step, operations: done.slice(-checkEvery), violations: [] });
    }
  }
  return done;
}

beforeEach(async () => {
  await resetDatabase();
  await saveSettings({ underpaidTolerance: 0, overpaidTolerance: 0 }, 'test');
});

describe('the daily summaries are exact at every commit', () => {
  test('after a seeded random run of intake, matching, undo, split, "not an order", sandbox and reprocessing', async () => {
    const done = await randomHistory(20261203, 90, 10);
    const rows = await db().$queryRaw<{ matched: number; ignored: number; paid: number }[]>`
      SELECT (SELECT count(*) FROM mutations WHERE match_state = 'matched')::int AS matched,
             (SELECT count(*) FROM mutations WHERE match_state = 'ignored')::int AS ignored,
             (SELECT count(*) FROM orders WHERE status IN ('paid', 'underpaid', 'overpaid'))::int AS paid`;
    // The run did reach the states the summaries tell apart.
    expect(new Set(done)).toEqual(
      new Set([
        'intake',
        'process',
        'order',
        'matchByHand',
        'undo',
        'split',
        'notAnOrder',
        'sandbox',
        'cancel',
        'reprocess',
        'fold',
        'acceptDifference',
      ]),
    );
    expect(await db().acceptedDifference.count()).toBeGreaterThan(0);
    expect(Math.min(rows[0]!.matched, rows[0]!.paid, rows[0]!.ignored)).toBeGreaterThan(0);
    // What the triggers take away again on the next change: each order's parts and each transfer's wait as a recount gives them.
    const stale = await db().$queryRaw<{ parts: number; waits: number }[]>`
      SELECT (SELECT count(*) FROM ((SELECT * FROM order_revenue_parts EXCEPT ALL
                                     SELECT * FROM order_revenue_now(ARRAY(SELECT id FROM orders)))
                                    UNION ALL
                                    (SELECT * FROM order_revenue_now(ARRAY(SELECT id FROM orders)) EXCEPT ALL
                                     SELECT * FROM order_revenue_parts)) AS differ)::int AS parts,
             (SELECT count(*) FROM ((SELECT * FROM match_waits EXCEPT ALL SELECT * FROM match_waits_now(ARRAY(SELECT id FROM mutations)))
                                    UNION ALL
                                    (SELECT * FROM match_waits_now(ARRAY(SELECT id FROM mutations)) EXCEPT ALL SELECT * FROM match_waits)) AS differ)::int AS waits`;
    expect(stale).toEqual([{ parts: 0, waits: 0 }]);

    await foldClosedDays(poolExecutor(), '2027-01-01');
    expect(await db().$queryRaw`SELECT DISTINCT slot FROM mutation_days`).toEqual([{ slot: 0 }]);
    expect((await checkInvariants(poolExecutor())).violations).toEqual([]);
  });

  test('a statement that changes nothing the summary counts does not write it', async () => {
    await randomHistory(7, 12, 12);
    const before = await db().$queryRaw<
      { rows: string }[]
    >`SELECT string_agg(ctid::text || ':' || xmin::text, ',' ORDER BY ctid) AS rows FROM mutation_days`;
    await db().$executeRaw`UPDATE mutations SET processing = processing, process_attempts = process_attempts + 1`;
    const after = await db().$queryRaw<
      { rows: string }[]
    >`SELECT string_agg(ctid::text || ':' || xmin::text, ',' ORDER BY ctid) AS rows FROM mutation_days`;
    expect(after).toEqual(before);
  });

  test.each<[InvariantName, string]>([
    ['mutationDays', `UPDATE mutation_days SET amount = amount + 1 WHERE ctid = (SELECT min(ctid) FROM mutation_days)`],
    ['revenueDays', `UPDATE revenue_days SET orders = orders + 1 WHERE ctid = (SELECT min(ctid) FROM revenue_days)`],
    ['revenueAccountDays', `UPDATE revenue_account_days SET revenue = revenue - 1 WHERE ctid = (SELECT min(ctid) FROM revenue_account_days)`],
    ['matchDays', `UPDATE match_days SET minutes = minutes + 1 WHERE ctid = (SELECT min(ctid) FROM match_days)`],
  ])('a %s summary changed behind the triggers is reported', async (invariant, plant) => {
    const order = (await createOrder({ reference: 'SUM-1', amount: 150_000 }, 'api', 'test')).order;
    await deliver(seededRandom(1), [order.payableAmount], undefined);
    await db().$executeRaw`UPDATE mutations SET type = 'CR', bank_id = 'bnk_bca', account_number = '8730112233', bank_label = 'BCA', sandbox = false`;
    await processMutations((await db().mutation.findMany({ select: { id: true } })).map((m) => m.id));
    expect((await checkInvariants(poolExecutor())).violations).toEqual([]);
    await db().$executeRawUnsafe(plant);
    const { violations, counts } = await checkInvariants(poolExecutor());
    expect(violations.map((v) => v.invariant).filter((name) => SUMMARIES.includes(name))).toContain(invariant);
    expect(counts[invariant]).toBeGreaterThan(0);
    expect(violations.find((v) => v.invariant === invariant)!.message).toMatch(/^The summary \w+ holds .+ but a recount of the rows gives /);
  });
});
