import { beforeEach, describe, expect, test } from 'vitest';
import { checkAccountNow } from '@/lib/accounts/check-now';
import { recordReportedAccounts, setAccountSandbox } from '@/lib/accounts/store';
import { db } from '@/lib/db';
import { storeAcceptedDelivery } from '@/lib/intake/store-delivery';
import { parseDelivery } from '@/lib/moota/payload';
import { createOrder } from '@/lib/orders/create-order';
import { listAccountSummaries } from '@/lib/queries/accounts';
import { cashFlow } from '@/lib/queries/cash-flow';
import { listGaps } from '@/lib/queries/gaps';
import { webhookHealth } from '@/lib/queries/health';
import { listMutations, mutationFilterParams } from '@/lib/queries/mutations';
import { overview } from '@/lib/queries/overview';
import { revenueReport } from '@/lib/queries/revenue';
import { processMutations } from '@/lib/reconcile/process-mutations';
import { parseSearchParams } from '@/lib/search-params';
import { saveSettings } from '@/lib/settings/store';
import { jakartaDay } from '@/lib/time/jakarta';
import { resetDatabase } from '@/tests/support/database';
import { receiveTransfers } from '@/tests/support/mutations';

const LIVE = '8730112233';
const TRAINING = '0001112233';
const HOUR = 3_600_000;

const accountId = async (mootaBankId: string) => (await db().account.findUniqueOrThrow({ where: { mootaBankId } })).id;

let runCounter = 0;
/** Mutations as a sync run reads them from Moota's API, through the same intake as the webhook. */
async function syncTransfers(receivedAt: Date, ...items: { id: string; amount: number; bankId: string; accountNumber: string; date: string }[]) {
  const run = await db().syncRun.create({
    data: { trigger: 'manual', requestedBy: 'test', windowFrom: '2026-11-21', windowTo: '2026-11-28', state: 'succeeded', finishedAt: receivedAt },
  });
  const body = items.map((item) => ({
    mutation_id: item.id,
    bank_id: item.bankId,
    account_number: item.accountNumber,
    date: item.date,
    description: `TRSF E-BANKING CR ${item.id}`,
    note: null,
    amount: `${item.amount}.00`,
    type: 'CR',
    balance: '1000000.00',
    taggings: [],
  }));
  const parsed = parseDelivery(body);
  if (!parsed.ok) throw new Error(parsed.error);
  await storeAcceptedDelivery(
    { receivedAt, sourceAddress: `moota.test/${++runCounter}`, headers: {}, bodyBytes: 0 },
    JSON.stringify(body),
    parsed.mutations,
    0,
    { source: 'api-sync', syncRunId: run.id },
  );
}

beforeEach(async () => {
  await resetDatabase();
  await saveSettings({ underpaidTolerance: 0, overpaidTolerance: 0 }, 'test');
});

describe('sandbox money', () => {
  test('a sandbox credit matched to an order is shown in lists, never in a total; marked live again, it counts', async () => {
    const live = (await createOrder({ reference: 'INV-LIVE', amount: 100_000 }, 'api', 'test')).order;
    const training = (await createOrder({ reference: 'INV-LATIHAN', amount: 50_000 }, 'api', 'test')).order;
    const [liveId] = await receiveTransfers({ amount: live.payableAmount, accountNumber: LIVE });
    const [trainingId] = await receiveTransfers({ amount: training.payableAmount, accountNumber: TRAINING });
    await setAccountSandbox(await accountId(`bnk_${TRAINING}`), true, 'owner@test');
    await processMutations([liveId!, trainingId!]);

    const rows = (await listMutations({})).rows;
    expect(rows.find((row) => row.id === trainingId)).toMatchObject({ sandbox: true, matchState: 'matched' });
    expect(rows.find((row) => row.id === trainingId)!.payments.map((p) => p.order.reference)).toEqual(['INV-LATIHAN']);
    expect(await db().order.findUniqueOrThrow({ where: { id: training.id } })).toMatchObject({ status: 'paid' });

    const liveMoney = String(live.payableAmount);
    const day = '2026-11-28';
    const today = jakartaDay(new Date());
    const totals = async () => ({
      overview: (await overview(new Date('2026-11-28T05:00:00Z'))).today,
      cashFlow: (await cashFlow({ from: day, to: day, granularity: 'day' })).totals,
      revenue: await revenueReport({ from: today, to: today, granularity: 'day' }),
    });
    const before = await totals();
    expect(before.overview).toMatchObject({ moneyIn: liveMoney, credits: 1, matchedCredits: 1 });
    expect(before.cashFlow).toMatchObject({ moneyIn: liveMoney, credits: 1 });
    expect(before.revenue.totals).toMatchObject({ orders: 1, revenue: liveMoney, automatic: 1 });
    expect(before.revenue.byAccount.map((row) => row.accountNumber)).toEqual([LIVE]);

    await setAccountSandbox(await accountId(`bnk_${TRAINING}`), false, 'owner@test');
    const after = await totals();
    const both = String(live.payableAmount + training.payableAmount);
    expect(after.overview).toMatchObject({ moneyIn: both, credits: 2, matchedCredits: 2 });
    expect(after.cashFlow).toMatchObject({ moneyIn: both, credits: 2 });
    expect(after.revenue.totals).toMatchObject({ orders: 2, revenue: both, automatic: 2 });
  });
});

