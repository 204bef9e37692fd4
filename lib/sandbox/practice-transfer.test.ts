import { describe, expect, test } from 'vitest';
import { DomainError, type ErrorCode } from '@/lib/errors';
import { parseMachineAmount } from '@/lib/money';
import { parseDelivery } from '@/lib/moota/payload';
import { saysSandbox } from '@/lib/accounts/store';
import { buildPracticeTransfer, DEMO_PRACTICE_ACCOUNTS, PRACTICE_KINDS, SANDBOX_ACCOUNTS, type PracticeTransferRequest } from './practice-transfer';

const NOW = new Date('2026-11-28T05:00:00Z');
const ORDER = { reference: 'INV-1042', payableAmount: 150_042n };

const build = (request: PracticeTransferRequest, seed = 1) => buildPracticeTransfer(request, { seed, now: NOW });

describe('buildPracticeTransfer', () => {
  test.each(PRACTICE_KINDS.map((kind) => ({ kind })))('a $kind transfer goes into its sandbox account, which says so itself', ({ kind }) => {
    const account = SANDBOX_ACCOUNTS[kind];
    expect(saysSandbox(account)).toBe(true);
    for (let seed = 1; seed <= 40; seed++) {
      const { mutation } = build({ kind }, seed);
      expect(mutation).toMatchObject({ type: 'CR', bank_id: account.bankId, account_number: account.accountNumber, date: '2026-11-28 12:00:00' });
      // Moota sometimes leaves the bank out; a practice transfer never does, or the account would not be a sandbox.
      expect(mutation.bank).toMatchObject({ bank_type: account.bankType, label: account.label });
    }
  });

  test.each([
    { label: 'bank', kind: 'bank' as const, bankType: 'bca' },
    { label: 'VA', kind: 'va' as const, bankType: 'bniva' },
    { label: 'QRIS', kind: 'qris' as const, bankType: 'qris' },
  ])('$label uses bank type $bankType', ({ kind, bankType }) => {
    expect(build({ kind }).mutation.bank).toMatchObject({ bank_type: bankType });
  });

  test.each([
    { label: 'exact', extra: {}, amount: 150_042n },
    { label: 'short', extra: { short: 5_000n }, amount: 145_042n },
    { label: 'over', extra: { over: 1_000n }, amount: 151_042n },
  ])('for an order, $label: the payable amount adjusted', ({ extra, amount }) => {
    for (const kind of PRACTICE_KINDS) {
      const transfer = build({ kind, order: ORDER, ...extra });
      expect(transfer.amount).toBe(amount);
      expect(parseMachineAmount(transfer.mutation.amount)).toBe(amount);
    }
  });

  test.each([
    { kind: 'va' as const, description: 'VA PAYMENT INV-1042' },
    { kind: 'qris' as const, description: 'QRIS PAYMENT INV-1042' },
  ])('a $kind payment for an order carries payment_detail.order_id', ({ kind, description }) => {
    const { mutation } = build({ kind, order: ORDER });
    expect(mutation.payment_detail?.order_id).toBe('INV-1042');
    expect(mutation.description).toBe(description);
  });

  test('a bank transfer for an order names no order: it pays by its amount', () => {
    const { mutation } = build({ kind: 'bank', order: ORDER });
    expect(mutation.payment_detail).toBeUndefined();
    expect(mutation.description).not.toContain('INV-1042');
  });

  test('a description of ones own replaces the bank text, trimmed', () => {
    expect(build({ kind: 'bank', amount: 10_000n, description: '  TRSF DARI BUDI INV-1042 ' }).mutation.description).toBe('TRSF DARI BUDI INV-1042');
    expect(build({ kind: 'qris', order: ORDER, description: 'QR TOKO' }).mutation.description).toBe('QR TOKO');
    expect(build({ kind: 'bank', amount: 10_000n, description: '   ' }).mutation.description).not.toBe('');
  });

  test('an amount without an order is sent as it is; without either, a realistic credit', () => {
    expect(build({ kind: 'bank', amount: 10_000n }).amount).toBe(10_000n);
    const drawn = build({ kind: 'bank' });
    expect(drawn.amount).toBeGreaterThan(0n);
    expect(parseMachineAmount(drawn.mutation.amount)).toBe(drawn.amount);
  });

  test('the body is the delivery Moota would send, and the intake reads it back', () => {
    const transfer = build({ kind: 'va', order: ORDER, short: 42n });
    expect(JSON.parse(transfer.body)).toEqual([transfer.mutation]);
    const parsed = parseDelivery(JSON.parse(transfer.body));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.mutations[0]).toMatchObject({
      type: 'CR',
      amount: 150_000n,
      bankId: 'sandbox-bniva',
      bankLabel: 'Sandbox BNI Virtual Account',
      paymentOrderId: 'INV-1042',
    });
  });

  test('two transfers without a seed are two different mutations', () => {
    const first = buildPracticeTransfer({ kind: 'bank', amount: 10_000n }, { now: NOW });
    const second = buildPracticeTransfer({ kind: 'bank', amount: 10_000n }, { now: NOW });
    expect(second.mutation.mutation_id).not.toBe(first.mutation.mutation_id);
  });

  test.each<{ label: string; request: PracticeTransferRequest; code: ErrorCode }>([
    { label: 'short and over', request: { kind: 'bank', order: ORDER, short: 1n, over: 1n }, code: 'practiceShortAndOver' },
    { label: 'short without an order', request: { kind: 'bank', short: 1n }, code: 'practiceDifferenceNeedsOrder' },
    { label: 'over without an order', request: { kind: 'va', amount: 5n, over: 1n }, code: 'practiceDifferenceNeedsOrder' },
    { label: 'an order and an amount', request: { kind: 'bank', order: ORDER, amount: 5n }, code: 'practiceOrderAndAmount' },
    { label: 'short by all of it', request: { kind: 'va', order: ORDER, short: 150_042n }, code: 'practiceAmountOutOfRange' },
    { label: 'a zero amount', request: { kind: 'bank', amount: 0n }, code: 'practiceAmountOutOfRange' },
    { label: 'an amount too large', request: { kind: 'bank', amount: 100_000_000_001n }, code: 'practiceAmountOutOfRange' },
    { label: 'a description too long', request: { kind: 'bank', amount: 5n, description: 'x'.repeat(256) }, code: 'practiceDescriptionTooLong' },
  ])('refuses $label', ({ request, code }) => {
    expect(() => build(request)).toThrow(expect.objectContaining({ code }) as DomainError);
    expect(() => build(request)).toThrow(DomainError);
  });
});

describe('DEMO_PRACTICE_ACCOUNTS', () => {
  test.each(PRACTICE_KINDS.map((kind) => ({ kind })))('a $kind transfer into the demo accounts is live money', ({ kind }) => {
    const { mutation } = buildPracticeTransfer({ kind, amount: 10_000n }, { seed: 3, now: NOW, accounts: DEMO_PRACTICE_ACCOUNTS });
    expect(mutation.bank_id).toBe(DEMO_PRACTICE_ACCOUNTS[kind].bankId);
    expect(saysSandbox(DEMO_PRACTICE_ACCOUNTS[kind])).toBe(false);
  });
});
