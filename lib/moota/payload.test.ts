import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  describeRefused,
  mutationInBody,
  parseDelivery,
  parseMootaJson,
  readDelivery,
  redactBody,
  redactSecrets,
  type MootaMutation,
} from './payload';
import { parseJakartaDateTime } from '@/lib/time/jakarta';

const FIXTURES = path.join(import.meta.dirname, '__fixtures__');
const fixtureText = (name: string) => readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8');
const fixture = (name: string) => JSON.parse(fixtureText(name)) as Record<string, unknown>[];
/** A mutation as the detail page shows it: from the delivery body the webhook stores. */
const storedItem = (bodyText: string, mootaId: string) => mutationInBody(redactBody(bodyText), mootaId);

function parsedMutations(json: unknown): MootaMutation[] {
  const result = parseDelivery(json);
  if (!result.ok) throw new Error(`expected the delivery to parse, got: ${result.error}`);
  return result.mutations;
}

const base = {
  mutation_id: 'mut_base',
  account_number: '8730112233',
  date: '2026-11-28 10:14:07',
  amount: '150123.00',
  type: 'CR',
  description: 'TRSF E-BANKING CR 150123.00 BUDI',
  bank_id: 'bnk_1',
};

const parseOne = (overrides: Record<string, unknown>, omit: string[] = []) => {
  const item: Record<string, unknown> = { ...base, ...overrides };
  for (const key of omit) delete item[key];
  const [mutation] = parsedMutations([item]);
  return mutation!;
};

