import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { db, poolExecutor } from '@/lib/db';
import { acceptDifference } from '@/lib/differences/accept-difference';
import { cancelOrder, expireOrders } from '@/lib/orders/close-orders';
import { createOrder } from '@/lib/orders/create-order';
import { matchTransfer } from '@/lib/reconcile/confirm-match';
import { checkInvariants, type InvariantName } from '@/lib/reconcile/invariants';
import { markNotAnOrder } from '@/lib/reconcile/mark-not-an-order';
import { processMutations } from '@/lib/reconcile/process-mutations';
import { splitPayment } from '@/lib/reconcile/split-payment';
import { undoMatch } from '@/lib/reconcile/undo-match';
import { NODE_SCRIPT_ARGS } from '@/lib/runtime/node-script';
import { saveSettings } from '@/lib/settings/store';
import { seedDemoData } from '@/prisma/seed';
import { resetDatabase } from '@/tests/support/database';
import { receiveTransfers } from '@/tests/support/mutations';

const order = async (reference: string, amount: number) => (await createOrder({ reference, amount }, 'api', 'test')).order;
const sql = (text: string, ...values: unknown[]) => db().$executeRawUnsafe(text, ...values);
const check = () => checkInvariants(poolExecutor());

/** Every kind of change the product makes: automatic and manual matches, a split, an undo, "not an order", a cancel, an expiry. */
async function soundDatabase() {
  const paid = await order('INV-1', 150_000);
  const byHand = await order('INV-2', 99_000);
  const splitA = await order('INV-3', 100_000);
  const splitB = await order('INV-4', 80_000);
  const cancelled = await order('INV-5', 70_000);
  const short = await order('INV-6', 60_000);
  const [exact, stray, split, ignored, whole, debit, shortTransfer] = await receiveTransfers(
    { amount: paid.payableAmount },
    { amount: 12_345 },
    { amount: 200_000 },
    { amount: 5_000 },
    { amount: 300_000 },
    { amount: 40_000, type: 'DB' },
    { amount: 59_000 },
  );
  await processMutations([exact!, stray!, split!, ignored!, whole!, debit!, shortTransfer!]);
  await matchTransfer({ mutationId: shortTransfer!, orderId: short.id, actor: 'finance@test', acknowledged: true, reason: 'customer paid short' });
  await acceptDifference({ orderId: short.id, category: 'bank_fee', reason: 'transfer fee taken by the bank', actor: 'finance@test' });
  await matchTransfer({ mutationId: stray!, orderId: byHand.id, actor: 'finance@test' });
  await undoMatch({ mutationId: stray!, actor: 'finance@test', reason: 'wrong order' });
  await splitPayment({
    allocations: [
      { mutationId: split!, orderId: splitA.id, amount: 100_000n },
      { mutationId: split!, orderId: splitB.id, amount: 50_000n },
    ],
    actor: 'finance@test',
  });
  await markNotAnOrder({ mutationId: ignored!, actor: 'finance@test', note: 'owner top-up' });
  await cancelOrder(cancelled.reference, 'owner@test', 'customer changed their mind');
  await expireOrders(new Date(Date.now() + 400 * 24 * 3_600_000));
  return { paid, byHand, splitA, splitB, short, exact: exact!, stray: stray!, split: split!, ignored: ignored!, whole: whole! };
}

const found = async () => {
  const report = await check();
  return report.violations.map((violation) => violation.invariant);
};

beforeEach(async () => {
  await resetDatabase();
  await db().setting.deleteMany();
  await saveSettings({ underpaidTolerance: 0, overpaidTolerance: 0 }, 'test');
});

describe('a sound database', () => {
  test('every change the product makes leaves no violation', async () => {
    await soundDatabase();
    expect(await check()).toEqual({ violations: [], counts: {} });
  });

  test('the demo data passes', async () => {
    expect(await seedDemoData()).not.toBeNull();
    expect((await check()).violations).toEqual([]);
  });
});

