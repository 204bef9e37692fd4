import { describe, expect, test } from 'vitest';
import { parseJakartaDateTime } from '@/lib/time/jakarta';
import { dateProblem, jsonDepth, MAX_RUPIAH, rupiahProblem, storableText, textProblem, unstorableTextIn } from './storable';

describe('jsonDepth', () => {
  test.each([
    { label: 'a scalar', text: '7', depth: 0 },
    { label: 'an empty array', text: '[]', depth: 1 },
    { label: 'a Moota body', text: '[{"bank":{"meta":{"a":[1]}},"taggings":[{"name":"x"}]}]', depth: 5 },
    { label: 'brackets inside strings', text: '[{"description":"[[[{{{ \\" ]]]"}]', depth: 2 },
    { label: 'an escaped backslash before a quote', text: '["\\\\", [[]]]', depth: 3 },
    { label: 'thousands deep', text: '['.repeat(5000) + ']'.repeat(5000), depth: 5000 },
  ])('$label', ({ text, depth }) => {
    expect(jsonDepth(text)).toBe(depth);
  });
});

describe('textProblem and storableText', () => {
  test.each([
    { label: 'plain text', text: 'TRSF CR 150.123 BUDI', problem: null, stored: 'TRSF CR 150.123 BUDI' },
    { label: 'an emoji (a whole surrogate pair)', text: 'terima kasih 🙏', problem: null, stored: 'terima kasih 🙏' },
    { label: 'a NUL', text: 'ab\u0000c', problem: 'must not contain a NUL character (at position 3)', stored: 'ab\\u0000c' },
    { label: 'a lone high surrogate', text: 'x\ud83d', problem: 'must not contain half of a surrogate pair (at position 2)', stored: 'x\\ud83d' },
    { label: 'a lone low surrogate', text: '\ude4fy', problem: 'must not contain half of a surrogate pair (at position 1)', stored: '\\ude4fy' },
    { label: 'reversed pair', text: '\ude4f\ud83d', problem: 'must not contain half of a surrogate pair (at position 1)', stored: '\\ude4f\\ud83d' },
  ])('$label', ({ text, problem, stored }) => {
    expect(textProblem(text)).toBe(problem);
    expect(storableText(text)).toBe(stored);
    expect(textProblem(storableText(text))).toBeNull();
  });
});

describe('unstorableTextIn', () => {
  test.each([
    { label: 'clean taggings', value: [{ name: 'shopee', tag_id: 1 }], found: null },
    {
      label: 'a NUL in a value',
      value: [{ name: 'ok' }, { name: 'a\u0000' }],
      found: { path: 'taggings[1].name', problem: expect.stringContaining('NUL') },
    },
    {
      label: 'a lone surrogate in a key',
      value: [{ ['k\ud800']: 1 }],
      found: { path: 'taggings[0]', problem: expect.stringContaining('has a key that') },
    },
    { label: 'numbers, booleans and null', value: [1, true, null, { a: [2] }], found: null },
  ])('$label', ({ value, found }) => {
    expect(unstorableTextIn(value, 'taggings')).toEqual(found);
  });
});

describe('rupiahProblem', () => {
  test.each([
    { amount: 150_123n, problem: false },
    { amount: MAX_RUPIAH, problem: false },
    { amount: -MAX_RUPIAH, problem: false },
    { amount: MAX_RUPIAH + 1n, problem: true },
    { amount: 2n ** 63n, problem: true },
    { amount: -(2n ** 64n), problem: true },
  ])('$amount', ({ amount, problem }) => {
    expect(rupiahProblem(amount) !== null).toBe(problem);
  });

  test('the bound keeps amounts exact as JSON numbers', () => {
    expect(MAX_RUPIAH < BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
  });
});

describe('dateProblem', () => {
  const receivedAt = parseJakartaDateTime('2026-11-28 10:00:00');
  test.each([
    { label: 'today', date: '2026-11-28 09:59:00', problem: null },
    { label: 'the first moment of 2000 in Jakarta', date: '2000-01-01 00:00:00', problem: null },
    { label: 'the last moment of 1999 in Jakarta', date: '1999-12-31 23:59:59', problem: 'must be in 2000 or later' },
    { label: 'year 0000', date: '0000-01-01 00:00:00', problem: 'must be in 2000 or later' },
    { label: 'year 0001', date: '0001-01-01 00:00:00', problem: 'must be in 2000 or later' },
    { label: 'posted after a long holiday', date: '2026-12-08 00:00:00', problem: null },
    { label: 'year 9999', date: '9999-12-31 23:59:59', problem: 'must not be more than 31 days after the call arrived' },
  ])('$label', ({ date, problem }) => {
    expect(dateProblem(parseJakartaDateTime(date), receivedAt)).toBe(problem);
  });

  test('an invalid Date is refused', () => {
    expect(dateProblem(new Date(Number.NaN), receivedAt)).toBe('must be in 2000 or later');
  });
});
