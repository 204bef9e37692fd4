import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { db, inTransaction } from '@/lib/db';
import { QUEUES } from '@/lib/jobs/queue';
import { startWorker } from '@/lib/jobs/worker';
import { saveSettings } from '@/lib/settings/store';
import { deliverStoreCallback, markStoreCallbackFailed } from '@/lib/store-callback/deliver';
import { enqueueOrderPaymentCallbacks } from '@/lib/store-callback/enqueue';
import { verifyCallback } from '@/lib/store-callback/signature';
import { resetDatabase } from '@/tests/support/database';

const SECRET = 'store-callback-test-secret';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A store on 127.0.0.1 that records each request and answers with the next scripted status (then 200). */
class Receiver {
  readonly requests: Received[] = [];
  script: { status: number; body?: string }[] = [];
  private server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.requests.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const { status, body } = this.script.shift() ?? { status: 200, body: '{"ok":true}' };
      res.writeHead(status, { 'content-type': 'text/plain' }).end(body ?? '');
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/cocok/callback`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const receiver = new Receiver();

beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

beforeEach(async () => {
  await resetDatabase();
  receiver.requests.length = 0;
  receiver.script = [];
  await saveSettings({ storeCallbackUrl: receiver.url, storeCallbackSecret: SECRET }, 'test');
});

const PAID_AT = new Date('2026-11-28T03:20:00.000Z');

/** A paid order with one active payment from a BCA transfer and one that a person undid. */
async function paidOrder(): Promise<string> {
  const delivery = await db().delivery.create({
    data: { sourceAddress: '127.0.0.1', httpStatus: 200, outcome: 'accepted', signature: 'valid', headers: {}, body: '[]', bodyBytes: 2 },
  });
  const mutation = (mootaId: string, amount: bigint, occurredAt: string) =>
    db().mutation.create({
      data: {
        mootaId,
        deliveryId: delivery.id,
        bankId: 'bnk_1',
        bankType: 'bca',
        accountNumber: '8730112233',
        type: 'CR',
        amount,
        description: 'TRSF E-BANKING CR',
        occurredAt: new Date(occurredAt),
        taggings: [],
      },
    });
  const active = await mutation('mut_paid', 150123n, '2026-11-28T03:14:07.000Z');
  const undone = await mutation('mut_undone', 150123n, '2026-11-28T02:00:00.000Z');
  const order = await db().order.create({
    data: {
      reference: 'INV-1001',
      referenceKey: 'INV-1001',
      customerName: 'Siti Rahayu',
      amount: 150000n,
      uniqueCode: 123,
      payableAmount: 150123n,
      status: 'paid',
      source: 'api',
      paidAt: PAID_AT,
      paidAmount: 150123n,
    },
  });
  await db().payment.create({
    data: {
      mutationId: undone.id,
      orderId: order.id,
      amount: 150123n,
      createdBy: 'worker',
      undoneAt: new Date(),
      undoneBy: 'admin',
      undoReason: 'wrong order',
    },
  });
  await db().payment.create({ data: { mutationId: active.id, orderId: order.id, amount: 150123n, createdBy: 'worker' } });
  return order.id;
}

async function orderPaid(orderId: string): Promise<string> {
  await inTransaction((tx) => enqueueOrderPaymentCallbacks(tx, [orderId]));
  const callbacks = await db().storeCallback.findMany({ where: { orderId } });
  expect(callbacks).toHaveLength(1);
  return callbacks[0]!.id;
}

const jobs = () => db().$queryRawUnsafe<{ data: unknown }[]>(`SELECT data FROM pgboss.job WHERE name = $1`, QUEUES.storeCallback);

const attempts = (callbackId: string) => db().callbackAttempt.findMany({ where: { callbackId }, orderBy: [{ attemptedAt: 'asc' }, { id: 'asc' }] });

const now = () => Math.floor(Date.now() / 1000);

describe('enqueueOrderPaymentCallbacks', () => {
  test('stores the exact payload with the active payments and enqueues one job in the same transaction', async () => {
    const callbackId = await orderPaid(await paidOrder());
    const callback = await db().storeCallback.findUniqueOrThrow({ where: { id: callbackId } });
    expect(callback).toMatchObject({ event: 'order.paid', state: 'pending', deliveredAt: null });
    expect(callback.payload).toEqual({
      id: callbackId,
      event: 'order.paid',
      created_at: callback.createdAt.toISOString(),
      order: {
        reference: 'INV-1001',
        amount: 150000,
        unique_code: 123,
        payable_amount: 150123,
        paid_amount: 150123,
        status: 'paid',
        paid_at: '2026-11-28T03:20:00.000Z',
        customer_name: 'Siti Rahayu',
      },
      payments: [
        { mutation_id: 'mut_paid', amount: 150123, account_number: '8730112233', bank_type: 'bca', occurred_at: '2026-11-28T03:14:07.000Z' },
      ],
    });
    expect(await jobs()).toEqual([{ data: { callbackId } }]);
  });

  test.each([
    { label: 'an order paid more than due is paid', status: 'overpaid', paidAmount: 150_200n, event: 'order.paid' },
    { label: 'an order paid less than due is never order.paid', status: 'underpaid', paidAmount: 150_000n, event: 'order.underpaid' },
  ] as const)('$label: $event', async ({ status, paidAmount, event }) => {
    const orderId = await paidOrder();
    await db().order.update({ where: { id: orderId }, data: { status, paidAmount } });
    const callbackId = await orderPaid(orderId);
    const callback = await db().storeCallback.findUniqueOrThrow({ where: { id: callbackId } });
    expect(callback.event).toBe(event);
    expect(callback.payload).toMatchObject({ id: callbackId, event, order: { status, paid_amount: Number(paidAmount), payable_amount: 150123 } });

    expect(await deliverStoreCallback(callbackId)).toBe('delivered');
    expect(receiver.requests.at(-1)!.headers['x-cocok-event']).toBe(event);
    expect(JSON.parse(receiver.requests.at(-1)!.body)).toMatchObject({ event, order: { status } });
  });

  test('a rolled-back transaction leaves neither callback nor job', async () => {
    const orderId = await paidOrder();
    await expect(
      inTransaction(async (tx) => {
        await enqueueOrderPaymentCallbacks(tx, [orderId]);
        throw new Error('the payment failed after all');
      }),
    ).rejects.toThrow('the payment failed after all');
    expect(await db().storeCallback.count()).toBe(0);
    expect(await jobs()).toEqual([]);
  });

  test('with no store callback configured, records nothing and enqueues nothing', async () => {
    await saveSettings({ storeCallbackUrl: '', storeCallbackSecret: '' }, 'test');
    const orderId = await paidOrder();
    await inTransaction((tx) => enqueueOrderPaymentCallbacks(tx, [orderId]));
    expect(await db().storeCallback.count()).toBe(0);
    expect(await jobs()).toEqual([]);
  });

  test('refuses an order that is not paid', async () => {
    const orderId = await paidOrder();
    await db().order.update({ where: { id: orderId }, data: { status: 'pending', paidAt: null } });
    await expect(inTransaction((tx) => enqueueOrderPaymentCallbacks(tx, [orderId]))).rejects.toThrow(/INV-1001 is pending/);
    expect(await db().storeCallback.count()).toBe(0);
  });
});

describe('deliverStoreCallback', () => {
  test('POSTs the exact payload, signed, with the event headers, and records the delivery', async () => {
    const callbackId = await orderPaid(await paidOrder());
    const before = now();
    expect(await deliverStoreCallback(callbackId)).toBe('delivered');

    const callback = await db().storeCallback.findUniqueOrThrow({ where: { id: callbackId } });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/cocok/callback');
    expect(request!.body).toBe(JSON.stringify(callback.payload));
    expect(JSON.parse(request!.body)).toMatchObject({ id: callbackId, event: 'order.paid', order: { reference: 'INV-1001' } });
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': expect.stringMatching(/^Cocok\/\d+\.\d+/),
      'x-cocok-event': 'order.paid',
      'x-cocok-event-id': callbackId,
    });
    const signature = request!.headers['x-cocok-signature'] as string;
    expect(verifyCallback(request!.body, signature, SECRET, now())).toBe(true);
    expect(Number(/^t=(\d+),/.exec(signature)![1])).toBeGreaterThanOrEqual(before);
    expect(verifyCallback(request!.body, signature, 'another-secret-entirely', now())).toBe(false);

    expect(callback.state).toBe('delivered');
    expect(callback.deliveredAt).toBeInstanceOf(Date);
    const [attempt, ...more] = await attempts(callbackId);
    expect(more).toEqual([]);
    expect(attempt).toMatchObject({ url: receiver.url, httpStatus: 200, error: null, response: '{"ok":true}' });
    expect(attempt!.durationMs).toBeGreaterThanOrEqual(0);

    expect(await deliverStoreCallback(callbackId)).toBe('already-delivered');
    expect(receiver.requests).toHaveLength(1);
  });

  test('a 500 throws for the queue to retry and is recorded; the next attempt delivers the same body', async () => {
    const callbackId = await orderPaid(await paidOrder());
    receiver.script = [{ status: 500, body: 'x'.repeat(5000) }];

    await expect(deliverStoreCallback(callbackId)).rejects.toThrow(/HTTP 500/);
    const [failed] = await attempts(callbackId);
    expect(failed).toMatchObject({ url: receiver.url, httpStatus: 500, error: 'the store answered HTTP 500' });
    expect(failed!.response).toBe('x'.repeat(1000));
    expect(await db().storeCallback.findUniqueOrThrow({ where: { id: callbackId } })).toMatchObject({ state: 'pending', deliveredAt: null });

    expect(await deliverStoreCallback(callbackId)).toBe('delivered');
    expect((await attempts(callbackId)).map((a) => [a.httpStatus, a.error])).toEqual([
      [500, 'the store answered HTTP 500'],
      [200, null],
    ]);
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[1]!.body).toBe(receiver.requests[0]!.body);
    expect(verifyCallback(receiver.requests[1]!.body, receiver.requests[1]!.headers['x-cocok-signature'] as string, SECRET, now())).toBe(true);
    expect(await db().storeCallback.findUniqueOrThrow({ where: { id: callbackId } })).toMatchObject({ state: 'delivered' });
  });

  test('a redirect is not followed and counts as a failure', async () => {
    const callbackId = await orderPaid(await paidOrder());
    receiver.script = [{ status: 302 }];
    await expect(deliverStoreCallback(callbackId)).rejects.toThrow(/HTTP 302/);
    expect(receiver.requests).toHaveLength(1);
    expect((await attempts(callbackId)).map((a) => a.httpStatus)).toEqual([302]);
  });

  test('an unreachable store is recorded as an error attempt', async () => {
    const closed = new Receiver();
    await closed.start();
    const url = closed.url;
    await closed.stop();
    await saveSettings({ storeCallbackUrl: url }, 'test');
    const callbackId = await orderPaid(await paidOrder());

    await expect(deliverStoreCallback(callbackId)).rejects.toThrow(/ECONNREFUSED/);
    const [attempt, ...more] = await attempts(callbackId);
    expect(more).toEqual([]);
    expect(attempt).toMatchObject({ url, httpStatus: null, response: null, error: expect.stringMatching(/ECONNREFUSED/) });
    expect(await db().storeCallback.findUniqueOrThrow({ where: { id: callbackId } })).toMatchObject({ state: 'pending', deliveredAt: null });
  });

  test('a callback whose store was unconfigured after it was recorded waits, with the reason recorded', async () => {
    const callbackId = await orderPaid(await paidOrder());
    await saveSettings({ storeCallbackUrl: '' }, 'test');
    await expect(deliverStoreCallback(callbackId)).rejects.toThrow(/no store callback URL/);
    expect(receiver.requests).toEqual([]);
    expect(await attempts(callbackId)).toMatchObject([{ url: '', httpStatus: null, error: 'no store callback URL and secret are configured' }]);
  });
});

describe('markStoreCallbackFailed', () => {
  test('fails a pending callback once, and never one that was delivered', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const pending = await orderPaid(await paidOrder());
      await markStoreCallbackFailed(pending, 'gave up after repeated failures');
      await markStoreCallbackFailed(pending, 'gave up after repeated failures');
      expect(await db().storeCallback.findUniqueOrThrow({ where: { id: pending } })).toMatchObject({ state: 'failed', deliveredAt: null });
      const aboutThisCallback = log.mock.calls.filter(([message]) => String(message).startsWith(`store callback ${pending}`));
      expect(aboutThisCallback).toEqual([[`store callback ${pending} failed: gave up after repeated failures`]]);

      await resetDatabase();
      // The reset took the settings too; the cached copy lasts a second only.
      await saveSettings({ storeCallbackUrl: receiver.url, storeCallbackSecret: SECRET }, 'test');
      const delivered = await orderPaid(await paidOrder());
      await deliverStoreCallback(delivered);
      await markStoreCallbackFailed(delivered, 'gave up after repeated failures');
      expect(await db().storeCallback.findUniqueOrThrow({ where: { id: delivered } })).toMatchObject({ state: 'delivered' });
    } finally {
      log.mockRestore();
    }
  });

  test('a failed callback can still be delivered by hand later', async () => {
    const callbackId = await orderPaid(await paidOrder());
    await db().storeCallback.update({ where: { id: callbackId }, data: { state: 'failed' } });
    expect(await deliverStoreCallback(callbackId)).toBe('delivered');
    expect(await db().storeCallback.findUniqueOrThrow({ where: { id: callbackId } })).toMatchObject({ state: 'delivered' });
  });
});

test('the worker delivers a callback from the queue by itself, retrying after a failure', async () => {
  const worker = await startWorker(process.env.DATABASE_URL!, { concurrency: 1 });
  try {
    receiver.script = [{ status: 503, body: 'maintenance' }];
    const callbackId = await orderPaid(await paidOrder());

    await expect
      .poll(async () => (await db().storeCallback.findUniqueOrThrow({ where: { id: callbackId } })).state, { timeout: 45_000, interval: 200 })
      .toBe('delivered');
    expect((await attempts(callbackId)).map((a) => [a.httpStatus, a.response])).toEqual([
      [503, 'maintenance'],
      [200, '{"ok":true}'],
    ]);
    expect(receiver.requests.map((r) => r.headers['x-cocok-event-id'])).toEqual([callbackId, callbackId]);
  } finally {
    await worker.stop();
  }
});