describe('parseDelivery: fixtures', () => {
  test.each([
    {
      name: 'credit-two',
      expected: [
        {
          mootaId: 'mut_7Hq2LmP0aa',
          bankId: 'bnk_Q8a1Zx',
          bankType: 'bca',
          bankLabel: 'BCA',
          accountNumber: '8730112233',
          accountHolder: 'TOKO BERKAH JAYA',
          type: 'CR',
          amount: 150123n,
          balance: 18250000n,
          description: 'TRSF E-BANKING CR 2811/FTSCY/WS95031 150123.00 BUDI SANTOSO',
          note: '',
          occurredAt: new Date('2026-11-28T03:14:07Z'),
          paymentOrderId: null,
          taggings: [],
        },
        {
          mootaId: 'mut_7Hq2LmP0ab',
          bankId: 'bnk_Q8a1Zx',
          bankType: 'bca',
          bankLabel: 'BCA',
          accountNumber: '8730112233',
          accountHolder: 'TOKO BERKAH JAYA',
          type: 'CR',
          amount: 89457n,
          balance: 18099877n,
          description: 'TRSF E-BANKING CR 2811/FTSCY/WS95029 89457.00 SITI AMINAH',
          note: 'order 2411',
          occurredAt: new Date('2026-11-28T03:12:51Z'),
          paymentOrderId: null,
          taggings: [{ name: 'shopee', tag_id: 'tag_91' }],
        },
      ],
    },
    {
      name: 'mixed-bank-null',
      expected: [
        {
          mootaId: 'mut_Mdr0000001',
          bankId: 'bnk_Mnd77',
          bankType: null,
          bankLabel: null,
          accountNumber: '1400098765',
          accountHolder: null,
          type: 'DB',
          amount: 12500n,
          balance: 5402100n,
          description: 'BIAYA ADM',
          note: null,
          occurredAt: new Date('2026-11-28T01:01:33Z'),
          paymentOrderId: null,
          taggings: [],
        },
        {
          mootaId: 'mut_Mdr0000002',
          bankId: 'bnk_Mnd77',
          bankType: null,
          bankLabel: null,
          accountNumber: '1400098765',
          accountHolder: null,
          type: 'CR',
          amount: 275311n,
          balance: 5677411n,
          description: 'TRANSFER DARI 0081 ANDI WIJAYA',
          note: null,
          occurredAt: new Date('2026-11-28T01:03:10Z'),
          paymentOrderId: null,
          taggings: [],
        },
      ],
    },
    {
      name: 'test-webhook',
      expected: [
        {
          mootaId: 'mut_TestHook01',
          bankId: 'bnk_Q8a1Zx',
          bankType: null,
          bankLabel: null,
          accountNumber: '8730112233',
          accountHolder: null,
          type: 'CR',
          amount: 10000n,
          balance: 10000n,
          description: 'TEST WEBHOOK MOOTA',
          note: 'Testing webhook moota',
          occurredAt: new Date('2026-11-28T02:00:00Z'),
          paymentOrderId: null,
          taggings: [],
        },
      ],
    },
    {
      name: 'virtual-account',
      expected: [
        {
          mootaId: 'mut_Va00000318',
          bankId: 'bnk_VaBni1',
          bankType: 'bniva',
          bankLabel: 'BNI Virtual Account',
          accountNumber: '8808123456789012',
          accountHolder: 'TOKO BERKAH JAYA',
          type: 'CR',
          amount: 499000n,
          balance: 0n,
          description: 'VA PAYMENT INV-2026-000318',
          note: '',
          occurredAt: new Date('2026-11-28T04:40:00Z'),
          paymentOrderId: 'INV-2026-000318',
          taggings: [],
        },
      ],
    },
  ])('$name', ({ name, expected }) => {
    const result = parseDelivery(fixture(name));
    expect(result).toMatchObject({ ok: true, duplicatesInBody: 0 });
    const mutations = parsedMutations(fixture(name));
    expect(mutations).toEqual(expected);
  });

  test.each(['credit-two', 'mixed-bank-null', 'test-webhook', 'virtual-account'])(
    '%s: the stored body gives back each item as received except for the bank credentials',
    (name) => {
      const items = fixture(name);
      const mutations = parsedMutations(fixture(name));
      mutations.forEach((mutation, index) => {
        const item = structuredClone(items[index]!);
        const bank = item.bank as Record<string, unknown> | null | undefined;
        if (bank) for (const key of ['meta', 'username', 'token']) if (key in bank) bank[key] = '[redacted]';
        expect(storedItem(fixtureText(name), mutation.mootaId)).toEqual(item);
      });
    },
  );

  test.each([
    { label: 'session id in bank.meta object', name: 'credit-two', secret: 'REDACT-ME-1b2c3d' },
    { label: 'empty bank.meta array', name: 'virtual-account', secret: '"meta":[]' },
  ])('redacts $label', ({ name, secret }) => {
    expect(fixtureText(name)).toContain(secret);
    expect(redactBody(fixtureText(name))).not.toContain(secret);
    for (const mutation of parsedMutations(fixture(name))) {
      expect((storedItem(fixtureText(name), mutation.mootaId)!.bank as Record<string, unknown>).meta).toBe('[redacted]');
    }
  });

  test('keeps identifiers that look like secrets but are not', () => {
    const [mutation] = parsedMutations(fixture('credit-two'));
    const item = storedItem(fixtureText('credit-two'), mutation!.mootaId);
    expect(item).toMatchObject({ token: 'tok_7Hq2LmP0aa', bank_id: 'bnk_Q8a1Zx' });
    expect(item!.bank).toMatchObject({
      bank_id: 'bnk_Q8a1Zx',
      account_number: '8730112233',
      login_retry: 0,
      token: '[redacted]',
      username: '[redacted]',
    });
  });
});

