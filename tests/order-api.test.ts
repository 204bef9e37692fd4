import { beforeEach, describe, expect, test, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '@/tests/support/database';
import { expectSoundDatabase } from '@/tests/support/invariants';

const ENV_KEY = 'store-env-key-0123456789abcdef';

/** What the order API answers: the order's fields, or `error` when it refuses. */
interface OrderAnswer {
  reference: string;
  status: string;
  unique_code: number;
  payable_amount: number;
  created_at: string;
  expires_at: string;
  error: { code: string; message: string };
}

/** The routes and libraries in a fresh module graph, so environment stubs and settings caches start clean. */
async function load(env: Record<string, string> = {}) {
  vi.resetModules();
  vi.unstubAllEnvs();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const orders = await import('@/app/api/orders/route');
  const order = await import('@/app/api/orders/[reference]/route');
  const cancel = await import('@/app/api/orders/[reference]/cancel/route');
  const { createApiKey, revokeApiKey } = await import('@/lib/api-keys');
  const { saveSettings } = await import('@/lib/settings/store');
  const { parseOrdersCsv } = await import('@/lib/orders/csv-import');
  const { importOrders } = await import('@/lib/orders/import-orders');
  const { key, apiKey } = await createApiKey('Toko Berkah', 'test');

  const headers = (auth: string | null) => ({
    'content-type': 'application/json',
    ...(auth === null ? {} : { authorization: auth }),
  });
  const call = async (response: Promise<Response>) => {
    const answered = await response;
    return { status: answered.status, json: (await answered.json()) as OrderAnswer };
  };
  const params = (reference: string) => ({ params: Promise.resolve({ reference }) });

  return {
    key,
    apiKey,
    revokeApiKey,
    saveSettings,
    parseOrdersCsv,
    importOrders,
    create: (body: unknown, auth: string | null = `Bearer ${key}`) =>
      call(
        orders.POST(
          new Request('http://localhost/api/orders', {
            method: 'POST',
            headers: headers(auth),
            body: typeof body === 'string' ? body : JSON.stringify(body),
          }),
        ),
      ),
    get: (reference: string, auth: string | null = `Bearer ${key}`) =>
      call(order.GET(new Request(`http://localhost/api/orders/${encodeURIComponent(reference)}`, { headers: headers(auth) }), params(reference))),
    cancel: (reference: string, body?: unknown, auth: string | null = `Bearer ${key}`) =>
      call(
        cancel.POST(
          new Request(`http://localhost/api/orders/${encodeURIComponent(reference)}/cancel`, {
            method: 'POST',
            headers: headers(auth),
            body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
          }),
          params(reference),
        ),
      ),
  };
}

type Api = Awaited<ReturnType<typeof load>>;

beforeEach(resetDatabase);

describe('API keys', () => {
  test.each<[string, (api: Api) => string | null]>([
    ['no Authorization header', () => null],
    ['an unknown key', () => 'Bearer cocok_not-a-key-that-exists-anywhere'],
    ['the key without "Bearer"', (api) => api.key],
    ['another scheme', (api) => `Basic ${api.key}`],
    ['an empty bearer', () => 'Bearer '],
  ])('%s is refused with 401 on every route, before the body is read', async (_label, auth) => {
    const api = await load();
    const header = auth(api);
    for (const { status, json } of [
      await api.create('{not json', header),
      await api.get('INV-1', header),
      await api.cancel('INV-1', undefined, header),
    ]) {
      expect(status).toBe(401);
      expect(json.error).toEqual({ code: 'unauthorized', message: expect.stringMatching(/Authorization: Bearer/) });
    }
    expect(await db().order.count()).toBe(0);
  });

  test('a revoked key is refused', async () => {
    const api = await load();
    expect((await api.create({ reference: 'INV-1', amount: 1000 })).status).toBe(201);
    await api.revokeApiKey(api.apiKey.id, 'test');
    const { status, json } = await api.get('INV-1');
    expect(status).toBe(401);
    expect(json.error.code).toBe('unauthorized');
  });

  test('a key from STORE_API_KEYS works and is recorded as api:env', async () => {
    const api = await load({ STORE_API_KEYS: `other-env-key-0123456789abcdef, ${ENV_KEY}` });
    const { status } = await api.create({ reference: 'INV-ENV', amount: 1000 }, `Bearer ${ENV_KEY}`);
    expect(status).toBe(201);
    const history = await db().historyEntry.findFirstOrThrow({ where: { action: 'order_created' } });
    expect(history.actor).toBe('api:env');
    expect((await api.create({ reference: 'INV-X', amount: 1000 }, `Bearer ${ENV_KEY}x`)).status).toBe(401);
  });

  test('a dashboard key is recorded as api:<name> and marks the key used', async () => {
    const api = await load();
    await api.create({ reference: 'INV-1', amount: 1000 }, `bearer ${api.key}`);
    const history = await db().historyEntry.findFirstOrThrow({ where: { action: 'order_created' } });
    expect(history.actor).toBe('api:Toko Berkah');
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: api.apiKey.id } })).lastUsedAt).toBeInstanceOf(Date);
  });
});

