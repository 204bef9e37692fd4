import { beforeEach, describe, expect, test, vi } from 'vitest';

vi.mock('@/lib/next/auth', async () => ({ auth: (await import('@/tests/support/signed-in')).sessionOf }));

const { signedIn } = await import('@/tests/support/signed-in');
const { createUser } = await import('@/lib/auth/users');
const { resetDatabase } = await import('@/tests/support/database');
const { receiveTransfers } = await import('@/tests/support/mutations');
const { createOrder } = await import('@/lib/orders/create-order');
const { processMutations } = await import('@/lib/reconcile/process-mutations');
const { matchTransfer } = await import('@/lib/reconcile/confirm-match');
const { saveSettings } = await import('@/lib/settings/store');
const overviewRoute = (await import('@/app/api/dashboard/overview/route')).GET;
const queueRoute = (await import('@/app/api/dashboard/unmatched/route')).GET;
const changesRoute = (await import('@/app/api/dashboard/changes/route')).GET;
const { liveVersion } = await import('@/lib/http/changes');
const { db } = await import('@/lib/db');

type Route = (request: Request) => Promise<Response>;

/** A GET as the browser revalidates it: with the tag of the answer it keeps, if any. */
async function poll(route: Route, path: string, tag?: string) {
  const response = await route(new Request(`http://localhost/api/dashboard/${path}`, { headers: tag ? { 'if-none-match': tag } : {} }));
  const text = await response.text();
  return { status: response.status, tag: response.headers.get('etag'), cache: response.headers.get('cache-control'), text };
}

beforeEach(async () => {
  await resetDatabase();
  signedIn.userId = (await createUser({ email: 'owner@poll.test', role: 'owner', password: 'long-enough-password' })).id;
  await saveSettings({ underpaidTolerance: 0, overpaidTolerance: 0 }, 'test');
});

