import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { createApiKey } from '@/lib/api-keys';
import { db } from '@/lib/db';
import { storeApiDocument, type Method } from '@/lib/openapi/document';
import { parseOrdersCsv } from '@/lib/orders/csv-import';
import { importOrders } from '@/lib/orders/import-orders';
import { resetDatabase } from '@/tests/support/database';
import { DEEP_ARRAY, DEEP_OBJECT, FUZZ_SEED, HOSTILE_NUMBERS, HOSTILE_TEXT, hostileRecord, hostileText, hostileValue } from '@/tests/support/hostile';
import { OpenApiValidator, readAnswer } from '@/tests/support/openapi';
import { rowCounts } from '@/tests/support/row-counts';

const { POST: createRoute } = await import('@/app/api/orders/route');
const { GET: readRoute } = await import('@/app/api/orders/[reference]/route');
const { POST: cancelRoute } = await import('@/app/api/orders/[reference]/cancel/route');

let key: string;
const OPEN = ['INV-FUZZ-1', 'INV-FUZZ-2', 'INV-FUZZ-3'];

interface Answer {
  status: number;
  json: { reference?: string; customer_name?: string | null; status?: string; error?: { code: string; message: string } };
}

const documented = new OpenApiValidator(storeApiDocument);

/** Whatever the input, the answer is one the OpenAPI document describes: a documented status, with its shape. */
async function answer(path: string, method: Method, response: Response): Promise<Answer> {
  const read = await readAnswer(response);
  expect(documented.responseProblems(path, method, read), `${method.toUpperCase()} ${path} answered ${read.status}`).toEqual([]);
  return { status: read.status, json: read.body as Answer['json'] };
}
const bodyText = (body: unknown) => (typeof body === 'string' ? body : (JSON.stringify(body) ?? 'null'));
const post = (url: string, body: unknown) =>
  new Request(url, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: bodyText(body) });
const params = (reference: string) => ({ params: Promise.resolve({ reference }) });

const create = async (body: unknown) => answer('/api/orders', 'post', await createRoute(post('http://localhost/api/orders', body)));
const read = async (reference: string) =>
  answer(
    '/api/orders/{reference}',
    'get',
    await readRoute(new Request('http://localhost/api/orders/x', { headers: { authorization: `Bearer ${key}` } }), params(reference)),
  );
const cancel = async (reference: string, body: unknown) =>
  answer('/api/orders/{reference}/cancel', 'post', await cancelRoute(post('http://localhost/api/orders/x/cancel', body), params(reference)));

/** A refusal is a 4xx that says why; anything else must not be a 5xx. */
function expectRefusedOrAnswered({ status, json }: Answer) {
  expect(status, JSON.stringify(json)).toBeLessThan(500);
  if (status >= 400) {
    expect(json.error?.message, 'a refusal says why').toMatch(/\S/);
  }
}

beforeAll(async () => {
  await resetDatabase();
  key = (await createApiKey('Toko Fuzz', 'test')).key;
  for (const [index, reference] of OPEN.entries()) expect((await create({ reference, amount: 10_000 + index })).status).toBe(201);
});

describe("the review's cases, through the real store API", () => {
  test.each([
    ['a NUL in the reference', { reference: 'INV\0-1', amount: 150_000 }, /reference contains a character that cannot be stored/],
    [
      'a NUL in the customer name',
      { reference: 'INV-NUL-1', amount: 150_000, customer_name: 'Budi\0' },
      /customer_name contains a character that cannot be stored/,
    ],
    ['a lone surrogate in the customer name', { reference: 'INV-NUL-2', amount: 150_000, customer_name: 'Budi \uD83D' }, /customer_name contains/],
    ['a NUL in a key', { reference: 'INV-NUL-3', amount: 150_000, ['x\0']: 1 }, /contains a character that cannot be stored/],
  ])('%s: 422 with a message, no order', async (_label, body, message) => {
    const before = await rowCounts();
    const { status, json } = await create(body);
    expect(status).toBe(422);
    expect(json.error!.message).toMatch(message);
    expect(await rowCounts()).toEqual(before);
  });

  test('a NUL in the cancel reason: 422 with a message, the order stays open', async () => {
    const { status, json } = await cancel('INV-FUZZ-1', { reason: 'salah\0kirim' });
    expect(status).toBe(422);
    expect(json.error!.message).toMatch(/reason contains a character that cannot be stored/);
    expect((await read('INV-FUZZ-1')).json.status).toBe('pending');
  });

  test.each([
    ['read', () => read('INV\0-1')],
    ['cancel', () => cancel('INV\0-1', {})],
  ])('a NUL in the reference of the path (%s): 422 with a message', async (_label, call) => {
    const { status, json } = await call();
    expect(status).toBe(422);
    expect(json.error!.message).toMatch(/reference contains a character that cannot be stored/);
  });

  test.each([
    ['nested thousands deep (arrays)', `{"reference":"INV-DEEP-1","amount":1000,"customer_name":${DEEP_ARRAY}}`],
    ['nested thousands deep (objects)', `{"reference":"INV-DEEP-2","amount":1000,"x":${DEEP_OBJECT}}`],
  ])('%s: answered, not a 500', async (_label, body) => {
    expectRefusedOrAnswered(await create(body));
  });
});

const orderBody = hostileRecord({
  reference: fc.oneof(hostileText(70), fc.stringMatching(/^INV-[A-Z0-9]{1,12}$/)),
  amount: fc.oneof(fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom(...HOSTILE_NUMBERS), hostileText(30)),
  customer_name: hostileText(220),
  account_number: fc.oneof(fc.stringMatching(/^[0-9 -]{1,40}$/), hostileText(50)),
  expires_in_minutes: fc.oneof(fc.integer({ min: -10, max: 200_000 }), fc.constantFrom(...HOSTILE_NUMBERS)),
});

