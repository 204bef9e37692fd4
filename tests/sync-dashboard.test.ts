import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { SafeUser } from '@/lib/auth/users';

const session = vi.hoisted(() => ({ user: null as SafeUser | null }));
vi.mock('@/lib/next/session', () => ({
  currentUser: async () => session.user,
  apiUser: async () => session.user ?? Response.json({ error: { code: 'unauthorized' } }, { status: 401 }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
// The visitor's language cookie: English unless a test says otherwise.
const language = vi.hoisted(() => ({ cookie: 'en' as string | undefined }));
vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => (language.cookie ? { value: language.cookie } : undefined) }) }));

const { forgetMootaTokenAction, saveMootaTokenAction } = await import('@/app/(dashboard)/settings/actions');
const { startSyncAction } = await import('@/app/(dashboard)/webhooks/actions');
const runRoute = await import('@/app/api/dashboard/sync-runs/[id]/route');
const listRoute = await import('@/app/api/dashboard/sync-runs/route');
const { recordReportedAccounts } = await import('@/lib/accounts/store');
const { createUser } = await import('@/lib/auth/users');
const { db } = await import('@/lib/db');
const { DomainError } = await import('@/lib/errors');
const { mootaTokenStatus } = await import('@/lib/moota/connection');
const { parseDelivery } = await import('@/lib/moota/payload');
const { listDeliveries } = await import('@/lib/queries/webhooks');
const { openSyncRun, runSync } = await import('@/lib/sync/run-sync');
const { addDays, jakartaDay } = await import('@/lib/time/jakarta');
const { resetDatabase } = await import('@/tests/support/database');
type MootaSource = import('@/lib/sync/run-sync').MootaSource;
type SyncRunView = import('@/lib/next/sync-run-view').SyncRunView;

const TOKEN = 'moota-token-0123456789abcd';
const ACCOUNT = {
  bankId: 'bnk_toko',
  bankType: 'bca',
  label: 'BCA Toko',
  holder: 'TOKO MAJU',
  accountNumber: '8730112233',
  balance: null,
  lastUpdate: null,
};

const signIn = async (role: SafeUser['role']) => {
  session.user = await createUser({ email: `${role}-${Date.now()}@example.com`, role, password: 'long-enough-password' });
  return session.user;
};

const item = (id: string) => ({
  mutation_id: id,
  bank_id: ACCOUNT.bankId,
  account_number: ACCOUNT.accountNumber,
  date: '2026-11-28 09:00:00',
  description: `TRSF E-BANKING CR ${id}`,
  note: null,
  amount: '150123.00',
  type: 'CR',
  balance: '1000000.00',
  taggings: [],
});

/** Moota's API in memory: `pages` pages of one mutation each, failing at `failAtPage`. */
const source = (pages: number, failAtPage?: number): MootaSource => ({
  host: 'moota.test',
  accounts: async () => [ACCOUNT],
  async mutationPage({ page }) {
    if (page === failAtPage) throw new DomainError('invalid', 'syncFailed', { details: 'HTTP 500 from Moota' });
    const items = [item(`m-${page}`)];
    const parsed = parseDelivery(items);
    if (!parsed.ok) throw new Error(parsed.error);
    return { page, lastPage: pages, total: pages, mutations: parsed.mutations, items };
  },
});

const getRun = async (id: string) => {
  const response = await runRoute.GET(new Request(`http://cocok.test/api/dashboard/sync-runs/${id}`), { params: Promise.resolve({ id }) });
  return { status: response.status, body: (await response.json()) as SyncRunView };
};

beforeEach(async () => {
  await resetDatabase();
  session.user = null;
  language.cookie = 'en';
});