describe('the polled overview', () => {
  test('answers 200 with a tag, 304 to that tag while nothing changed, and 200 with a new tag after a delivery', async () => {
    const first = await poll(overviewRoute, 'overview');
    expect(first).toMatchObject({ status: 200, cache: 'private, no-cache', tag: expect.stringMatching(/^W\/"/) });
    expect(JSON.parse(first.text).waiting.count).toBe(0);

    const unchanged = await poll(overviewRoute, 'overview', first.tag!);
    expect(unchanged).toMatchObject({ status: 304, tag: first.tag, cache: 'private, no-cache', text: '' });

    const [transfer] = await receiveTransfers({ amount: 12_345 });
    const delivered = await poll(overviewRoute, 'overview', first.tag!);
    expect(delivered.status).toBe(200);
    expect(delivered.tag).not.toBe(first.tag);

    await processMutations([transfer!]);
    const processed = await poll(overviewRoute, 'overview', delivered.tag!);
    expect(processed.status).toBe(200);
    expect(JSON.parse(processed.text).waiting.count).toBe(1);
    expect((await poll(overviewRoute, 'overview', processed.tag!)).status).toBe(304);
  });
});

describe('the polled work queue', () => {
  test('answers 304 while the queue is unchanged, 200 with a new tag after a match, and tags each query apart', async () => {
    const order = (await createOrder({ reference: 'POLL-1', amount: 50_000 }, 'api', 'test')).order;
    const [transfer] = await receiveTransfers({ amount: 49_000 });
    await processMutations([transfer!]);

    const first = await poll(queueRoute, 'unmatched');
    expect(first).toMatchObject({ status: 200, cache: 'private, no-cache' });
    expect(JSON.parse(first.text).items.map((item: { id: string }) => item.id)).toEqual([transfer]);
    expect(await poll(queueRoute, 'unmatched', first.tag!)).toMatchObject({ status: 304, tag: first.tag });

    // The same version of the data asked with another `keep` is another answer.
    const keeping = await poll(queueRoute, `unmatched?keep=${transfer}`, first.tag!);
    expect(keeping.status).toBe(200);
    expect(keeping.tag).not.toBe(first.tag);

    await matchTransfer({ mutationId: transfer!, orderId: order.id, actor: 'finance@test' });
    const matched = await poll(queueRoute, 'unmatched', first.tag!);
    expect(matched.status).toBe(200);
    expect(matched.tag).not.toBe(first.tag);
    expect(JSON.parse(matched.text).items).toEqual([]);
    expect(await poll(queueRoute, 'unmatched', matched.tag!)).toMatchObject({ status: 304, tag: matched.tag });
  });

  test('a signed-out poll is refused before any tag is given', async () => {
    signedIn.userId = null;
    const refused = await poll(queueRoute, 'unmatched');
    expect(refused.status).toBe(401);
    expect(refused.tag).toBeNull();
  });
});

/** An order with a store callback, and a statement import under way: what the live pages show besides transfers. */
async function livePageRows() {
  const order = (await createOrder({ reference: `LIVE-${Date.now()}`, amount: 80_000 }, 'api', 'test')).order;
  const callback = await db().storeCallback.create({ data: { orderId: order.id, event: 'order.paid', payload: {} } });
  const account = await db().account.create({ data: { mootaBankId: 'bnk_live', accountNumber: '8730112233' } });
  const statement = await db().statementImport.create({
    data: { accountId: account.id, fileName: 'klikbca.csv', content: '', options: {}, state: 'running', rowsTotal: 10, createdBy: 'finance@test' },
  });
  return { order, callback, statement };
}

describe("the live pages' version", () => {
  test('is the version a page was rendered at: 304 to it while nothing changed, 200 with a new one after a write', async () => {
    const rendered = await liveVersion();
    const first = await poll(changesRoute, 'changes');
    expect(first).toMatchObject({ status: 200, tag: rendered, cache: 'private, no-cache' });
    expect(JSON.parse(first.text)).toEqual({ version: rendered });
    expect(await poll(changesRoute, 'changes', rendered)).toMatchObject({ status: 304, tag: rendered, text: '' });
    expect(await liveVersion()).toBe(rendered);

    await receiveTransfers({ amount: 31_337 });
    const delivered = await poll(changesRoute, 'changes', rendered);
    expect(delivered.status).toBe(200);
    expect(JSON.parse(delivered.text)).toEqual({ version: delivered.tag });
    expect(delivered.tag).not.toBe(rendered);
    expect(await poll(changesRoute, 'changes', delivered.tag!)).toMatchObject({ status: 304 });
  });

  type Rows = Awaited<ReturnType<typeof livePageRows>>;
  test.each<[string, (rows: Rows) => Promise<unknown>]>([
    [
      'an order paid or cancelled',
      ({ order }) => db().order.update({ where: { id: order.id }, data: { status: 'cancelled', closedAt: new Date() } }),
    ],
    [
      'a callback to the store delivered',
      ({ callback }) => db().storeCallback.update({ where: { id: callback.id }, data: { state: 'delivered', deliveredAt: new Date() } }),
    ],
    [
      'an attempt at a callback',
      ({ callback }) =>
        db().callbackAttempt.create({ data: { callbackId: callback.id, url: 'http://store.test/cb', httpStatus: 500, durationMs: 12 } }),
    ],
    ["a statement import's progress", ({ statement }) => db().statementImport.update({ where: { id: statement.id }, data: { rowsDone: 5 } })],
  ])('changes after %s', async (_label, write) => {
    const rows = await livePageRows();
    const before = await liveVersion();
    expect(await poll(changesRoute, 'changes', before)).toMatchObject({ status: 304 });
    await write(rows);
    const after = await poll(changesRoute, 'changes', before);
    expect(after.status).toBe(200);
    expect(after.tag).not.toBe(before);
    expect(await liveVersion()).toBe(after.tag);
  });

  test('a signed-out poll is refused before any version is given', async () => {
    signedIn.userId = null;
    const refused = await poll(changesRoute, 'changes');
    expect(refused.status).toBe(401);
    expect(refused.tag).toBeNull();
  });
});