describe('each violation planted by hand is reported, naming its rows', () => {
  test.each<[string, InvariantName, (ids: Awaited<ReturnType<typeof soundDatabase>>) => Promise<unknown>]>([
    [
      "an order's paid amount that is not the sum of its payments",
      'orderPaidAmount',
      ({ paid }) => sql(`UPDATE orders SET paid_amount = paid_amount + 1, status = 'overpaid' WHERE id = $1::uuid`, paid.id),
    ],
    ['a pending order with money on it', 'orderStatus', ({ byHand }) => sql(`UPDATE orders SET paid_amount = 1000 WHERE id = $1::uuid`, byHand.id)],
    [
      'a payment that gives out more than its transfer brought in',
      'mutationOverAllocated',
      ({ split, splitB }) => sql(`UPDATE payments SET amount = 150000 WHERE mutation_id = $1::uuid AND order_id = $2::uuid`, split, splitB.id),
    ],
    [
      'a matched transfer whose payment was taken away',
      'matchedWithoutPayments',
      ({ exact }) => sql(`UPDATE payments SET undone_at = now(), undone_by = 'sql' WHERE mutation_id = $1::uuid`, exact),
    ],
    [
      'a payment from a transfer left unmatched',
      'paymentsWithoutMatch',
      ({ exact }) => sql(`UPDATE mutations SET match_state = 'unmatched' WHERE id = $1::uuid`, exact),
    ],
    [
      'a payment of nothing',
      'paymentAmount',
      ({ split, splitA }) => sql(`UPDATE payments SET amount = 0 WHERE mutation_id = $1::uuid AND order_id = $2::uuid`, split, splitA.id),
    ],
    [
      'a payment whose history row is gone',
      'paymentWithoutHistory',
      ({ exact }) => sql(`DELETE FROM history WHERE mutation_id = $1::uuid AND action = 'matched_automatically'`, exact),
    ],
    [
      'a state changed without its history row',
      'mutationStateWithoutHistory',
      ({ ignored }) => sql(`UPDATE mutations SET match_state = 'suggested' WHERE id = $1::uuid`, ignored),
    ],
    [
      "an accepted difference that no longer is its order's",
      'acceptedDifference',
      ({ short }) => sql(`UPDATE accepted_differences SET amount = amount - 1 WHERE order_id = $1::uuid`, short.id),
    ],
    [
      'an order cancelled without its history row',
      'orderStatusWithoutHistory',
      ({ splitA }) => sql(`UPDATE orders SET status = 'cancelled', paid_amount = 0 WHERE id = $1::uuid`, splitA.id),
    ],
  ])('%s', async (_, invariant, plant) => {
    const ids = await soundDatabase();
    await plant(ids);
    const report = await check();
    expect(report.violations.map((v) => v.invariant)).toContain(invariant);
    const violation = report.violations.find((v) => v.invariant === invariant)!;
    expect(violation.mutationId ?? violation.orderId).toBeTruthy();
    expect(violation.message).toMatch(/^(Order|Mutation|Payment) /);
    expect(report.counts[invariant]).toBe(1);
  });

  test('a violation is reported in plain words with the amounts', async () => {
    const { paid } = await soundDatabase();
    await sql(`UPDATE orders SET paid_amount = paid_amount + 5 WHERE id = $1::uuid`, paid.id);
    const { violations } = await check();
    expect(violations).toContainEqual({
      invariant: 'orderPaidAmount',
      orderId: paid.id,
      message: expect.stringMatching(
        /^Order INV-1 \(.+\) has a paid amount of Rp\s?150\.\d{3}, but its active payments add up to Rp\s?150\.\d{3}\.$/,
      ),
    });
  });

  test('many violations of one kind are counted in full and listed up to the limit', async () => {
    await soundDatabase();
    const orders = await sql(`UPDATE orders SET paid_amount = paid_amount + 7`);
    const report = await checkInvariants(poolExecutor(), { perInvariant: 2 });
    expect(orders).toBeGreaterThan(2);
    expect(report.counts.orderPaidAmount).toBe(orders);
    expect(report.violations.filter((v) => v.invariant === 'orderPaidAmount')).toHaveLength(2);
    expect(await found()).toContain('orderStatus');
  });
});

describe('npm run db:check', () => {
  const dbCheck = () =>
    spawnSync(process.execPath, [...NODE_SCRIPT_ARGS, 'scripts/db.ts', 'check'], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
      encoding: 'utf8',
    });

  test('says the data is sound and exits 0, or names each violation and exits 1', async () => {
    const { paid, exact } = await soundDatabase();
    const sound = dbCheck();
    expect(sound.stdout).toContain('The data is sound');
    expect(sound.status).toBe(0);

    await sql(`UPDATE orders SET paid_amount = 1 WHERE id = $1::uuid`, paid.id);
    await sql(`DELETE FROM history WHERE mutation_id = $1::uuid`, exact);
    const broken = dbCheck();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain("✗ An order's paid amount is the sum of its active payments: 1 violation(s)");
    expect(broken.stderr).toMatch(/- Order INV-1 \(.+\) has a paid amount of Rp\s?1,/);
    expect(broken.stderr).toContain(`- Mutation ${(await db().mutation.findUniqueOrThrow({ where: { id: exact } })).mootaId}`);
  });
});
