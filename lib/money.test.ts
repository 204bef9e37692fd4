import { describe, expect, test } from 'vitest';
import { formatRupiah, MoneyError, parseRupiah, rupiahToJson } from './money';

describe('parseRupiah', () => {
  test.each([
    { label: 'safe integer', input: 150123, expected: 150123n },
    { label: 'zero', input: 0, expected: 0n },
    { label: 'negative zero', input: -0, expected: 0n },
    { label: 'largest safe integer', input: Number.MAX_SAFE_INTEGER, expected: 9007199254740991n },
    { label: 'number with sen below half', input: 1523.45, expected: 1523n },
    { label: 'number with exactly half', input: 1523.5, expected: 1524n },
    { label: 'negative number with half rounds away from zero', input: -12500.5, expected: -12501n },
    { label: 'number that is not exact in binary', input: 0.1 + 0.2, expected: 0n },
    { label: 'tiny number in exponent form', input: 1e-7, expected: 0n },
    { label: 'Moota decimal string', input: '89457.00', expected: 89457n },
    { label: 'integer string', input: '89457', expected: 89457n },
    { label: 'negative string with half', input: '-12500.5', expected: -12501n },
    { label: 'string just below half', input: '10.49999999999999999999', expected: 10n },
    { label: 'string at half', input: '10.50', expected: 11n },
    { label: 'negative string below half', input: '-0.4', expected: 0n },
    { label: 'string with three decimals not shaped like grouping', input: '89457.000', expected: 89457n },
    { label: 'leading zero group is not a thousands separator', input: '0.125', expected: 0n },
    { label: 'surrounding whitespace', input: ' 10000.00 ', expected: 10000n },
    { label: 'beyond float precision', input: '123456789012345678901.00', expected: 123456789012345678901n },
    { label: 'bigint passes through', input: 42n, expected: 42n },
  ])('$label: $input', ({ input, expected }) => {
    expect(parseRupiah(input)).toBe(expected);
  });

  test.each([
    { label: 'NaN', input: NaN, message: 'got NaN' },
    { label: 'Infinity', input: Infinity, message: 'got Infinity' },
    { label: '-Infinity', input: -Infinity, message: 'got -Infinity' },
    { label: 'unsafe integer', input: 2 ** 53, message: 'got 9007199254740992' },
    { label: 'empty string', input: '', message: 'got ""' },
    { label: 'blank string', input: '   ', message: 'got "   "' },
    { label: 'text', input: 'abc', message: 'got "abc"' },
    { label: 'currency prefix', input: 'Rp 10.000', message: 'got "Rp 10.000"' },
    { label: 'dot thousands separators', input: '1.000.000', message: 'thousands separators are ambiguous' },
    { label: 'single dot group', input: '150.123', message: 'got "150.123"' },
    { label: 'comma thousands separators', input: '1,000,000', message: 'thousands separators are ambiguous' },
    { label: 'Indonesian decimal comma', input: '1.000,50', message: 'got "1.000,50"' },
    { label: 'decimal comma', input: '12,5', message: 'got "12,5"' },
    { label: 'exponent string', input: '1e3', message: 'got "1e3"' },
    { label: 'missing whole part', input: '.5', message: 'got ".5"' },
    { label: 'trailing point', input: '5.', message: 'got "5."' },
    { label: 'null', input: null, message: 'got null' },
    { label: 'undefined', input: undefined, message: 'got a value of type undefined' },
    { label: 'object', input: { amount: 1 }, message: 'got a value of type object' },
    { label: 'boolean', input: true, message: 'got a value of type boolean' },
  ])('rejects $label', ({ input, message }) => {
    expect(() => parseRupiah(input)).toThrow(MoneyError);
    expect(() => parseRupiah(input)).toThrow(message);
  });
});

describe('formatRupiah', () => {
  const intl = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 });
  const nbsp = '\u00a0';

  test.each([
    { label: 'unique-code total', amount: 150123n, expected: `Rp${nbsp}150.123` },
    { label: 'zero', amount: 0n, expected: `Rp${nbsp}0` },
    { label: 'negative', amount: -12500n, expected: `-Rp${nbsp}12.500` },
    { label: 'beyond Number range', amount: 12345678901234567890n, expected: `Rp${nbsp}12.345.678.901.234.567.890` },
  ])('$label', ({ amount, expected }) => {
    expect(formatRupiah(amount)).toBe(expected);
    expect(formatRupiah(amount)).toBe(intl.format(amount));
  });
});

describe('rupiahToJson', () => {
  test.each([
    { label: 'ordinary amount', amount: 150123n, expected: 150123 },
    { label: 'negative amount', amount: -12500n, expected: -12500 },
    { label: 'largest safe', amount: 9007199254740991n, expected: Number.MAX_SAFE_INTEGER },
    { label: 'smallest safe', amount: -9007199254740991n, expected: Number.MIN_SAFE_INTEGER },
  ])('$label', ({ amount, expected }) => {
    expect(rupiahToJson(amount)).toBe(expected);
  });

  test.each([
    { label: 'above safe range', amount: 9007199254740992n },
    { label: 'below safe range', amount: -9007199254740992n },
  ])('rejects $label', ({ amount }) => {
    expect(() => rupiahToJson(amount)).toThrow(MoneyError);
  });
});