describe('parseDelivery: lenient fields', () => {
  test.each([
    { label: 'amount as number', overrides: { amount: 150123 }, field: 'amount', expected: 150123n },
    { label: 'amount as Moota decimal string', overrides: { amount: '89457.00' }, field: 'amount', expected: 89457n },
    { label: 'amount with half sen', overrides: { amount: '12500.5' }, field: 'amount', expected: 12501n },
    { label: 'amount as number with sen', overrides: { amount: 1523.45 }, field: 'amount', expected: 1523n },
    { label: 'balance as string', overrides: { balance: '18250000.00' }, field: 'balance', expected: 18250000n },
    { label: 'balance null', overrides: { balance: null }, field: 'balance', expected: null },
    { label: 'balance absent', overrides: {}, field: 'balance', expected: null },
    { label: 'type in lower case', overrides: { type: 'cr' }, field: 'type', expected: 'CR' },
    { label: 'type with spaces', overrides: { type: ' Db ' }, field: 'type', expected: 'DB' },
    { label: 'mutation_id as number', overrides: { mutation_id: 98765 }, field: 'mootaId', expected: '98765' },
    { label: 'mutation_id of 255 characters', overrides: { mutation_id: 'm'.repeat(255) }, field: 'mootaId', expected: 'm'.repeat(255) },
    { label: 'account_number as number', overrides: { account_number: 1400098765 }, field: 'accountNumber', expected: '1400098765' },
    { label: 'bank absent', overrides: {}, field: 'bankType', expected: null },
    { label: 'bank null', overrides: { bank: null }, field: 'bankLabel', expected: null },
    { label: 'bank as PHP empty array', overrides: { bank: [] }, field: 'accountHolder', expected: null },
    { label: 'bank with type', overrides: { bank: { bank_type: 'mandiriMcmV2' } }, field: 'bankType', expected: 'mandiriMcmV2' },
    { label: 'bank without label', overrides: { bank: { bank_type: 'bri' } }, field: 'bankLabel', expected: null },
    { label: 'account holder', overrides: { bank: { atas_nama: 'TOKO BERKAH' } }, field: 'accountHolder', expected: 'TOKO BERKAH' },
    { label: 'note absent', overrides: {}, field: 'note', expected: null },
    { label: 'note null', overrides: { note: null }, field: 'note', expected: null },
    { label: 'note empty', overrides: { note: '' }, field: 'note', expected: '' },
    { label: 'description empty', overrides: { description: '' }, field: 'description', expected: '' },
    { label: 'bank_id as number', overrides: { bank_id: 77 }, field: 'bankId', expected: '77' },
    { label: 'taggings null', overrides: { taggings: null }, field: 'taggings', expected: [] },
    { label: 'taggings absent', overrides: {}, field: 'taggings', expected: [] },
    {
      label: 'taggings kept as sent',
      overrides: { taggings: [{ name: 'shopee', tag_id: 'tag_91' }] },
      field: 'taggings',
      expected: [{ name: 'shopee', tag_id: 'tag_91' }],
    },
    { label: 'payment_detail absent', overrides: {}, field: 'paymentOrderId', expected: null },
    { label: 'payment_detail null', overrides: { payment_detail: null }, field: 'paymentOrderId', expected: null },
    { label: 'payment_detail as PHP empty array', overrides: { payment_detail: [] }, field: 'paymentOrderId', expected: null },
    { label: 'payment_detail without order_id', overrides: { payment_detail: { va_number: '88' } }, field: 'paymentOrderId', expected: null },
    { label: 'QRIS order id', overrides: { payment_detail: { order_id: 'QR-77' } }, field: 'paymentOrderId', expected: 'QR-77' },
    { label: 'numeric order id', overrides: { payment_detail: { order_id: 318 } }, field: 'paymentOrderId', expected: '318' },
    { label: 'date with T', overrides: { date: '2026-11-28T10:14:07' }, field: 'occurredAt', expected: new Date('2026-11-28T03:14:07Z') },
    { label: 'date without seconds', overrides: { date: '2026-11-28 10:14' }, field: 'occurredAt', expected: new Date('2026-11-28T03:14:00Z') },
  ])('$label', ({ overrides, field, expected }) => {
    expect(parseOne(overrides)[field as keyof MootaMutation]).toEqual(expected);
  });

  test.each([
    { label: 'description absent', omit: ['description'], field: 'description', expected: '' },
    { label: 'bank_id absent', omit: ['bank_id'], field: 'bankId', expected: '' },
  ])('$label', ({ omit, field, expected }) => {
    expect(parseOne({}, omit)[field as keyof MootaMutation]).toEqual(expected);
  });

  test.each([
    { label: 'Indonesian with emoji', description: 'Transfer dari Budi 🙏 — lunas ya kak' },
    { label: 'accents and CJK', description: 'Ñoño Pérez 日本語 テスト' },
    { label: 'combining characters kept unnormalised', description: 'Jose\u0301' },
    { label: 'SQL injection', description: "'; DROP TABLE mutations; --" },
    { label: 'SQL with quotes', description: "Robert'); DELETE FROM orders WHERE ('1'='1" },
    { label: 'HTML', description: '<script>alert("x")</script>' },
    { label: 'surrounding whitespace and newlines', description: '  TRSF\nCR\t150123.00  ' },
    { label: 'backslashes', description: 'C:\\path\\%s %d ${x}' },
  ])('description preserved exactly: $label', ({ description }) => {
    const text = JSON.stringify([{ ...base, description }]);
    const mutation = parsedMutations(JSON.parse(text))[0]!;
    expect(mutation.description).toBe(description);
    expect(storedItem(text, mutation.mootaId)!.description).toBe(description);
  });

  test('extra fields are kept in the stored body', () => {
    const extra = { token: 'tok_1', created_at: '2026-11-28 10:15:02', future_field: { a: [1, 2] } };
    const text = JSON.stringify([{ ...base, ...extra }]);
    const mutation = parsedMutations(JSON.parse(text))[0]!;
    expect(storedItem(text, mutation.mootaId)).toMatchObject(extra);
  });

  test('an empty array is a delivery of nothing', () => {
    expect(parseDelivery([])).toEqual({ ok: true, mutations: [], duplicatesInBody: 0 });
  });
});

