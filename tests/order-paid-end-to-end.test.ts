import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { db } from '@/lib/db';
import { startWorker, type Worker } from '@/lib/jobs/worker';
import { signBody } from '@/lib/moota/signature';
import { verifyCallback } from '@/lib/store-callback/signature';
import { resetDatabase } from '@/tests/support/database';
import { PEER_ADDRESS_HEADER } from '@/lib/intake/delivery-call';

const STORE_KEY = 'store-api-key-for-the-e2e-test-0001';
const MOOTA_SECRET = 'moota-secret-e2e';
const CALLBACK_SECRET = 'callback-secret-0123456789';

const received: { body: string; signature: string }[] = [];
const store = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    received.push({ body, signature: String(request.headers['x-cocok-signature']) });
    response.writeHead(received.length === 1 ? 500 : 200).end('ok');
  });
});
let worker: Worker;

beforeAll(async () => {
  await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve));
  // Configuration is read once per process, so it is set before anything reads it.
  vi.stubEnv('STORE_API_KEYS', STORE_KEY);
  vi.stubEnv('MOOTA_WEBHOOK_SECRET', MOOTA_SECRET);
  vi.stubEnv('STORE_CALLBACK_URL', `http://127.0.0.1:${(store.address() as AddressInfo).port}/cocok`);
  vi.stubEnv('STORE_CALLBACK_SECRET', CALLBACK_SECRET);
  await resetDatabase();
  await db().setting.deleteMany();
  worker = await startWorker(process.env.DATABASE_URL!);
});

afterAll(async () => {
  await worker.stop();
  store.close();
  vi.unstubAllEnvs();
});

test('the store creates an order, Moota reports the transfer, the order is paid and the store is told', async () => {
  const { POST: createOrder } = await import('@/app/api/orders/route');
  const { GET: getOrder } = await import('@/app/api/orders/[reference]/route');
  const { POST: webhook } = await import('@/app/api/webhook/route');
  const auth = { authorization: `Bearer ${STORE_KEY}`, 'content-type': 'application/json' };

  const created = await createOrder(
    new Request('http://localhost/api/orders', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ reference: 'SHOP-7001', amount: 150000, customer_name: 'Budi' }),
    }),
  );
  expect(created.status).toBe(201);
  const order = (await created.json()) as { payable_amount: number; unique_code: number; status: string };
  expect(order.payable_amount).toBe(150000 + order.unique_code);

  const body = JSON.stringify([
    {
      mutation_id: 'e2e-mut-1',
      bank_id: 'bnk_1',
      account_number: '8730112233',
      date: '2026-11-28 10:00:00',
      description: 'TRSF E-BANKING CR BUDI',
      amount: `${order.payable_amount}.00`,
      type: 'CR',
      balance: '1000000.00',
    },
  ]);
  const answer = await webhook(
    new Request('http://localhost/api/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', signature: signBody(body, MOOTA_SECRET), [PEER_ADDRESS_HEADER]: '103.236.201.178' },
      body,
    }),
  );
  expect(answer.status).toBe(200);

  const read = async () =>
    (await (
      await getOrder(new Request('http://localhost/api/orders/SHOP-7001', { headers: auth }), { params: Promise.resolve({ reference: 'SHOP-7001' }) })
    ).json()) as { status: string; paid_amount: number };
  await expect.poll(read, { timeout: 30_000, interval: 50 }).toMatchObject({ status: 'paid', paid_amount: order.payable_amount });

  // The first callback attempt gets a 500; the queue retries and the second is accepted.
  const callback = await vi.waitFor(
    async () => {
      const stored = await db().storeCallback.findFirst({ include: { attempts: true } });
      expect(stored?.state).toBe('delivered');
      return stored!;
    },
    { timeout: 30_000, interval: 50 },
  );
  expect(callback.attempts.map((a) => a.httpStatus)).toEqual([500, 200]);
  const last = received.at(-1)!;
  expect(verifyCallback(last.body, last.signature, CALLBACK_SECRET, Math.floor(Date.now() / 1000))).toBe(true);
  expect(JSON.parse(last.body)).toMatchObject({
    event: 'order.paid',
    order: { reference: 'SHOP-7001', status: 'paid', paid_amount: order.payable_amount },
  });
}, 60_000);