describe('creating orders', () => {
  test('a new order answers 201 with its unique code and payable amount', async () => {
    const api = await load();
    const { status, json } = await api.create({ reference: 'INV-1001', amount: 150000, customer_name: 'Siti Aminah' });
    expect(status).toBe(201);
    expect(json).toMatchObject({
      reference: 'INV-1001',
      amount: 150000,
      status: 'pending',
      customer_name: 'Siti Aminah',
      paid_amount: 0,
      paid_at: null,
    });
    expect(json.unique_code).toBeGreaterThanOrEqual(1);
    expect(json.unique_code).toBeLessThanOrEqual(999);
    expect(json.payable_amount).toBe(150000 + json.unique_code);
    expect(new Date(json.created_at).toISOString()).toBe(json.created_at);
    expect(Date.parse(json.expires_at) - Date.parse(json.created_at)).toBe(24 * 60 * 60_000);
    expect(Object.keys(json).sort()).toEqual(
      [
        'amount',
        'created_at',
        'customer_name',
        'expires_at',
        'paid_amount',
        'paid_at',
        'pay_url',
        'payable_amount',
        'reference',
        'status',
        'unique_code',
      ].sort(),
    );
    expect(await db().order.findUniqueOrThrow({ where: { referenceKey: 'INV-1001' } })).toMatchObject({ source: 'api' });
  });

  test('the same reference and amount again answers 200 with the same order', async () => {
    const api = await load();
    const first = await api.create({ reference: 'INV-1', amount: 150000 });
    const again = await api.create({ reference: 'INV-1', amount: '150000' });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(await db().order.count()).toBe(1);
  });

  test('the same reference with another amount is a 409 conflict', async () => {
    const api = await load();
    await api.create({ reference: 'INV-1', amount: 150000 });
    const { status, json } = await api.create({ reference: 'INV-1', amount: 175000 });
    expect(status).toBe(409);
    expect(json.error).toEqual({ code: 'conflict', message: expect.stringMatching(/INV-1 already exists/) });
  });

  test.each<[string, string | object, number, string, RegExp]>([
    ['malformed JSON', '{"reference": "INV-1", ', 400, 'malformed', /not valid JSON/],
    ['an empty body', '', 400, 'malformed', /body is empty/],
    ['an array', '[{"reference": "INV-1", "amount": 1000}]', 400, 'malformed', /must be a JSON object/],
    ['null', 'null', 400, 'malformed', /must be a JSON object/],
    ['a missing reference', { amount: 1000 }, 422, 'invalid', /reference: reference is required/],
    ['a negative amount', { reference: 'INV-1', amount: -1000 }, 422, 'invalid', /amount: amount must be more than 0/],
    ['a fractional amount', { reference: 'INV-1', amount: 1000.5 }, 422, 'invalid', /amount: amount must be whole rupiah/],
    ['an amount with thousands separators', { reference: 'INV-1', amount: '150.000' }, 422, 'invalid', /thousands separators are ambiguous/],
    ['an amount that is not a number', { reference: 'INV-1', amount: true }, 422, 'invalid', /amount/],
    ['a reference with spaces', { reference: 'INV 1', amount: 1000 }, 422, 'invalid', /reference may only contain/],
    ['a body over 64 KiB', { reference: 'INV-1', amount: 1000, customer_name: 'x'.repeat(70_000) }, 413, 'too_large', /65536 bytes/],
  ])('%s is refused', async (_label, body, status, code, message) => {
    const api = await load();
    const { status: answered, json } = await api.create(body);
    expect(answered).toBe(status);
    expect(json.error.code).toBe(code);
    expect(json.error.message).toMatch(message);
    expect(await db().order.count()).toBe(0);
  });

  test('two orders of the same amount have different payable amounts', async () => {
    const api = await load();
    const a = await api.create({ reference: 'INV-A', amount: 150000 });
    const b = await api.create({ reference: 'INV-B', amount: 150000 });
    expect(a.json.payable_amount).not.toBe(b.json.payable_amount);
  });

  test('when every unique code of an amount is taken the next order is refused, also while a cancelled one holds its amount', async () => {
    const api = await load();
    await api.saveSettings({ uniqueCodeMin: 1, uniqueCodeMax: 2 }, 'test');
    const first = await api.create({ reference: 'INV-1', amount: 50000 });
    const second = await api.create({ reference: 'INV-2', amount: 50000 });
    expect([first.json.unique_code, second.json.unique_code].sort()).toEqual([1, 2]);

    const third = await api.create({ reference: 'INV-3', amount: 50000 });
    expect(third.status).toBe(409);
    expect(third.json.error).toEqual({ code: 'unique_codes_exhausted', message: expect.stringMatching(/Every unique code from 1 to 2/) });
    expect((await api.create({ reference: 'INV-OTHER', amount: 60000 })).status).toBe(201);

    await api.cancel('INV-1');
    expect((await api.create({ reference: 'INV-3', amount: 50000 })).status).toBe(409);
    await api.saveSettings({ closedAmountHoldDays: 0 }, 'test');
    const retried = await api.create({ reference: 'INV-3', amount: 50000 });
    expect(retried.status).toBe(201);
    expect(retried.json.payable_amount).toBe(first.json.payable_amount);
  });

  test('20 orders of the same amount created at once all get distinct payable amounts', async () => {
    const api = await load();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => api.create({ reference: `RACE-${i}`, amount: 99000 })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.json.payable_amount)).size).toBe(20);
    expect(await db().order.count({ where: { status: 'pending' } })).toBe(20);
    await expectSoundDatabase();
  });
});