describe('parseDelivery: duplicates within one body', () => {
  test.each([
    {
      label: 'same id twice: first kept',
      items: [
        { ...base, mutation_id: 'mut_a', amount: 100 },
        { ...base, mutation_id: 'mut_a', amount: 999 },
      ],
      ids: ['mut_a'],
      amounts: [100n],
      duplicates: 1,
    },
    {
      label: 'number and string spellings of one id',
      items: [
        { ...base, mutation_id: 123, amount: 100 },
        { ...base, mutation_id: '123', amount: 200 },
      ],
      ids: ['123'],
      amounts: [100n],
      duplicates: 1,
    },
    {
      label: 'same amount, different ids: both kept',
      items: [
        { ...base, mutation_id: 'mut_a', amount: 150123 },
        { ...base, mutation_id: 'mut_b', amount: 150123 },
      ],
      ids: ['mut_a', 'mut_b'],
      amounts: [150123n, 150123n],
      duplicates: 0,
    },
    {
      label: 'three copies among others, order kept',
      items: [
        { ...base, mutation_id: 'mut_a', amount: 1 },
        { ...base, mutation_id: 'mut_b', amount: 2 },
        { ...base, mutation_id: 'mut_a', amount: 3 },
        { ...base, mutation_id: 'mut_a', amount: 4 },
        { ...base, mutation_id: 'mut_c', amount: 5 },
      ],
      ids: ['mut_a', 'mut_b', 'mut_c'],
      amounts: [1n, 2n, 5n],
      duplicates: 2,
    },
  ])('$label', ({ items, ids, amounts, duplicates }) => {
    const result = parseDelivery(items);
    expect(result.ok && result.duplicatesInBody).toBe(duplicates);
    const mutations = parsedMutations(items);
    expect(mutations.map((m) => m.mootaId)).toEqual(ids);
    expect(mutations.map((m) => m.amount)).toEqual(amounts);
  });
});

