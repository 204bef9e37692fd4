import { describe, expect, test } from 'vitest';
import { paymentView, paymentViewJson, splitLastDigits } from '@/lib/pay/payment-view';

const NOW = new Date('2026-12-04T10:00:00Z');
const order = (status: Parameters<typeof paymentView>[0]['status'], paidAmount = 0n, expiresAt: Date | null = new Date('2026-12-04T12:00:00Z')) => ({
  status,
  payableAmount: 150_123n,
  paidAmount,
  expiresAt,
});

describe('paymentView', () => {
  test.each([
    ['open', order('pending'), { kind: 'waiting', due: 150_123n, expiresAt: new Date('2026-12-04T12:00:00Z') }],
    ['open without an expiry', order('pending', 0n, null), { kind: 'waiting', due: 150_123n, expiresAt: null }],
    ['open but past its time', order('pending', 0n, new Date('2026-12-04T09:59:59Z')), { kind: 'expired' }],
    ['paid', order('paid', 150_123n), { kind: 'paid', received: 150_123n }],
    ['paid short', order('underpaid', 150_000n), { kind: 'underpaid', received: 150_000n, of: 150_123n, rest: 123n }],
    ['paid over', order('overpaid', 151_000n), { kind: 'overpaid', received: 151_000n, of: 150_123n, over: 877n }],
    ['expired', order('expired'), { kind: 'expired' }],
    ['cancelled', order('cancelled'), { kind: 'cancelled' }],
  ] as const)('%s', (_label, input, expected) => {
    expect(paymentView(input, NOW)).toEqual(expected);
  });
});

describe('splitLastDigits', () => {
  test.each([
    ['Rp 150.123', 3, ['Rp 150.', '123']],
    ['Rp 150.023', 3, ['Rp 150.', '023']],
    ['Rp 1.234', 4, ['Rp ', '1.234']],
    ['Rp 12', 3, ['', 'Rp 12']],
  ] as const)('%s, last %i digits', (text, digits, expected) => {
    expect(splitLastDigits(text, digits)).toEqual(expected);
  });
});

describe('paymentViewJson', () => {
  test('money as strings, times as ISO 8601', () => {
    expect(paymentViewJson({ kind: 'waiting', due: 150_123n, expiresAt: new Date('2026-12-04T12:00:00Z') })).toEqual({
      kind: 'waiting',
      due: '150123',
      expiresAt: '2026-12-04T12:00:00.000Z',
    });
    expect(paymentViewJson({ kind: 'underpaid', received: 1n, of: 3n, rest: 2n })).toEqual({ kind: 'underpaid', received: '1', of: '3', rest: '2' });
    expect(paymentViewJson({ kind: 'cancelled' })).toEqual({ kind: 'cancelled' });
  });
});
