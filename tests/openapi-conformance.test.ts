import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { createApiKey } from '@/lib/api-keys';
import { closeDatabase, db, inTransaction } from '@/lib/db';
import type { OrderStatus } from '@/lib/generated/prisma/client';
import { storeApiDocument, type Method } from '@/lib/openapi/document';
import { saveSettings } from '@/lib/settings/store';
import { deliverStoreCallback } from '@/lib/store-callback/deliver';
import { enqueueOrderPaymentCallbacks, enqueueOrderUnpaidCallbacks } from '@/lib/store-callback/enqueue';
import { verifyCallback } from '@/lib/store-callback/signature';
import { resetDatabase } from '@/tests/support/database';
import { freePort } from '@/tests/support/free-port';
import { OpenApiValidator, readAnswer, type Answer } from '@/tests/support/openapi';

/**
 * The real route handlers, against the real database, answer exactly what the OpenAPI document
 * says: every documented status of every operation is provoked here, and each answer's status,
 * headers, content type and body are validated against the document's schema for that status. An
 * answer with a status the document does not list fails, and so does a documented status that
 * no case here provokes. The store callbacks a real enqueue makes validate against `webhooks`.
 */

const validator = new OpenApiValidator(storeApiDocument);
const ENV_KEY = 'conformance-env-key-0123456789abcdef';
const CALLBACK_SECRET = 'conformance-callback-secret';

type Routes = Awaited<ReturnType<typeof loadRoutes>>;

async function loadRoutes() {
  return {
    orders: await import('@/app/api/orders/route'),
    order: await import('@/app/api/orders/[reference]/route'),
    cancel: await import('@/app/api/orders/[reference]/cancel/route'),
    openapi: await import('@/app/api/openapi.json/route'),
  };
}

let routes: Routes;
let key: string;

const params = (reference: string) => ({ params: Promise.resolve({ reference }) });
const headers = (auth: string | null, extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  ...(auth === null ? {} : { authorization: auth }),
  ...extra,
});
const bodyText = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body));

/** The statuses each operation answered in this file, by `METHOD path` as the document names it. */
const answered = new Map<string, Set<string>>();

/** An answer of `method path`, validated against the document: it fails the test when it does not conform. */
async function conforming(path: string, method: Method, response: Promise<Response>): Promise<Answer> {
  const answer = await readAnswer(await response);
  const operation = `${method.toUpperCase()} ${path}`;
  if (!answered.has(operation)) answered.set(operation, new Set());
  answered.get(operation)!.add(String(answer.status));
  expect(validator.responseProblems(path, method, answer), `${operation} answered ${answer.status} ${JSON.stringify(answer.body)}`).toEqual([]);
  return answer;
}

function api(using: Routes = routes, auth: string | null = `Bearer ${key}`) {
  return {
    create: (body: unknown, extra?: Record<string, string>) =>
      conforming(
        '/api/orders',
        'post',
        using.orders.POST(new Request('http://localhost/api/orders', { method: 'POST', headers: headers(auth, extra), body: bodyText(body) })),
      ),
    read: (reference: string) =>
      conforming(
        '/api/orders/{reference}',
        'get',
        using.order.GET(new Request(`http://localhost/api/orders/${encodeURIComponent(reference)}`, { headers: headers(auth) }), params(reference)),
      ),
    cancel: (reference: string, body?: unknown) =>
      conforming(
        '/api/orders/{reference}/cancel',
        'post',
        using.cancel.POST(
          new Request(`http://localhost/api/orders/${encodeURIComponent(reference)}/cancel`, {
            method: 'POST',
            headers: headers(auth),
            body: body === undefined ? undefined : bodyText(body),
          }),
          params(reference),
        ),
      ),
  };
}

const body = (answer: Answer) => answer.body as Record<string, unknown> & { error: { code: string; message: string } };

/** A paid (or otherwise allocated) order through the same rows the matcher writes: a delivery, its mutations, payments. */
async function allocatedOrder(reference: string, status: OrderStatus, payments: { amount: bigint; bankType: string | null }[]): Promise<string> {
  const order = await db().order.findUniqueOrThrow({ where: { referenceKey: reference } });
  const delivery = await db().delivery.create({
    data: { sourceAddress: '127.0.0.1', httpStatus: 200, outcome: 'accepted', signature: 'valid', headers: {}, body: '[]', bodyBytes: 2 },
  });
  let paid = 0n;
  for (const [index, payment] of payments.entries()) {
    const mutation = await db().mutation.create({
      data: {
        mootaId: `mut_${reference}_${index}`,
        deliveryId: delivery.id,
        bankId: 'bnk_1',
        bankType: payment.bankType,
        accountNumber: '8730112233',
        type: 'CR',
        amount: payment.amount,
        description: `TRSF E-BANKING CR ${reference}`,
        occurredAt: new Date(Date.UTC(2026, 10, 28, 3, 14, index)),
        taggings: [],
      },
    });
    await db().payment.create({
      data: { mutationId: mutation.id, orderId: order.id, amount: payment.amount, split: payments.length > 1, createdBy: 'worker' },
    });
    paid += payment.amount;
  }
  await db().order.update({ where: { id: order.id }, data: { status, paidAmount: paid, paidAt: payments.length ? new Date() : null } });
  return order.id;
}