describe('fuzzing the store API (fixed seed, bounded runs)', () => {
  test('creating: a 4xx with a message and nothing written, or an order that reads back exactly as sent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(orderBody, hostileValue, hostileText(200)), async (body) => {
        const before = await rowCounts();
        const created = await create(body);
        expectRefusedOrAnswered(created);
        if (created.status >= 400) {
          expect(await rowCounts()).toEqual(before);
          return;
        }
        const sent = body as { reference: string; customer_name?: string | null };
        const back = await read(sent.reference);
        expect(back.status).toBe(200);
        expect(back.json).toEqual(created.json);
        // Stored verbatim, as the schema reads it: trimmed, an empty name is no name.
        if (created.status === 201) expect(back.json.customer_name).toBe(sent.customer_name?.trim() || null);
      }),
      {
        seed: FUZZ_SEED,
        numRuns: 150,
        examples: [
          ...HOSTILE_TEXT.map((text) => [{ reference: 'INV-EX-1', amount: 150_000, customer_name: text }] as [unknown]),
          ...HOSTILE_TEXT.map((text) => [{ reference: text, amount: 150_000 }] as [unknown]),
          ...HOSTILE_NUMBERS.map((amount) => [{ reference: 'INV-EX-2', amount }] as [unknown]),
          [{ reference: 'INV-EX-3', amount: 1000, expires_in_minutes: '0000-01-01' }],
          ['{not json'],
          [DEEP_ARRAY],
        ],
      },
    );
  });

  test('reading: any reference is an order, a 404 or a 4xx that says why', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...OPEN), hostileText(100)), async (reference) => {
        const found = await read(reference);
        expectRefusedOrAnswered(found);
        if (found.status === 200) expect(found.json.reference?.toUpperCase()).toBe(reference.trim().toUpperCase());
      }),
      { seed: FUZZ_SEED, numRuns: 100, examples: HOSTILE_TEXT.map((text) => [text]) },
    );
  });

  test('cancelling: a 4xx with a message and nothing written, or the order cancelled with the reason as sent', async () => {
    let fresh = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant('new'), fc.constantFrom(...OPEN), hostileText(70)),
        fc.oneof(hostileRecord({ reason: hostileText(520) }), hostileValue, hostileText(50)),
        async (which, body) => {
          let reference = which;
          if (which === 'new') {
            reference = `INV-CANCEL-${++fresh}`;
            expect((await create({ reference, amount: 50_000 + fresh })).status).toBe(201);
          }
          const before = await rowCounts();
          const cancelled = await cancel(reference, body);
          expectRefusedOrAnswered(cancelled);
          if (cancelled.status >= 400) {
            expect(await rowCounts()).toEqual(before);
            return;
          }
          expect(cancelled.json.status).toBe('cancelled');
          const history = await db().historyEntry.findMany({
            where: { action: 'order_cancelled', order: { referenceKey: reference.trim().toUpperCase() } },
            select: { reason: true },
          });
          const reason = (body as { reason?: unknown }).reason;
          if (which === 'new') expect(history).toEqual([{ reason: (typeof reason === 'string' && reason.trim()) || null }]);
        },
      ),
      {
        seed: FUZZ_SEED,
        numRuns: 100,
        examples: [...HOSTILE_TEXT.map((reason) => ['new', { reason }] as [string, unknown]), ['new', DEEP_OBJECT], ['INV\0-1', {}]],
      },
    );
  });
});

describe('fuzzing the CSV import (fixed seed, bounded runs)', () => {
  const HEADER = 'reference;amount;customer_name;account_number;expires_in_minutes';
  const csvCell = fc.oneof(hostileText(40), fc.stringMatching(/^[A-Z]{3}-[0-9]{1,6}$/), fc.integer({ min: 1, max: 9_999_999 }).map(String));
  const csvFile = fc.oneof(
    fc
      .array(fc.array(csvCell, { minLength: 1, maxLength: 6 }), { maxLength: 6 })
      .map((rows) => [HEADER, ...rows.map((cells) => cells.join(';'))].join('\n')),
    fc.uint8Array({ maxLength: 400 }).map((bytes) => new TextDecoder().decode(bytes)),
    hostileText(400),
  );

  test('every row is created and stored as read, or failed with a reason; a failed row writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, async (text) => {
        const parsed = parseOrdersCsv(text);
        const before = await db().order.count();
        const results = await importOrders(parsed.rows, 'fuzz');
        let created = 0;
        for (const [index, result] of results.entries()) {
          if (result.status === 'failed') {
            expect(result.error ?? result.problems, JSON.stringify(result)).toBeTruthy();
            continue;
          }
          const row = parsed.rows[index]!;
          const stored = await db().order.findUniqueOrThrow({ where: { referenceKey: result.reference.toUpperCase() } });
          if (result.status === 'created') {
            created++;
            expect(stored.customerName).toBe((row.input as { customer_name: string | null }).customer_name);
          }
        }
        expect(await db().order.count()).toBe(before + created);
      }),
      {
        seed: FUZZ_SEED,
        numRuns: 60,
        examples: [
          [`${HEADER}\nINV-CSV-1;150000;Budi\0;;\nINV-CSV-2;150001;Siti;;`],
          [`${HEADER}\nINV-CSV-3;150000;Kopi \uD83D;;`],
          [`${HEADER}\nINV\0CSV;150000;;;`],
          [`\0\0\0`],
        ],
      },
    );
  });
});