describe('accounts', () => {
  test('each account with its newest mutation and the newer of the two balances Moota reported', async () => {
    await receiveTransfers({ amount: 10_000, accountNumber: LIVE });
    await db().mutation.updateMany({ data: { balance: 2_500_000n, receivedAt: new Date('2026-11-28T03:00:00Z') } });
    await recordReportedAccounts([
      {
        bankId: `bnk_${LIVE}`,
        bankType: 'bca',
        label: 'BCA Toko',
        holder: 'TOKO',
        accountNumber: LIVE,
        balance: 2_000_000n,
        lastUpdate: new Date('2026-11-28T01:00:00Z'),
      },
      {
        bankId: 'bnk_sbx',
        bankType: 'bca',
        label: 'Sandbox BCA',
        holder: 'LATIHAN',
        accountNumber: '000111',
        balance: 5_000n,
        lastUpdate: new Date('2026-11-28T04:00:00Z'),
      },
    ]);
    expect(await listAccountSummaries()).toEqual([
      expect.objectContaining({
        name: 'BCA Toko ••2233',
        maskedNumber: '••2233',
        sandbox: false,
        lastMutationAt: '2026-11-28T03:00:00.000Z',
        balance: '2500000',
        balanceAt: '2026-11-28T03:00:00.000Z',
      }),
      expect.objectContaining({ name: 'Sandbox BCA ••0111', sandbox: true, sandboxSetBy: 'moota', lastMutationAt: null, balance: '5000' }),
    ]);
  });

  test('"check now" asks Moota once per five minutes, and nothing is claimed without a connection', async () => {
    await receiveTransfers({ amount: 10_000, accountNumber: LIVE });
    const id = await accountId(`bnk_${LIVE}`);
    const asked: string[] = [];
    const moota = async () => ({ refreshAccount: async (bankId: string) => void asked.push(bankId) });
    const now = new Date('2026-11-28T05:00:00Z');
    await expect(checkAccountNow(id, async () => null, now)).rejects.toMatchObject({ code: 'mootaNotConnected' });
    await checkAccountNow(id, moota, now);
    await expect(checkAccountNow(id, moota, new Date(now.getTime() + 2 * 60_000))).rejects.toMatchObject({
      code: 'refreshTooSoon',
      params: { minutes: 2, wait: 3 },
    });
    await checkAccountNow(id, moota, new Date(now.getTime() + 5 * 60_000 + 1));
    expect(asked).toEqual([`bnk_${LIVE}`, `bnk_${LIVE}`]);
  });
});