beforeEach(async () => {
  await resetDatabase();
  routes = await loadRoutes();
  key = (await createApiKey('Toko Dokumen', 'test')).key;
});

describe('POST /api/orders', () => {
  test.each(Object.entries(storeApiDocument.paths['/api/orders']!.post!.requestBody!.content['application/json']!.examples!))(
    'the request example "%s" creates an order: 201',
    async (_name, example) => {
      const answer = await api().create(example.value);
      expect(answer.status).toBe(201);
      expect(body(answer)).toMatchObject({ reference: (example.value as { reference: string }).reference, status: 'pending', paid_amount: 0 });
    },
  );

  test('a retry with the same reference and amount answers the same order, unchanged: 200', async () => {
    const first = await api().create({ reference: 'INV-1001', amount: 150000, customer_name: 'Siti Rahayu' });
    const again = await api().create({ reference: 'INV-1001', amount: '150000', customer_name: 'Someone else', expires_in_minutes: 5 });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await db().order.count()).toBe(1);
  });

  test('a retry after the order was cancelled answers it as it is now: 200, cancelled', async () => {
    await api().create({ reference: 'INV-1001', amount: 150000 });
    await api().cancel('INV-1001');
    const again = await api().create({ reference: 'INV-1001', amount: 150000 });
    expect(again.status).toBe(200);
    expect(body(again).status).toBe('cancelled');
  });

  test.each([
    ['another amount', { reference: 'INV-1001', amount: 175000 }],
    ['the reference in other letter case', { reference: 'inv-1001', amount: 150000 }],
  ])('the same reference with %s is a 409 that names the order that exists', async (_label, retry) => {
    await api().create({ reference: 'INV-1001', amount: 150000 });
    const answer = await api().create(retry);
    expect(answer.status).toBe(409);
    expect(body(answer).error).toEqual({
      code: 'conflict',
      message: 'Order INV-1001 already exists with amount 150000; a reference can be used once.',
    });
    expect(await db().order.count()).toBe(1);
  });

  test('no unique code left for the amount: 409 unique_codes_exhausted', async () => {
    await saveSettings({ uniqueCodeMin: 1, uniqueCodeMax: 1 }, 'test');
    expect((await api().create({ reference: 'INV-1', amount: 50000 })).status).toBe(201);
    const answer = await api().create({ reference: 'INV-2', amount: 50000 });
    expect(answer.status).toBe(409);
    expect(body(answer).error.code).toBe('unique_codes_exhausted');
  });

  test.each<[string, unknown, number, string]>([
    ['not JSON', '{"reference": "INV-1", ', 400, 'malformed'],
    ['an empty body', '', 400, 'malformed'],
    ['an array', [{ reference: 'INV-1', amount: 1000 }], 400, 'malformed'],
    ['a body over 64 KiB', { reference: 'INV-1', amount: 1000, customer_name: 'x'.repeat(70_000) }, 413, 'too_large'],
    ['no reference', { amount: 1000 }, 422, 'invalid'],
    ['an amount with a fraction', { reference: 'INV-1', amount: 1000.5 }, 422, 'invalid'],
    ['a NUL in the customer name', { reference: 'INV-1', amount: 1000, customer_name: 'Budi\0' }, 422, 'invalid'],
  ])('%s is refused', async (_label, refused, status, code) => {
    const answer = await api().create(refused);
    expect(answer.status).toBe(status);
    expect(body(answer).error.code).toBe(code);
    expect(await db().order.count()).toBe(0);
  });
});

describe('GET /api/orders/{reference}', () => {
  test('answers the order, whatever the letter case: 200', async () => {
    const created = await api().create({ reference: 'INV-7', amount: 1000 });
    expect(await api().read('inv-7')).toMatchObject({ status: 200, body: created.body });
  });

  test('a paid order says what came in', async () => {
    await api().create({ reference: 'INV-8', amount: 150000 });
    await allocatedOrder('INV-8', 'overpaid', [{ amount: 160000n, bankType: 'bca' }]);
    const answer = await api().read('INV-8');
    expect(body(answer)).toMatchObject({ status: 'overpaid', paid_amount: 160000 });
  });

  test('an unknown order: 404', async () => {
    expect(body(await api().read('INV-404')).error.code).toBe('not_found');
  });

  test('a NUL in the reference: 422', async () => {
    const answer = await api().read('INV\0-1');
    expect(answer.status).toBe(422);
  });
});

