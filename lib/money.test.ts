import { describe, expect, test } from 'vitest';
import { DomainError } from './errors';
import { formatRupiah, parseMachineAmount, parseTypedAmount, rupiahToJson, searchedAmount } from './money';

describe('parseMachineAmount', () => {
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
    expect(parseMachineAmount(input)).toBe(expected);
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
    expect(() => parseMachineAmount(input)).toThrow(DomainError);
    expect(() => parseMachineAmount(input)).toThrow(message);
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
    expect(() => rupiahToJson(amount)).toThrow(DomainError);
  });
});

describe('parseTypedAmount', () => {
  test.each([
    ['plain digits', '150000', 150000n],
    ['Indonesian thousands dots', '150.000', 150000n],
    ['millions', '1.250.000', 1250000n],
    ['Rp with a space', 'Rp 150.000', 150000n],
    ['Rp without a space', 'Rp150.000', 150000n],
    ['Rp. with a dot', 'Rp. 150.000', 150000n],
    ['IDR', 'IDR 150000', 150000n],
    ['a no-break space after Rp', 'Rp\u00a0150.000', 150000n],
    ['the ",-" price suffix', 'Rp 150.000,-', 150000n],
    ['zero decimals after a comma', '150.000,00', 150000n],
    ['zero decimals after a comma, no dots', '150000,00', 150000n],
    ['zero decimals after a point (system exports)', '150000.00', 150000n],
    ['surrounding spaces', '  150000 ', 150000n],
    ['leading zeros', '0150000', 150000n],
    ['a negative amount keeps its sign for validation', '-150.000', -150000n],
    ['a negative amount after Rp', 'Rp -150.000', -150000n],
  ])('%s: %j → %s', (_label, text, amount) => {
    expect(parseTypedAmount(text)).toBe(amount);
  });

  test.each([
    ['empty', '', 'amountEmpty', /got ""/],
    ['a fraction after a comma', '150.000,50', 'amountNotWhole', /must be whole rupiah/],
    ['a fraction after a point', '150000.5', 'amountNotWhole', /must be whole rupiah/],
    ['comma with three digits is ambiguous', '150,000', 'amountCommaAmbiguous', /ambiguous.*write 150000 or 150\.000/],
    ['English thousands commas', '1,250,000', 'amountEnglishGrouping', /"," between thousands.*1\.250\.000 or 1250000/],
    ['English thousands and decimals', '1,250,000.00', 'amountEnglishGrouping', /"," between thousands/],
    ['broken grouping', '1.50.000', 'amountTyped', /not a rupiah amount/],
    ['text', 'seratus ribu', 'amountTyped', /not a rupiah amount/],
    ['a currency other than rupiah', 'USD 10', 'amountTyped', /not a rupiah amount/],
  ])('%s: %j is refused with %s', (_label, text, code, message) => {
    let thrown: unknown;
    try {
      parseTypedAmount(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe(code);
    expect((thrown as DomainError).message).toMatch(message);
  });
});

describe('searchedAmount', () => {
  test.each([
    ['a plain amount', '150615', 150_615n],
    ['dotted thousands', '150.615', 150_615n],
    ['with Rp', 'Rp 150.615', 150_615n],
    ['with Rp and ,-', 'Rp150.615,-', 150_615n],
    ['English grouping', '150,615', 150_615n],
    ['English grouping in millions', 'Rp 1,150,615', 1_150_615n],
    ['thousands said', '150rb', 150_000n],
    ['thousands said in full', '150 ribu', 150_000n],
    ['thousands as k', '150K', 150_000n],
    ['a decimal thousand', '150,5rb', 150_500n],
    ['millions said', '1,5jt', 1_500_000n],
    ['millions in full', 'Rp 2 juta', 2_000_000n],
  ])('%s: %s', (_label, text, amount) => {
    expect(searchedAmount(text)).toBe(amount);
  });

  test.each([
    ['a reference', 'INV-1001'],
    ['a name', 'Budi'],
    ['digits inside words', 'INV 1001'],
    ['sen', '150.000,50'],
    ['more digits than the unit holds', '1,5555rb'],
    ['nothing', '  '],
    ['a negative amount', '-150000'],
  ])('%s is not an amount: %s', (_label, text) => {
    expect(searchedAmount(text)).toBeNull();
  });
});