describe('gaps', () => {
  test('per account and Jakarta day, what only a sync brought, linking to exactly those mutations', async () => {
    const now = new Date('2026-11-28T05:00:00Z');
    await receiveTransfers({ amount: 10_000, accountNumber: LIVE, mootaId: 'm-both' });
    await syncTransfers(
      now,
      { id: 'm-both', amount: 10_000, bankId: `bnk_${LIVE}`, accountNumber: LIVE, date: '2026-11-28 10:00:00' },
      { id: 'm-1', amount: 11_000, bankId: `bnk_${LIVE}`, accountNumber: LIVE, date: '2026-11-27 23:59:59' },
      { id: 'm-2', amount: 12_000, bankId: `bnk_${LIVE}`, accountNumber: LIVE, date: '2026-11-27 08:00:00' },
      { id: 'm-3', amount: 13_000, bankId: `bnk_${LIVE}`, accountNumber: LIVE, date: '2026-11-28 00:00:00' },
      { id: 'm-old', amount: 14_000, bankId: `bnk_${LIVE}`, accountNumber: LIVE, date: '2026-11-21 23:59:59' },
    );
    const gaps = await listGaps(now, 7);
    expect(gaps.map(({ day, count, origin, account }) => ({ day, count, origin, account }))).toEqual([
      { day: '2026-11-28', count: 1, origin: 'apiSync', account: '••2233' },
      { day: '2026-11-27', count: 2, origin: 'apiSync', account: '••2233' },
    ]);
    const link = new URL(gaps[1]!.href, 'http://cocok.test');
    expect(link.pathname).toBe('/mutations');
    const listed = await listMutations(parseSearchParams(mutationFilterParams, link.searchParams));
    expect(listed.rows.map((row) => row.mootaId).sort()).toEqual(['m-1', 'm-2']);
    expect(listed.rows.every((row) => row.origin === 'apiSync' && row.webhookSeenAt === null)).toBe(true);
  });

  test('a mutation the webhook delivers after the sync found it is no longer a gap', async () => {
    const now = new Date('2026-11-28T05:00:00Z');
    await syncTransfers(now, { id: 'm-late', amount: 10_000, bankId: 'bnk_test', accountNumber: LIVE, date: '2026-11-28 10:00:00' });
    expect(await listGaps(now)).toHaveLength(1);
    await receiveTransfers({ amount: 10_000, mootaId: 'm-late' });
    expect(await listGaps(now)).toEqual([]);
  });
});

describe('webhook health', () => {
  const rejected = (receivedAt: Date, httpStatus: number, signature: 'invalid' | 'missing' | 'unchecked') =>
    db().delivery.create({
      data: { receivedAt, sourceAddress: '10.0.0.1', httpStatus, outcome: 'rejected', signature, headers: {}, body: '', bodyBytes: 0 },
    });

  test('last webhook per account, last sync, refusals by kind, and an account the webhook went silent on', async () => {
    const now = new Date();
    await receiveTransfers({ amount: 10_000, accountNumber: LIVE }, { amount: 20_000, accountNumber: '1400098765' });
    await db().mutation.updateMany({ where: { bankId: `bnk_${LIVE}` }, data: { webhookSeenAt: new Date(now.getTime() - 7 * HOUR) } });
    await syncTransfers(
      new Date(now.getTime() - HOUR),
      { id: 'm-missed', amount: 30_000, bankId: `bnk_${LIVE}`, accountNumber: LIVE, date: '2026-11-28 10:00:00' },
      { id: 'm-missed-2', amount: 40_000, bankId: 'bnk_1400098765', accountNumber: '1400098765', date: '2026-11-28 10:00:00' },
    );
    await rejected(new Date(now.getTime() - HOUR), 401, 'invalid');
    await rejected(new Date(now.getTime() - 2 * HOUR), 401, 'invalid');
    await rejected(new Date(now.getTime() - 3 * HOUR), 401, 'missing');
    await rejected(new Date(now.getTime() - 4 * HOUR), 403, 'unchecked');
    await rejected(new Date(now.getTime() - 25 * HOUR), 401, 'invalid');

    const health = await webhookHealth(now, { connected: true });
    expect(health.rejected).toEqual([
      { kind: 'badSignature', count: 2 },
      { kind: 'addressNotAllowed', count: 1 },
      { kind: 'missingSignature', count: 1 },
    ]);
    expect(health.sync).toEqual({ state: 'succeeded', at: new Date(now.getTime() - HOUR).toISOString() });
    const byAccount = Object.fromEntries(health.accounts.map((a) => [a.account, a]));
    // Silent for 7 hours while the sync found a mutation: flagged. The other heard from the webhook
    // just now; its missed mutation was found before that, so it is a gap but not silence.
    expect(byAccount['••2233']).toMatchObject({
      silent: true,
      foundSinceWebhook: 1,
      lastWebhookAt: new Date(now.getTime() - 7 * HOUR).toISOString(),
    });
    expect(byAccount['••8765']).toMatchObject({ silent: false, foundSinceWebhook: 0 });

    expect((await webhookHealth(now, { connected: false })).sync).toEqual({ state: 'notConnected', at: null });
    await db().syncRun.deleteMany({});
    expect((await webhookHealth(now, { connected: true })).sync).toEqual({ state: 'never', at: null });
  });
});
