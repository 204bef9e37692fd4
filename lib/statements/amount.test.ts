import { describe, expect, test } from 'vitest';
import { mutationType, parseStatementAmount } from '@/lib/statements/amount';

describe('parseStatementAmount', () => {
  test.each<[string, string, bigint, 'CR' | 'DB' | null]>([
    ['Indonesian grouping with decimals', '1.500.000,00', 1_500_000n, null],
    ['English grouping with decimals', '1,500,000.00', 1_500_000n, null],
    ['plain digits', '1500000', 1_500_000n, null],
    ['plain with two decimals', '150123.00', 150_123n, null],
    ['a lone dot with three digits groups thousands', '150.000', 150_000n, null],
    ['a lone comma with three digits groups thousands', '150,000', 150_000n, null],
    ['Indonesian grouping without decimals', '1.500.000', 1_500_000n, null],
    ['English grouping without decimals', '1,500,000', 1_500_000n, null],
    ['Mandiri writes zero as .00', '.00', 0n, null],
    ['CR inside the cell', '150,000.00 CR', 150_000n, 'CR'],
    ['DB inside the cell, no space', '287,490.00DB', 287_490n, 'DB'],
    ['K and D as BNI writes them', '50.000,00 K', 50_000n, 'CR'],
    ['a leading minus', '-25.000', -25_000n, null],
    ['a trailing minus', '25.000-', -25_000n, null],
    ['parentheses', '(25.000,00)', -25_000n, null],
    ['Rupiah sign and ,-', 'Rp 150.000,-', 150_000n, null],
    ['non-breaking spaces inside', '1\u00a0500\u00a0000', 1_500_000n, null],
    ['sen below half round down, as parseMachineAmount does', '150.000,49', 150_000n, null],
    ['sen from half round up, as parseMachineAmount does', '150.000,50', 150_001n, null],
    ['a decimal comma with one digit', '150000,5', 150_001n, null],
  ])('%s: %s', (_label, cell, amount, type) => {
    expect(parseStatementAmount(cell)).toEqual({ amount, type });
  });

  test.each([
    ['empty', ''],
    ['words', 'SALDO'],
    ['broken grouping', '1.50.000'],
    ['both separators, broken grouping', '15,00.000,00'],
    ['two decimal points', '1.5.0'],
    ['a marker alone', 'CR'],
  ])('%s is not an amount', (_label, cell) => {
    expect(parseStatementAmount(cell)).toBeNull();
  });
});

test.each<[string, 'CR' | 'DB' | null]>([
  ['CR', 'CR'],
  [' kredit ', 'CR'],
  ['K', 'CR'],
  ['DB', 'DB'],
  ['dr', 'DB'],
  ['Debet', 'DB'],
  ['D', 'DB'],
  ['', null],
  ['X', null],
])('mutationType(%j)', (text, expected) => {
  expect(mutationType(text)).toBe(expected);
});
