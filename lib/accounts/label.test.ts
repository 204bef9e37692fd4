import { describe, expect, test } from 'vitest';
import { accountLabel } from '@/lib/accounts/label';

describe('accountLabel', () => {
  test.each([
    ['label and the last four digits', { label: 'BCA Toko', bankType: 'bca', accountNumber: '8730112233' }, 'BCA Toko ••2233'],
    ['the bank when there is no label', { label: null, bankType: 'bri', accountNumber: '0123456789' }, 'BRI ••6789'],
    ['a blank label counts as none', { label: '  ', bankType: 'bca', accountNumber: '8730112233' }, 'BCA ••2233'],
    ['a short number is shown whole', { label: 'QRIS', bankType: 'qris', accountNumber: '1234' }, 'QRIS 1234'],
    ['only the number when nothing else is known', { label: null, bankType: null, accountNumber: '8730 1122 33' }, '••2233'],
  ])('%s', (_label, account, expected) => {
    expect(accountLabel(account)).toBe(expected);
  });
});