describe('the Moota API token in Settings', () => {
  test('the owner enters it and sees only its last 4 characters; forgetting it leaves none', async () => {
    const owner = await signIn('owner');
    expect(await saveMootaTokenAction({ token: `  ${TOKEN}  ` })).toEqual({
      ok: true,
      data: { source: 'settings', last4: 'abcd', unreadable: false },
    });
    const stored = await db().setting.findUniqueOrThrow({ where: { key: 'moota.apiToken' } });
    expect(JSON.stringify(stored.value)).not.toContain(TOKEN);
    expect(stored.updatedBy).toBe(owner.email);

    expect(await forgetMootaTokenAction({})).toEqual({ ok: true, data: { source: 'none', last4: null, unreadable: false } });
    expect(await mootaTokenStatus()).toEqual({ source: 'none', last4: null, unreadable: false });
  });

  test('finance may not set it; a token too short or empty is refused in the reader’s language', async () => {
    await signIn('finance');
    expect(await saveMootaTokenAction({ token: TOKEN })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await forgetMootaTokenAction({})).toMatchObject({ ok: false, code: 'forbidden' });

    await signIn('owner');
    language.cookie = undefined;
    expect(await saveMootaTokenAction({ token: 'short' })).toEqual({
      ok: false,
      code: 'invalid',
      message: 'Token API Moota terlalu pendek; salin seluruh token dari menu Integrasi di Moota.',
    });
    expect(await saveMootaTokenAction({ token: '   ' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await db().setting.count()).toBe(0);
  });
});

describe('Sync now', () => {
  test('without a token it says how to connect one', async () => {
    await signIn('finance');
    expect(await startSyncAction({})).toEqual({
      ok: false,
      code: 'invalid',
      message: 'No Moota API token is set; enter one in Settings (owner) or set MOOTA_API_TOKEN.',
    });
  });

  test('finance starts a run for a window and one account; a second one waits; a viewer may not', async () => {
    await signIn('owner');
    await saveMootaTokenAction({ token: TOKEN });
    await recordReportedAccounts([ACCOUNT]);
    const finance = await signIn('finance');
    const today = jakartaDay(new Date());

    const started = await startSyncAction({ from: addDays(today, -2), to: today, mootaBankId: 'bnk_toko' });
    expect(started).toMatchObject({ ok: true, data: { runId: expect.any(String) } });
    const runId = (started as { data: { runId: string } }).data.runId;
    expect(await db().syncRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      trigger: 'manual',
      requestedBy: finance.email,
      windowFrom: addDays(today, -2),
      windowTo: today,
      mootaBankId: 'bnk_toko',
      state: 'running',
    });
    expect(await startSyncAction({})).toMatchObject({ ok: false, code: 'conflict', message: expect.stringContaining('Another sync is running') });

    await signIn('viewer');
    expect(await startSyncAction({})).toMatchObject({ ok: false, code: 'forbidden' });
  });

  test('a window it cannot sync, or an unknown account, is refused with the reason in the reader’s language', async () => {
    await signIn('owner');
    await saveMootaTokenAction({ token: TOKEN });
    const today = jakartaDay(new Date());
    language.cookie = undefined;
    expect(await startSyncAction({ from: addDays(today, -31), to: today })).toEqual({
      ok: false,
      code: 'invalid',
      message: 'Sinkronisasi mencakup paling banyak 31 hari; pilih rentang yang lebih pendek.',
    });
    language.cookie = 'en';
    expect(await startSyncAction({ from: today, to: addDays(today, 1) })).toMatchObject({ message: expect.stringContaining('has not happened yet') });
    expect(await startSyncAction({ from: today, to: addDays(today, -1) })).toMatchObject({ message: expect.stringContaining('must not be after') });
    expect(await startSyncAction({ mootaBankId: 'bnk_nobody' })).toMatchObject({ message: expect.stringContaining('not known here') });
    expect(await db().syncRun.count()).toBe(0);
  });
});

describe('a sync run through its route', () => {
  const request = { trigger: 'manual' as const, requestedBy: 'finance@toko.test', window: { from: '2026-11-27', to: '2026-11-28' } };

  test('its progress while it runs, then its summary; its pages are in the delivery log under it', async () => {
    await signIn('viewer');
    const runId = await openSyncRun(request);
    expect(await getRun(runId)).toMatchObject({ status: 200, body: { id: runId, state: 'running', pagesFetched: 0, pagesTotal: null } });

    await runSync(runId, source(3));
    const { body } = await getRun(runId);
    expect(body).toMatchObject({
      state: 'succeeded',
      pagesFetched: 3,
      pagesTotal: 3,
      mutationsNew: 3,
      mutationsKnown: 0,
      error: null,
      errorMessage: null,
    });
    expect(body.durationMs).toEqual(expect.any(Number));

    const pages = await listDeliveries({ failedOnly: false, from: null, to: null, source: null, syncRunId: runId });
    expect(pages.items).toHaveLength(3);
    expect(pages.items.every((row) => row.source === 'apiSync' && row.syncRunId === runId)).toBe(true);
    expect((await listDeliveries({ failedOnly: false, from: null, to: null, source: 'webhook', syncRunId: null })).items).toHaveLength(0);
  });

  test('a failed run says at which page and why, in the reader’s language', async () => {
    await signIn('viewer');
    const runId = await runSync(await openSyncRun(request), source(3, 2)).then((summary) => summary.runId);
    expect((await getRun(runId)).body).toMatchObject({
      state: 'failed',
      pagesFetched: 1,
      error: { code: 'syncFailed', page: 2 },
      errorMessage: 'Failed: HTTP 500 from Moota.',
    });
    language.cookie = 'id';
    expect((await getRun(runId)).body.errorMessage).toBe('Gagal: HTTP 500 from Moota.');
  });

  test('an unknown run is 404, and nobody signed out sees any', async () => {
    await signIn('viewer');
    expect((await getRun('0190c0de-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await getRun('not-a-uuid')).status).toBe(404);
    const runId = await openSyncRun(request);
    session.user = null;
    expect((await getRun(runId)).status).toBe(401);
  });

  test('the list pages newest first by cursor, and names the one account a run was asked for', async () => {
    await signIn('viewer');
    await recordReportedAccounts([ACCOUNT]);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const runId = await openSyncRun({ ...request, mootaBankId: i === 2 ? 'bnk_toko' : null }, new Date(Date.UTC(2026, 10, 28, 3, i)));
      await runSync(runId, source(1));
      ids.push(runId);
    }
    const seen: SyncRunView[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `http://cocok.test/api/dashboard/sync-runs?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await (await listRoute.GET(new Request(url))).json()) as { items: SyncRunView[]; nextCursor: string | null };
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((run) => run.id)).toEqual([...ids].reverse());
    expect(seen.map((run) => run.account)).toEqual(['BCA Toko ••2233', null, null]);

    session.user = null;
    expect((await listRoute.GET(new Request('http://cocok.test/api/dashboard/sync-runs'))).status).toBe(401);
  });
});
