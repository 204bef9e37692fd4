import { describe, expect, test } from 'vitest';
import { accountName, maskAccountNumber } from '@/lib/accounts/account-name';

describe('account names', () => {
  test.each([
    ['a plain number', '8730112233', '••2233'],
    ['a number typed with dashes and spaces', '873-011 22.33', '••2233'],
    ['a number shorter than four digits', '123', '••123'],
  ])('%s is masked to its last four digits', (_label, number, masked) => {
    expect(maskAccountNumber(number)).toBe(masked);
  });

  test.each([
    ['with a label', { label: 'BCA Toko', accountNumber: '8730112233' }, 'BCA Toko ••2233'],
    ['without a label', { label: null, accountNumber: '034101000123567' }, '••3567'],
  ])('%s', (_label, account, name) => {
    expect(accountName(account)).toBe(name);
  });
});
