import { beforeEach, describe, expect, test, vi } from 'vitest';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { parseDelivery } from '@/lib/moota/payload';
import { createMootaApi } from '@/lib/moota/api';
import { mootaSource } from '@/lib/sync/moota-source';
import { openSyncRun, runSync, type MootaSource } from '@/lib/sync/run-sync';
import { jakartaDay } from '@/lib/time/jakarta';
import { fakeMutations, startFakeMoota, type FakeMoota } from '@/tests/support/fake-moota';
import { resetDatabase } from '@/tests/support/database';
import { receiveTransfers } from '@/tests/support/mutations';

const WINDOW = { from: '2026-11-27', to: '2026-11-28' };

const item = (id: string, amount: number, bankId = 'bnk_test') => ({
  mutation_id: id,
  bank_id: bankId,
  account_number: '8730112233',
  date: '2026-11-28 09:00:00',
  description: `TRSF E-BANKING CR ${id}`,
  note: null,
  amount: `${amount}.00`,
  type: 'CR',
  balance: '1000000.00',
  taggings: [],
});

/** Moota's API in memory: the items in pages, failing at a chosen page. */
function source(items: ReturnType<typeof item>[], options: { failAtPage?: number; perPage?: number } = {}): MootaSource & { calls: number[] } {
  const calls: number[] = [];
  return {
    host: 'moota.test',
    calls,
    async accounts() {
      return [
        {
          bankId: 'bnk_test',
          bankType: 'bca',
          label: 'BCA Toko',
          holder: 'TOKO MAJU',
          accountNumber: '8730112233',
          balance: 1_000_000n,
          lastUpdate: null,
        },
        { bankId: 'bnk_sbx', bankType: 'bca', label: 'Sandbox BCA', holder: 'LATIHAN', accountNumber: '000111', balance: null, lastUpdate: null },
      ];
    },
    async mutationPage({ page, perPage }) {
      calls.push(page);
      if (page === options.failAtPage) throw new DomainError('invalid', 'mootaNotConnected');
      const slice = items.slice((page - 1) * perPage, page * perPage);
      const parsed = parseDelivery(slice);
      if (!parsed.ok) throw new Error(parsed.error);
      return { page, lastPage: Math.max(1, Math.ceil(items.length / perPage)), total: items.length, mutations: parsed.mutations, items: slice };
    },
  };
}

const request = { trigger: 'manual' as const, requestedBy: 'finance@toko.test', window: WINDOW };

beforeEach(resetDatabase);

describe('sync from Moota', () => {
  test('reads every page to the end through the intake, and a second run adds nothing', async () => {
    const items = Array.from({ length: 25 }, (_, i) => item(`m-${i}`, 100_000 + i));
    const first = await runSync(await openSyncRun(request), source(items), { perPage: 10 });
    expect(first).toMatchObject({ state: 'succeeded', pagesFetched: 3, pagesTotal: 3, mutationsNew: 25, mutationsKnown: 0, accounts: 2 });

    const stored = await db().mutation.findMany({ select: { origin: true, syncSeenAt: true, webhookSeenAt: true, amount: true } });
    expect(stored).toHaveLength(25);
    expect(stored.every((m) => m.origin === 'apiSync' && m.syncSeenAt !== null && m.webhookSeenAt === null)).toBe(true);
    expect(stored.map((m) => m.amount).sort()).toContain(100_024n);
    expect(await db().delivery.count({ where: { source: 'apiSync', syncRunId: first.runId } })).toBe(3);

    const deliveriesBefore = await db().delivery.count();
    const second = await runSync(await openSyncRun(request), source(items), { perPage: 10 });
    expect(second).toMatchObject({ state: 'succeeded', mutationsNew: 0, mutationsKnown: 25 });
    expect(await db().mutation.count()).toBe(25);
    expect(await db().delivery.count()).toBe(deliveriesBefore);
  });

  test('a mutation the webhook delivered first is not stored twice; the sync only records it saw it too', async () => {
    const [id] = await receiveTransfers({ amount: 150_123, mootaId: 'm-webhook' });
    const summary = await runSync(await openSyncRun(request), source([item('m-webhook', 150_123), item('m-missed', 99_000)]));
    expect(summary).toMatchObject({ mutationsNew: 1, mutationsKnown: 1 });
    const known = await db().mutation.findUniqueOrThrow({ where: { id } });
    expect(known.origin).toBe('webhook');
    expect(known.webhookSeenAt).not.toBeNull();
    expect(known.syncSeenAt).not.toBeNull();
    const missed = await db().mutation.findUniqueOrThrow({ where: { mootaId: 'm-missed' } });
    expect(missed.webhookSeenAt).toBeNull();
  });

  test('a run failing half-way keeps the pages stored whole before it and says where it failed', async () => {
    const items = Array.from({ length: 30 }, (_, i) => item(`m-${i}`, 200_000 + i));
    const summary = await runSync(await openSyncRun(request), source(items, { failAtPage: 2 }), { perPage: 10 });
    expect(summary).toMatchObject({ state: 'failed', pagesFetched: 1, mutationsNew: 10 });
    expect(summary.error).toMatch(/^page 2: /);
    expect(await db().mutation.count()).toBe(10);
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: summary.runId } });
    expect(run).toMatchObject({ state: 'failed', errorCode: 'mootaNotConnected', errorParams: { page: 2 } });
    expect(run.finishedAt).not.toBeNull();
  });

  test('only one run at a time; a run that stopped moving no longer blocks', async () => {
    const runId = await openSyncRun(request);
    await expect(openSyncRun(request)).rejects.toMatchObject({ code: 'syncAlreadyRunning' });
    await db().syncRun.update({ where: { id: runId }, data: { updatedAt: new Date(Date.now() - 11 * 60_000) } });
    const next = await openSyncRun(request);
    expect(next).not.toBe(runId);
    expect(await db().syncRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ state: 'failed', errorCode: 'syncInterrupted' });
  });

  test('accounts are recorded with their balance; one Moota calls a sandbox is a sandbox, and so are its mutations', async () => {
    await runSync(await openSyncRun(request), source([item('m-1', 10_000, 'bnk_sbx'), item('m-2', 20_000)]));
    const accounts = await db().account.findMany({ orderBy: { mootaBankId: 'asc' } });
    expect(accounts.map((a) => [a.mootaBankId, a.label, a.sandbox, a.balance])).toEqual([
      ['bnk_sbx', 'Sandbox BCA', true, null],
      ['bnk_test', 'BCA Toko', false, 1_000_000n],
    ]);
    expect(await db().mutation.findUniqueOrThrow({ where: { mootaId: 'm-1' } })).toMatchObject({ sandbox: true });
    expect(await db().mutation.findUniqueOrThrow({ where: { mootaId: 'm-2' } })).toMatchObject({ sandbox: false });
  });
});