describe('parseDelivery: malformed bodies', () => {
  const withItem = (overrides: Record<string, unknown>, omit: string[] = []) => {
    const item: Record<string, unknown> = { ...base, mutation_id: 'mut_x', ...overrides };
    for (const key of omit) delete item[key];
    return [item];
  };

  test.each([
    { label: 'object', body: { mutations: [] }, error: 'body must be a JSON array of mutations, got object' },
    { label: 'number', body: 42, error: 'body must be a JSON array of mutations, got number' },
    { label: 'string', body: '[]', error: 'body must be a JSON array of mutations, got string' },
    { label: 'null', body: null, error: 'body must be a JSON array of mutations, got null' },
    { label: 'boolean', body: true, error: 'body must be a JSON array of mutations, got boolean' },
    { label: 'item is a number', body: [5], error: 'mutation 1 must be an object, got 5' },
    { label: 'item is a string', body: ['mut_1'], error: 'mutation 1 must be an object, got "mut_1"' },
    { label: 'item is null', body: [null], error: 'mutation 1 must be an object, got null' },
    { label: 'item is an array', body: [[base]], error: 'mutation 1 must be an object, got an array' },
    { label: 'mutation_id missing', body: withItem({}, ['mutation_id']), error: 'mutation 1: mutation_id is required' },
    { label: 'mutation_id null', body: withItem({ mutation_id: null }), error: 'mutation 1: mutation_id must be a string or a number, got null' },
    { label: 'mutation_id empty', body: withItem({ mutation_id: '' }), error: 'mutation 1: mutation_id must not be empty' },
    {
      label: 'mutation_id too long',
      body: withItem({ mutation_id: 'm'.repeat(256) }),
      error: `mutation 1 (${'m'.repeat(80)}…): mutation_id must be at most 255 characters, got 256`,
    },
    {
      label: 'mutation_id an object',
      body: withItem({ mutation_id: { id: 1 } }),
      error: 'mutation 1: mutation_id must be a string or a number, got an object',
    },
    { label: 'account_number missing', body: withItem({}, ['account_number']), error: 'mutation 1 (mut_x): account_number is required' },
    {
      label: 'amount text',
      body: withItem({ amount: 'abc' }),
      error: 'mutation 1 (mut_x): amount must be a number or a numeric string, got "abc"',
    },
    {
      label: 'amount with thousands separators',
      body: withItem({ amount: '1.000.000' }),
      error: 'mutation 1 (mut_x): amount must be a number or a numeric string, got "1.000.000"',
    },
    { label: 'amount missing', body: withItem({}, ['amount']), error: 'mutation 1 (mut_x): amount is required' },
    { label: 'amount zero', body: withItem({ amount: 0 }), error: 'mutation 1 (mut_x): amount must be more than 0 (the direction is in type)' },
    {
      label: 'amount negative',
      body: withItem({ amount: '-150123.00' }),
      error: 'mutation 1 (mut_x): amount must be more than 0 (the direction is in type)',
    },
    {
      label: 'amount null',
      body: withItem({ amount: null }),
      error: 'mutation 1 (mut_x): amount must be a number or a numeric string, got null',
    },
    {
      label: 'amount boolean',
      body: withItem({ amount: true }),
      error: 'mutation 1 (mut_x): amount must be a number or a numeric string, got true',
    },
    {
      label: 'balance text',
      body: withItem({ balance: 'n/a' }),
      error: 'mutation 1 (mut_x): balance must be a number or a numeric string, got "n/a"',
    },
    { label: 'type XX', body: withItem({ type: 'XX' }), error: 'mutation 1 (mut_x): type must be "CR" or "DB", got "XX"' },
    { label: 'type missing', body: withItem({}, ['type']), error: 'mutation 1 (mut_x): type is required' },
    { label: 'type a number', body: withItem({ type: 1 }), error: 'mutation 1 (mut_x): type must be "CR" or "DB", got 1' },
    {
      label: 'impossible date',
      body: withItem({ date: '2026-02-30 10:00:00' }),
      error: 'mutation 1 (mut_x): date must be a Jakarta date-time "YYYY-MM-DD HH:mm:ss", got "2026-02-30 10:00:00"',
    },
    {
      label: 'date in another format',
      body: withItem({ date: '28/11/2026 10:14' }),
      error: 'mutation 1 (mut_x): date must be a Jakarta date-time "YYYY-MM-DD HH:mm:ss", got "28/11/2026 10:14"',
    },
    {
      label: 'date as epoch number',
      body: withItem({ date: 1790000000 }),
      error: 'mutation 1 (mut_x): date must be a Jakarta date-time "YYYY-MM-DD HH:mm:ss", got 1790000000',
    },
    { label: 'date missing', body: withItem({}, ['date']), error: 'mutation 1 (mut_x): date is required' },
    {
      label: 'description an object',
      body: withItem({ description: { text: 'x' } }),
      error: 'mutation 1 (mut_x): description must be a string, a number or null, got an object',
    },
    { label: 'bank a string', body: withItem({ bank: 'bca' }), error: 'mutation 1 (mut_x): bank must be an object or null, got "bca"' },
    {
      label: 'bank label an object',
      body: withItem({ bank: { label: { id: 'BCA' } } }),
      error: 'mutation 1 (mut_x): bank.label must be a string, a number or null, got an object',
    },
    {
      label: 'taggings a string',
      body: withItem({ taggings: 'shopee' }),
      error: 'mutation 1 (mut_x): taggings must be an array or null, got "shopee"',
    },
    {
      label: 'payment_detail a string',
      body: withItem({ payment_detail: 'INV-1' }),
      error: 'mutation 1 (mut_x): payment_detail must be an object or null, got "INV-1"',
    },
    {
      label: 'bad second item names its position and id',
      body: [base, { ...base, mutation_id: 'mut_b', amount: 'abc' }],
      error: 'mutation 2 (mut_b): amount must be a number or a numeric string, got "abc"',
    },
    {
      label: 'several problems in one item',
      body: withItem({ amount: 'abc', type: 'XX' }),
      error:
        'mutation 1 (mut_x): amount must be a number or a numeric string, got "abc"; ' + 'mutation 1 (mut_x): type must be "CR" or "DB", got "XX"',
    },
    {
      label: 'problems across items',
      body: [{ ...base, type: 'XX' }, 7],
      error: 'mutation 1 (mut_base): type must be "CR" or "DB", got "XX"; mutation 2 must be an object, got 7',
    },
    {
      label: 'long values are shortened in messages',
      body: withItem({ amount: 'x'.repeat(200) }),
      error: `mutation 1 (mut_x): amount must be a number or a numeric string, got "${'x'.repeat(80)}…"`,
    },
  ])('$label', ({ body, error }) => {
    expect(parseDelivery(body)).toEqual({ ok: false, error });
  });

  test('a body with many problems reports the first ten and a count', () => {
    const body = Array.from({ length: 12 }, (_, index) => ({ ...base, mutation_id: `mut_${index}`, amount: 'abc' }));
    const result = parseDelivery(body);
    expect(result.ok).toBe(false);
    const error = result.ok ? '' : result.error;
    expect(error.split('; ')).toHaveLength(11);
    expect(error).toMatch(/^mutation 1 \(mut_0\): amount/);
    expect(error).toMatch(/; and 2 more$/);
  });

  test('one bad mutation fails the whole delivery', () => {
    expect(parseDelivery([base, { ...base, mutation_id: 'mut_b', type: 'XX' }]).ok).toBe(false);
  });
});