describe('POST /api/orders/{reference}/cancel', () => {
  test.each([
    [
      'the documented example',
      storeApiDocument.paths['/api/orders/{reference}/cancel']!.post!.requestBody!.content['application/json']!.examples!.reason!.value,
    ],
    ['no body', undefined],
  ])('cancels with %s: 200, and again: 200 unchanged', async (_label, cancelBody) => {
    await api().create({ reference: 'INV-9', amount: 1000 });
    const cancelled = await api().cancel('INV-9', cancelBody);
    expect(cancelled.status).toBe(200);
    expect(body(cancelled).status).toBe('cancelled');
    expect(await api().cancel('INV-9')).toEqual(expect.objectContaining({ status: 200, body: cancelled.body }));
  });

  test.each<[string, string, unknown, number, string]>([
    ['an unknown order', 'INV-404', undefined, 404, 'not_found'],
    ['a malformed body', 'INV-9', '{"reason"', 400, 'malformed'],
    ['a body over 64 KiB', 'INV-9', { reason: 'x'.repeat(70_000) }, 413, 'too_large'],
    ['a reason that is not text', 'INV-9', { reason: 42 }, 422, 'invalid'],
    ['a reason over 500 characters', 'INV-9', { reason: 'x'.repeat(501) }, 422, 'invalid'],
  ])('%s is refused', async (_label, reference, refused, status, code) => {
    await api().create({ reference: 'INV-9', amount: 1000 });
    const answer = await api().cancel(reference, refused);
    expect(answer.status).toBe(status);
    expect(body(answer).error.code).toBe(code);
    expect((await db().order.findUniqueOrThrow({ where: { referenceKey: 'INV-9' } })).status).toBe('pending');
  });

  test.each<OrderStatus>(['paid', 'underpaid', 'overpaid'])('an order that is %s cannot be cancelled: 409', async (status) => {
    await api().create({ reference: 'INV-10', amount: 1000 });
    await allocatedOrder('INV-10', status, [{ amount: status === 'underpaid' ? 900n : 1100n, bankType: null }]);
    const answer = await api().cancel('INV-10');
    expect(answer.status).toBe(409);
    expect(body(answer).error.code).toBe('conflict');
  });
});