describe('sync through Moota API v2 (a fake Moota on loopback)', () => {
  const TOKEN = 'fake-moota-token-0123456789';
  let fake: FakeMoota;

  beforeEach(async () => {
    fake = await startFakeMoota({ token: TOKEN, mutations: fakeMutations({ count: 230, days: 2, newest: new Date('2026-11-28T05:00:00Z') }) });
    return () => fake.close();
  });

  const api = (token = TOKEN) => mootaSource({ baseUrl: fake.url, token }, createMootaApi({ baseUrl: fake.url, token, sleep: async () => {} }));

  test('pages to the end through rate limits and a failing page, every mutation once', async () => {
    fake.rateLimitNext(1);
    fake.failNext(500);
    const summary = await runSync(await openSyncRun(request), api());
    expect(summary).toMatchObject({ state: 'succeeded', pagesFetched: 3, pagesTotal: 3, mutationsNew: 230, mutationsKnown: 0 });
    expect(await db().mutation.count({ where: { origin: 'apiSync' } })).toBe(230);
    const amounts = await db().mutation.findMany({ select: { mootaId: true, amount: true } });
    const sent = new Map(fake.mutations().map((m) => [String(m.mutation_id), BigInt(Math.round(Number(m.amount)))]));
    expect(amounts.every((m) => sent.get(m.mootaId) === m.amount)).toBe(true);
  });

  test('a wrong token fails the run with a clear error and stores nothing', async () => {
    const summary = await runSync(await openSyncRun(request), api('wrong-token-0123456789'));
    expect(summary.state).toBe('failed');
    expect(await db().syncRun.findUniqueOrThrow({ where: { id: summary.runId } })).toMatchObject({ errorCode: 'mootaTokenRejected' });
    expect(await db().mutation.count()).toBe(0);
  });

  test('a malformed page stops the run there; the pages before it are stored whole, none half', async () => {
    const source = api();
    const failingThird: MootaSource = {
      ...source,
      mutationPage: async (query) => {
        if (query.page === 3) fake.malformNext('bad-item');
        return source.mutationPage(query);
      },
    };
    const summary = await runSync(await openSyncRun(request), failingThird);
    expect(summary).toMatchObject({ state: 'failed', pagesFetched: 2, mutationsNew: 200 });
    expect(await db().mutation.count()).toBe(200);
    expect(await db().syncRun.findUniqueOrThrow({ where: { id: summary.runId } })).toMatchObject({
      errorCode: 'mootaMalformedPage',
      errorParams: { page: 3 },
    });
  });

  test('the scheduled sync does nothing without a token, and syncs the recent days with one', async () => {
    vi.stubEnv('MOOTA_API_URL', fake.url);
    vi.resetModules();
    const withoutToken = await import('@/lib/sync/sync-job');
    expect(await withoutToken.runSyncJob({})).toBeNull();
    expect(await db().syncRun.count()).toBe(0);
    expect(fake.requests).toHaveLength(0);

    vi.stubEnv('MOOTA_API_TOKEN', TOKEN);
    vi.resetModules();
    const { runSyncJob } = await import('@/lib/sync/sync-job');
    const summary = await runSyncJob({});
    expect(summary).toMatchObject({ state: 'succeeded', accounts: expect.any(Number) });
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: summary!.runId } });
    expect(run).toMatchObject({ trigger: 'schedule', windowTo: jakartaDay(new Date()) });
    vi.unstubAllEnvs();
  });
});