describe('readDelivery: what the database would refuse', () => {
  const receivedAt = parseJakartaDateTime('2026-11-28 10:30:00');
  const refusal = (overrides: Record<string, unknown>) => {
    const read = readDelivery([{ ...base, mutation_id: 'mut_bad', ...overrides }], receivedAt);
    if (!read.ok) throw new Error(read.error);
    return read.refused.flatMap((mutation) => mutation.problems);
  };

  test.each([
    { label: 'an amount beyond bigint', overrides: { amount: '9223372036854775808' }, problem: 'amount must be at most 1000000000000000 rupiah' },
    { label: 'an amount beyond the bound', overrides: { amount: '1000000000000001.00' }, problem: 'amount must be at most' },
    { label: 'a balance beyond bigint', overrides: { balance: '-99999999999999999999' }, problem: 'balance must be at most' },
    { label: 'year 0000', overrides: { date: '0000-01-01 00:00:00' }, problem: 'date must be in 2000 or later' },
    { label: 'year 0001', overrides: { date: '0001-01-01 07:00:00' }, problem: 'date must be in 2000 or later' },
    { label: 'year 9999', overrides: { date: '9999-12-31 23:59:59' }, problem: 'date must not be more than 31 days after the call arrived' },
    {
      label: 'a NUL in the description',
      overrides: { description: 'TRSF\u0000CR' },
      problem: 'description must not contain a NUL character (at position 5)',
    },
    { label: 'a lone surrogate in the note', overrides: { note: 'ok \ud83d' }, problem: 'note must not contain half of a surrogate pair' },
    { label: 'a NUL in the account holder', overrides: { bank: { atas_nama: 'TOKO\u0000' } }, problem: 'bank.atas_nama must not contain a NUL' },
    {
      label: 'a NUL in the order id',
      overrides: { payment_detail: { order_id: 'INV\u0000' } },
      problem: 'payment_detail.order_id must not contain a NUL',
    },
    {
      label: 'a NUL deep in taggings',
      overrides: { taggings: [{ name: 'ok' }, { name: 'x\u0000' }] },
      problem: 'taggings[1].name must not contain a NUL',
    },
    { label: 'a NUL in the mutation id', overrides: { mutation_id: 'mut_\u0000' }, problem: 'mutation_id must not contain a NUL' },
  ])('$label', ({ overrides, problem }) => {
    const problems = refusal(overrides);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^mutation 1 \(mut_/);
    expect(problems[0]).toContain(problem);
  });

  test('a NUL in a field that is only kept in the body (bank.meta) is not a problem: the body is stored escaped', () => {
    expect(refusal({ bank: { meta: { cookie: 'a\u0000' } } })).toEqual([]);
  });

  test('good mutations are kept beside refused ones, with each refused one’s position', () => {
    const read = readDelivery(
      [
        base,
        { ...base, mutation_id: 'mut_big', amount: '1e30' },
        { ...base, mutation_id: 'mut_old', date: '0001-01-01 00:00:00' },
        { ...base, mutation_id: 'mut_ok' },
      ],
      receivedAt,
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.mutations.map((m) => m.mootaId)).toEqual(['mut_base', 'mut_ok']);
    expect(read.refused.map((m) => m.position)).toEqual([2, 3]);
    expect(describeRefused(read.refused)).toBe(
      'mutation 2 (mut_big): amount must be a number or a numeric string, got "1e30"; mutation 3 (mut_old): date must be in 2000 or later',
    );
    expect(parseDelivery([base, { ...base, mutation_id: 'mut_old', date: '0001-01-01 00:00:00' }], receivedAt)).toEqual({
      ok: false,
      error: 'mutation 2 (mut_old): date must be in 2000 or later',
    });
  });
});

