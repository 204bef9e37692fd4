import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseMachineAmount } from '@/lib/money';
import { parseJakartaDateTime } from '@/lib/time/jakarta';
import { signBody, verifySignature } from '@/lib/moota/signature';
import { createMootaGenerator, DEMO_ACCOUNTS, signedDelivery, type MootaMutationJson, type MutationOverrides } from './moota-generator';

const NOW = new Date('2026-11-28T05:00:00Z');
const SECRET = 'cocok-test-secret';
const FIXTURE_HEADERS = JSON.parse(readFileSync(path.join(import.meta.dirname, '../moota/__fixtures__/headers.json'), 'utf8')) as Record<
  string,
  string
>;

const sample = (seed: number, count = 500) => createMootaGenerator({ seed, now: NOW }).delivery(count).mutations;

describe('createMootaGenerator', () => {
  test.each([{ seed: 1 }, { seed: 42 }, { seed: 0xffffffff }])('seed $seed gives the same deliveries twice', ({ seed }) => {
    const first = createMootaGenerator({ seed, now: NOW });
    const second = createMootaGenerator({ seed, now: NOW });
    expect(second.delivery(50).body).toBe(first.delivery(50).body);
    expect(second.mutation({ type: 'DB' })).toEqual(first.mutation({ type: 'DB' }));
  });

  test('different seeds give different mutations', () => {
    expect(sample(1, 5)).not.toEqual(sample(2, 5));
  });

  test('reports the seed it uses, also when it picked one itself', () => {
    const generator = createMootaGenerator({ now: NOW });
    expect(Number.isInteger(generator.seed)).toBe(true);
    expect(createMootaGenerator({ seed: generator.seed, now: NOW }).delivery(3).body).toBe(generator.delivery(3).body);
  });

  test('mutation ids and tokens are unique', () => {
    const mutations = sample(7, 5000);
    expect(new Set(mutations.map((m) => m.mutation_id)).size).toBe(mutations.length);
    expect(new Set(mutations.map((m) => m.token)).size).toBe(mutations.length);
    expect(mutations.every((m) => m.mutation_id.startsWith('sim_'))).toBe(true);
  });

  test.each([
    { field: 'amount', value: (m: MootaMutationJson) => m.amount },
    { field: 'balance', value: (m: MootaMutationJson) => m.balance },
  ])('every $field is whole rupiah, as a number or a "123456.00" string', ({ value }) => {
    for (const mutation of sample(3)) {
      const money = value(mutation);
      if (typeof money === 'number') expect(Number.isSafeInteger(money)).toBe(true);
      else expect(money).toMatch(/^-?\d+\.00$/);
      parseMachineAmount(money);
    }
  });

  test('amounts are positive and come both as numbers and as strings', () => {
    const amounts = sample(4).map((m) => m.amount);
    expect(amounts.every((amount) => parseMachineAmount(amount) > 0n)).toBe(true);
    expect(amounts.some((amount) => typeof amount === 'number')).toBe(true);
    expect(amounts.some((amount) => typeof amount === 'string')).toBe(true);
  });

  test.each([{ field: 'date' as const }, { field: 'created_at' as const }, { field: 'updated_at' as const }])(
    '$field is a Jakarta date-time no later than now',
    ({ field }) => {
      for (const mutation of sample(5)) {
        expect(mutation[field]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
        expect(parseJakartaDateTime(mutation[field]).getTime()).toBeLessThanOrEqual(NOW.getTime());
      }
    },
  );

  test('a mutation is recorded after it happened', () => {
    for (const mutation of sample(6)) {
      expect(parseJakartaDateTime(mutation.created_at).getTime()).toBeGreaterThanOrEqual(parseJakartaDateTime(mutation.date).getTime());
    }
  });

  test('mixes the shapes Moota sends: both types, bank object, null, absent, virtual accounts', () => {
    const mutations = sample(8, 1000);
    expect(new Set(mutations.map((m) => m.type))).toEqual(new Set(['CR', 'DB']));
    expect(mutations.filter((m) => m.type === 'CR').length).toBeGreaterThan(mutations.length / 2);
    expect(mutations.some((m) => m.bank === null)).toBe(true);
    expect(mutations.some((m) => !('bank' in m))).toBe(true);
    expect(mutations.some((m) => typeof m.bank === 'object' && m.bank !== null)).toBe(true);
    expect(mutations.some((m) => m.payment_detail?.order_id)).toBe(true);
    expect(new Set(mutations.map((m) => m.account_number))).toEqual(new Set(DEMO_ACCOUNTS.map((a) => a.accountNumber)));
  });

  test('a bank object names the account it belongs to', () => {
    for (const mutation of sample(9)) {
      if (!mutation.bank) continue;
      const account = DEMO_ACCOUNTS.find((a) => a.accountNumber === mutation.account_number)!;
      expect(mutation.bank).toMatchObject({
        bank_type: account.bankType,
        label: account.label,
        atas_nama: 'TOKO BERKAH JAYA',
        account_number: account.accountNumber,
      });
      expect(mutation.bank).toHaveProperty('meta');
      expect(mutation.bank_id).toBe(account.bankId);
    }
  });

  test('credits carry a unique code: most do not end in 000', () => {
    const credits = sample(10, 1000).filter((m) => m.type === 'CR' && !m.payment_detail);
    const withCode = credits.filter((m) => parseMachineAmount(m.amount) % 1000n !== 0n);
    expect(withCode.length).toBeGreaterThan(credits.length * 0.9);
  });

  test.each<{ label: string; overrides: MutationOverrides; expected: Partial<MootaMutationJson> }>([
    { label: 'amount as number', overrides: { amount: 150_123 }, expected: {} },
    { label: 'type', overrides: { type: 'DB' }, expected: { type: 'DB' } },
    { label: 'description', overrides: { description: 'TEST WEBHOOK MOOTA' }, expected: { description: 'TEST WEBHOOK MOOTA' } },
    { label: 'null note', overrides: { note: null }, expected: { note: null } },
    { label: 'note', overrides: { note: 'order 2411' }, expected: { note: 'order 2411' } },
    { label: 'account', overrides: { accountNumber: '1400098765' }, expected: { account_number: '1400098765', bank_id: 'bnk_Mnd77' } },
    { label: 'date', overrides: { date: new Date('2026-11-28T03:14:07Z') }, expected: { date: '2026-11-28 10:14:07' } },
  ])('override: $label', ({ overrides, expected }) => {
    const generator = createMootaGenerator({ seed: 11, now: NOW });
    for (let i = 0; i < 50; i++) {
      const mutation = generator.mutation(overrides);
      expect(mutation).toMatchObject(expected);
      if (overrides.amount !== undefined) expect(parseMachineAmount(mutation.amount)).toBe(BigInt(overrides.amount));
    }
  });

  test('override: a bigint amount beyond a safe JS number is sent as a string', () => {
    const amount = 2n ** 60n;
    const mutation = createMootaGenerator({ seed: 1, now: NOW }).mutation({ amount });
    expect(mutation.amount).toBe(`${amount}.00`);
  });

  test('override: paymentOrderId makes a virtual-account credit', () => {
    const mutation = createMootaGenerator({ seed: 12, now: NOW }).mutation({ paymentOrderId: 'INV-2026-000318' });
    expect(mutation).toMatchObject({
      type: 'CR',
      account_number: '8808123456789012',
      description: 'VA PAYMENT INV-2026-000318',
      payment_detail: { order_id: 'INV-2026-000318' },
    });
  });

  test.each([
    { label: 'a fraction', amount: 1500.5 },
    { label: 'zero', amount: 0 },
    { label: 'a negative', amount: -10_000n },
    { label: 'NaN', amount: Number.NaN },
  ])('refuses $label as amount', ({ amount }) => {
    expect(() => createMootaGenerator({ seed: 1 }).mutation({ amount })).toThrow(RangeError);
  });

  test.each([
    { label: 'unknown account', run: () => createMootaGenerator({ seed: 1 }).mutation({ accountNumber: '999' }) },
    { label: 'empty delivery', run: () => createMootaGenerator({ seed: 1 }).delivery(0) },
    { label: 'no accounts', run: () => createMootaGenerator({ seed: 1, accounts: [] }) },
  ])('refuses $label', ({ run }) => {
    expect(run).toThrow(RangeError);
  });
});

describe('delivery body and signedDelivery', () => {
  test.each([{ count: 1 }, { count: 3 }, { count: 25 }])('a delivery of $count is a signed JSON array', ({ count }) => {
    const { body, mutations } = createMootaGenerator({ seed: count, now: NOW }).delivery(count);
    const parsed: unknown = JSON.parse(body);
    expect(Array.isArray(parsed)).toBe(true);
    expect(parsed).toEqual(mutations);
    expect(mutations).toHaveLength(count);

    const headers = signedDelivery(body, SECRET);
    expect(headers.Signature).toBe(signBody(body, SECRET));
    expect(verifySignature(new TextEncoder().encode(body), headers.Signature, [SECRET])).toBe('valid');
    expect(verifySignature(new TextEncoder().encode(body), headers.Signature, ['another-secret'])).toBe('invalid');
  });

  test('sends the same headers as Moota', () => {
    const headers = signedDelivery('[]', SECRET);
    expect(Object.keys(headers)).toEqual(Object.keys(FIXTURE_HEADERS));
    expect(headers).toMatchObject({
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'User-Agent': 'MootaBot/1.5',
    });
    expect(headers.Signature).toMatch(/^[0-9a-f]{64}$/);
  });
});