describe('every order route', () => {
  test.each([
    ['no Authorization header', null],
    ['an unknown key', 'Bearer cocok_not-a-key-that-exists-anywhere'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])('refuses %s: 401 with WWW-Authenticate', async (_label, auth) => {
    const refusing = api(routes, auth);
    for (const answer of [
      await refusing.create({ reference: 'INV-1', amount: 1000 }),
      await refusing.read('INV-1'),
      await refusing.cancel('INV-1'),
    ]) {
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect(await db().order.count()).toBe(0);
  });

  test('answers 500 when its database does not answer, and says to try again later', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await closeDatabase();
    vi.resetModules();
    vi.stubEnv('DATABASE_URL', `postgresql://cocok:cocok@127.0.0.1:${await freePort()}/cocok`);
    vi.stubEnv('STORE_API_KEYS', ENV_KEY);
    try {
      const down = api(await loadRoutes(), `Bearer ${ENV_KEY}`);
      for (const answer of [await down.create({ reference: 'INV-1', amount: 1000 }), await down.read('INV-1'), await down.cancel('INV-1')]) {
        expect(answer.status).toBe(500);
        expect(body(answer).error.code).toBe('internal');
      }
      expect(errors).toHaveBeenCalled();
    } finally {
      await closeDatabase();
      vi.unstubAllEnvs();
      // The next test's routes come from a fresh module graph, with the real configuration.
      vi.resetModules();
      errors.mockRestore();
    }
  });
});

describe('GET /api/openapi.json', () => {
  const get = (extra: Record<string, string> = {}) =>
    conforming('/api/openapi.json', 'get', routes.openapi.GET(new Request('http://localhost/api/openapi.json', { headers: extra })));

  test('answers this very document without a key, cacheable: 200', async () => {
    const answer = await get();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(JSON.parse(JSON.stringify(storeApiDocument)));
  });

  test('answers 304 without a body while the caller has the current version', async () => {
    const etag = (await get()).headers.get('etag')!;
    const again = await get({ 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect((await get({ 'if-none-match': '"an-old-version"' })).status).toBe(200);
  });
});

describe('the conformance cases above', () => {
  test('provoked every documented status of every operation, and nothing undocumented', () => {
    const documented = Object.fromEntries([...validator.documentedStatuses()].map(([operation, statuses]) => [operation, [...statuses].sort()]));
    const seen = Object.fromEntries([...answered].map(([operation, statuses]) => [operation, [...statuses].sort()]));
    expect(seen).toEqual(documented);
  });
});

/** A store on 127.0.0.1 that records each callback and answers 204. */
class Store {
  readonly received: { headers: IncomingHttpHeaders; body: string }[] = [];
  private server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });

  start = () => new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  stop = () => {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(resolve));
  };
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/cocok`;
  }
}

describe('store callbacks (webhooks)', () => {
  const store = new Store();
  beforeAll(() => store.start());
  afterAll(() => store.stop());
  beforeEach(async () => {
    store.received.length = 0;
    await saveSettings({ storeCallbackUrl: store.url, storeCallbackSecret: CALLBACK_SECRET }, 'test');
  });

  const webhookProblems = (payload: { event: string }) => validator.requestBodyProblems('webhooks', payload.event, 'post', payload);
  const produced = new Set<string>();

  async function enqueued(orderId: string, enqueue: typeof enqueueOrderPaymentCallbacks) {
    await inTransaction((tx) => enqueue(tx, [orderId]));
    const callback = await db().storeCallback.findFirstOrThrow({ where: { orderId }, orderBy: { createdAt: 'desc' } });
    const payload = callback.payload as { event: string; order: { status: string } };
    produced.add(payload.event);
    return { callback, payload };
  }

  test.each<[string, OrderStatus, { amount: bigint; bankType: string | null }[]]>([
    ['order.paid', 'paid', [{ amount: 150123n, bankType: 'bca' }]],
    [
      'order.paid',
      'overpaid',
      [
        { amount: 150000n, bankType: 'bca' },
        { amount: 5000n, bankType: null },
      ],
    ],
    ['order.underpaid', 'underpaid', [{ amount: 149000n, bankType: null }]],
  ])('a real enqueue of %s (order %s) fits the document', async (event, status, payments) => {
    await api().create({ reference: 'INV-CB', amount: 150000, customer_name: 'Siti Rahayu' });
    const { payload } = await enqueued(await allocatedOrder('INV-CB', status, payments), enqueueOrderPaymentCallbacks);
    expect(payload).toMatchObject({ event, order: { status } });
    expect(webhookProblems(payload)).toEqual([]);
  });

  test.each<[OrderStatus, { amount: bigint; bankType: string | null }[]]>([
    ['pending', []],
    ['underpaid', [{ amount: 100000n, bankType: 'mandiri' }]],
  ])('a real enqueue of order.unpaid (order %s again) fits the document', async (status, payments) => {
    await api().create({ reference: 'INV-CB', amount: 150000 });
    const { payload } = await enqueued(await allocatedOrder('INV-CB', status, payments), enqueueOrderUnpaidCallbacks);
    expect(payload).toMatchObject({ event: 'order.unpaid', order: { status } });
    expect(webhookProblems(payload)).toEqual([]);
  });

  test('a delivered callback has the documented headers and body, signed as documented', async () => {
    await api().create({ reference: 'INV-CB', amount: 150000 });
    const { callback } = await enqueued(await allocatedOrder('INV-CB', 'paid', [{ amount: 150123n, bankType: 'bca' }]), enqueueOrderPaymentCallbacks);
    expect(await deliverStoreCallback(callback.id)).toBe('delivered');
    expect(store.received).toHaveLength(1);
    const [{ headers: sent, body: raw }] = store.received as [{ headers: IncomingHttpHeaders; body: string }];
    const payload = JSON.parse(raw) as { event: string; id: string };
    expect(webhookProblems(payload)).toEqual([]);
    const operation = storeApiDocument.webhooks[payload.event]!.post!;
    expect(sent['content-type']).toBe(Object.keys(operation.requestBody!.content)[0]);
    for (const [index, parameter] of (operation.parameters ?? []).entries()) {
      const value = sent[parameter.name.toLowerCase()];
      expect(value, parameter.name).toEqual(expect.any(String));
      expect(validator.problems(`/webhooks/${payload.event}/post/parameters/${index}/schema`, value), parameter.name).toEqual([]);
    }
    expect(sent['x-cocok-event']).toBe(payload.event);
    expect(sent['x-cocok-event-id']).toBe(payload.id);
    expect(verifyCallback(raw, sent['x-cocok-signature'] as string, CALLBACK_SECRET, Math.floor(Date.now() / 1000))).toBe(true);
  });

  test('every documented callback was produced by a real enqueue above', () => {
    expect([...produced].sort()).toEqual(Object.keys(storeApiDocument.webhooks).sort());
  });
});