describe('redactSecrets', () => {
  test.each([
    { label: 'bank.meta object', input: { bank: { meta: { session_id: 's' } } }, expected: { bank: { meta: '[redacted]' } } },
    { label: 'bank.meta empty array', input: { bank: { meta: [] } }, expected: { bank: { meta: '[redacted]' } } },
    { label: 'bank.meta string', input: { bank: { meta: 'cookie=abc' } }, expected: { bank: { meta: '[redacted]' } } },
    { label: 'bank.meta null', input: { bank: { meta: null } }, expected: { bank: { meta: '[redacted]' } } },
    { label: 'session', input: { session: 'abc' }, expected: { session: '[redacted]' } },
    { label: 'session_id', input: { session_id: 'abc' }, expected: { session_id: '[redacted]' } },
    { label: 'access_token', input: { access_token: 'abc' }, expected: { access_token: '[redacted]' } },
    { label: 'refresh_token', input: { refresh_token: 'abc' }, expected: { refresh_token: '[redacted]' } },
    { label: 'password', input: { password: 'abc' }, expected: { password: '[redacted]' } },
    { label: 'secret', input: { secret: 'abc' }, expected: { secret: '[redacted]' } },
    { label: 'cookie', input: { cookie: 'abc' }, expected: { cookie: '[redacted]' } },
    { label: 'Authorization in any case', input: { Authorization: 'Bearer x' }, expected: { Authorization: '[redacted]' } },
    {
      label: 'suffix after underscore',
      input: { bank_password: 'x', API_SECRET: 'y' },
      expected: { bank_password: '[redacted]', API_SECRET: '[redacted]' },
    },
    { label: 'prefixed meta', input: { bank_meta: { a: 1 } }, expected: { bank_meta: '[redacted]' } },
    {
      label: 'deep inside arrays',
      input: { items: [{ auth: { access_token: 't', user: 'u' } }] },
      expected: { items: [{ auth: { access_token: '[redacted]', user: 'u' } }] },
    },
    {
      label: 'Moota identifiers kept',
      input: {
        token: 'tok_1',
        bank_id: 'bnk_1',
        bank: { bank_id: 'bnk_1', bank_type: 'bca', label: 'BCA', atas_nama: 'TOKO', account_number: '123' },
      },
      expected: {
        token: 'tok_1',
        bank_id: 'bnk_1',
        bank: { bank_id: 'bnk_1', bank_type: 'bca', label: 'BCA', atas_nama: 'TOKO', account_number: '123' },
      },
    },
    {
      label: 'credential-like keys under bank, in any spelling and depth',
      input: { bank: { username: 'u', sessionId: 's', api_key: 'k', pin: '1234', token: 't', corporate: { loginId: 'l', password2: 'p' } } },
      expected: {
        bank: {
          username: '[redacted]',
          sessionId: '[redacted]',
          api_key: '[redacted]',
          pin: '[redacted]',
          token: '[redacted]',
          corporate: { loginId: '[redacted]', password2: '[redacted]' },
        },
      },
    },
    {
      label: 'look-alike keys kept',
      input: { metadata: 1, sessions: 2, secretary: 3, password_hint: 4, sessionid: 5 },
      expected: { metadata: 1, sessions: 2, secretary: 3, password_hint: 4, sessionid: 5 },
    },
    { label: 'string', input: 'meta', expected: 'meta' },
    { label: 'number', input: 5, expected: 5 },
    { label: 'null', input: null, expected: null },
    { label: 'array of scalars', input: [1, 'a', null], expected: [1, 'a', null] },
  ])('$label', ({ input, expected }) => {
    expect(redactSecrets(input)).toEqual(expected);
  });

  test('leaves the input untouched and shares nothing with it', () => {
    const input = { bank: { meta: { session_id: 's' }, label: 'BCA' }, taggings: [{ name: 'a' }] };
    const snapshot = structuredClone(input);
    const output = redactSecrets(input);
    expect(input).toEqual(snapshot);
    expect(output.bank).not.toBe(input.bank);
    expect(output.taggings[0]).not.toBe(input.taggings[0]);
  });

  test('a "__proto__" key stays data', () => {
    const input = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>;
    const output = redactSecrets(input);
    expect(Object.keys(output)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('extreme nesting is cut off instead of exhausting the stack', () => {
    const depth = 200_000;
    const nested = JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;
    expect(JSON.stringify(redactSecrets(nested))).toContain('[redacted]');
  });
});

describe('redactBody', () => {
  test.each([
    { label: 'not JSON', text: 'hello=world&password=x', expected: 'hello=world&password=x' },
    { label: 'truncated JSON', text: '[{"mutation_id":"a",', expected: '[{"mutation_id":"a",' },
    { label: 'empty', text: '', expected: '' },
    { label: 'JSON scalar', text: '5', expected: '5' },
    { label: 'JSON reformatted', text: '[ { "a" : 1 } ]', expected: '[{"a":1}]' },
    {
      label: 'secret fields redacted',
      text: '[{"mutation_id":"m","bank":{"meta":{"session_id":"S"},"token":"bnk_1"}}]',
      expected: '[{"mutation_id":"m","bank":{"meta":"[redacted]","token":"[redacted]"}}]',
    },
    { label: 'unicode kept', text: '{"description":"Budi 🙏 日本"}', expected: '{"description":"Budi 🙏 日本"}' },
  ])('$label', ({ text, expected }) => {
    expect(redactBody(text)).toBe(expected);
  });

  test.each(['credit-two', 'mixed-bank-null', 'test-webhook', 'virtual-account'])(
    'fixture %s: stored body is the fixture with the bank credentials redacted',
    (name) => {
      const expected = fixture(name).map((item) => {
        const bank = item.bank as Record<string, unknown> | null | undefined;
        if (!bank) return item;
        const credentials = ['meta', 'username', 'token'].filter((key) => key in bank).map((key) => [key, '[redacted]']);
        return { ...item, bank: { ...bank, ...Object.fromEntries(credentials) } };
      });
      expect(JSON.parse(redactBody(fixtureText(name)))).toEqual(expected);
      expect(redactBody(fixtureText(name))).not.toContain('REDACT-ME');
      expect(redactBody(fixtureText(name))).not.toContain('tokoberkah01');
    },
  );
});

describe('mutationInBody', () => {
  const body = JSON.stringify([{ mutation_id: 'a', amount: 1 }, { mutation_id: 42, amount: 2 }, { mutation_id: 'a', amount: 3 }, null]);

  test('finds the first item with the id, as parseDelivery keeps the first', () => {
    expect(mutationInBody(body, 'a')).toEqual({ mutation_id: 'a', amount: 1 });
  });

  test('a numeric mutation_id is found by its digits', () => {
    expect(mutationInBody(body, '42')).toEqual({ mutation_id: 42, amount: 2 });
  });

  test.each([
    ['an id the body does not hold', body, 'b'],
    ['a body that is not JSON', '{"truncated', 'a'],
    ['a body that is not an array', '{"mutation_id":"a"}', 'a'],
  ])('null for %s', (_label, text, id) => {
    expect(mutationInBody(text, id)).toBeNull();
  });
});

describe('parseMootaJson', () => {
  test.each([
    {
      name: 'a big numeric id becomes its digits',
      text: '[{"mutation_id": 98765432109876543210, "amount": 1}]',
      expected: [{ mutation_id: '98765432109876543210', amount: 1 }],
    },
    { name: 'string ids stay', text: '[{"mutation_id":"abc"}]', expected: [{ mutation_id: 'abc' }] },
    { name: 'a fractional id is left to the parser', text: '{"x":1,"mutation_id":1.5}', expected: { x: 1, mutation_id: 1.5 } },
    {
      name: 'text that looks like the key inside a string is untouched',
      text: '{"description":"{\\"mutation_id\\": 12345678901234567891}"}',
      expected: { description: '{"mutation_id": 12345678901234567891}' },
    },
  ])('$name', ({ text, expected }) => {
    expect(parseMootaJson(text)).toEqual(expected);
  });
});