describe('reading and cancelling orders', () => {
  test('GET answers the order, case-insensitively, or 404', async () => {
    const api = await load();
    const created = await api.create({ reference: 'INV-7', amount: 1000 });
    expect(await api.get('INV-7')).toEqual({ status: 200, json: created.json });
    expect((await api.get('inv-7')).json.reference).toBe('INV-7');
    const missing = await api.get('INV-404');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toEqual({ code: 'not_found', message: 'there is no order INV-404' });
  });

  test('cancel answers the cancelled order, again without error, and records the reason', async () => {
    const api = await load();
    await api.create({ reference: 'INV-8', amount: 1000 });
    const cancelled = await api.cancel('INV-8', { reason: 'customer changed their mind' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ reference: 'INV-8', status: 'cancelled' });
    const again = await api.cancel('INV-8');
    expect(again).toEqual({ status: 200, json: cancelled.json });
    const history = await db().historyEntry.findMany({ where: { action: 'order_cancelled' } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actor: 'api:Toko Berkah', reason: 'customer changed their mind' });
  });

  test.each<[string, string, unknown, number, string]>([
    ['an unknown order', 'INV-404', undefined, 404, 'not_found'],
    ['a reason that is not text', 'INV-9', { reason: 42 }, 422, 'invalid'],
    ['a malformed body', 'INV-9', '{"reason"', 400, 'malformed'],
  ])('cancelling %s is refused', async (_label, reference, body, status, code) => {
    const api = await load();
    await api.create({ reference: 'INV-9', amount: 1000 });
    const { status: answered, json } = await api.cancel(reference, body);
    expect(answered).toBe(status);
    expect(json.error.code).toBe(code);
    expect((await db().order.findUniqueOrThrow({ where: { referenceKey: 'INV-9' } })).status).toBe('pending');
  });

  test('a paid order cannot be cancelled: 409', async () => {
    const api = await load();
    await api.create({ reference: 'INV-PAID', amount: 1000 });
    await db().order.update({ where: { referenceKey: 'INV-PAID' }, data: { status: 'paid', paidAt: new Date(), paidAmount: 1001n } });
    const { status, json } = await api.cancel('INV-PAID');
    expect(status).toBe(409);
    expect(json.error).toEqual({ code: 'conflict', message: expect.stringMatching(/INV-PAID is already paid/) });
  });
});

describe('CSV import', () => {
  test('valid rows are created, existing ones found, invalid and conflicting ones fail with their reason', async () => {
    const api = await load();
    await api.create({ reference: 'CSV-OLD', amount: 20000 });
    await api.create({ reference: 'CSV-CONFLICT', amount: 30000 });
    const { rows, errors } = api.parseOrdersCsv(
      [
        'Referensi;Jumlah;Nama',
        'CSV-1;Rp 150.000;Siti',
        'CSV-OLD;20.000;',
        'CSV-2;150.000,50;Budi',
        'CSV-CONFLICT;31.000;',
        'CSV-1;150000;duplicate',
        '',
      ].join('\r\n'),
    );
    expect(errors).toEqual([]);
    const progress: [number, number][] = [];
    const results = await api.importOrders(rows, 'admin@toko', (done, total) => progress.push([done, total]));

    expect(results.map(({ line, reference, status }) => ({ line, reference, status }))).toEqual([
      { line: 2, reference: 'CSV-1', status: 'created' },
      { line: 3, reference: 'CSV-OLD', status: 'existing' },
      { line: 4, reference: 'CSV-2', status: 'failed' },
      { line: 5, reference: 'CSV-CONFLICT', status: 'failed' },
      { line: 6, reference: 'CSV-1', status: 'failed' },
    ]);
    expect(results[0]!.payableAmount).toBe(150000n + BigInt(results[0]!.uniqueCode!));
    expect(results[2]!.problems).toEqual([{ amountError: { code: 'amountNotWhole', params: { value: '150.000,50' } } }]);
    expect(results[3]!.error).toEqual({ code: 'referenceTaken', params: { reference: 'CSV-CONFLICT', amount: '30000' } });
    expect(results[4]!.problems).toEqual([{ code: 'duplicateReference', params: { reference: 'CSV-1', line: 2 } }]);
    expect(progress).toEqual([1, 2, 3, 4, 5].map((done) => [done, 5]));

    const created = await db().order.findUniqueOrThrow({ where: { referenceKey: 'CSV-1' } });
    expect(created).toMatchObject({ source: 'csv', amount: 150000n, customerName: 'Siti' });
    expect(await db().historyEntry.count({ where: { action: 'order_created', actor: 'admin@toko' } })).toBe(1);
  });
});
