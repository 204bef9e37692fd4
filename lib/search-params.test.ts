import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { MAX_PAGE_SIZE, PAGE_SIZE } from '@/lib/pagination';
import { DomainError } from '@/lib/errors';
import {
  amountRangeParams,
  dayRangeParams,
  isSearchableText,
  isTooShortToSearch,
  listParams,
  parseSearchParams,
  searchParamValues,
  textParam,
  toQuery,
} from '@/lib/search-params';

describe('searchParamValues', () => {
  test.each([
    ['a plain value', { q: ' inv ' }, { q: 'inv' }],
    ['the first of repeated values', { q: ['a', 'b'] }, { q: 'a' }],
    ['empty is absent', { q: '  ' }, {}],
    ['undefined is absent', { q: undefined }, {}],
    ['missing', {}, {}],
    ['from URLSearchParams', new URLSearchParams('q=x'), { q: 'x' }],
    ['the first of repeated URLSearchParams values', new URLSearchParams('q=a&q=b'), { q: 'a' }],
    ['empty URLSearchParams values are absent', new URLSearchParams('q=&r=1'), { r: '1' }],
  ])('%s', (_label, params, expected) => {
    expect(searchParamValues(params)).toEqual(expected);
  });
});

describe('the shared pieces', () => {
  const schema = z.object({ ...dayRangeParams, ...amountRangeParams, q: textParam(5) });
  const read = (params: Record<string, string>) => parseSearchParams(schema, params);

  test.each([
    ['a real day', '2026-11-28', '2026-11-28'],
    ['a leap day', '2028-02-29', '2028-02-29'],
    ['no 30 February', '2026-02-30', undefined],
    ['not a date', 'kemarin', undefined],
    ['day first', '28-11-2026', undefined],
    ['nothing', '', undefined],
  ])('day: %s', (_label, text, expected) => {
    expect(read({ from: text }).from).toBe(expected);
  });

  test.each([
    ['plain digits', '150000', 150000n],
    ['Indonesian thousands', '150.000', 150000n],
    ['with Rp', 'Rp 1.500.000', 1500000n],
    ['zero', '0', 0n],
    ['words', 'banyak', undefined],
    ['negative', '-5', undefined],
    ['nothing', '', undefined],
  ])('amount bound: %s', (_label, text, expected) => {
    expect(read({ min: text }).min).toBe(expected);
  });

  test.each([
    ['short text', 'inv', 'inv'],
    ['long text is cut', 'abcdefgh', 'abcde'],
    ['nothing', '', undefined],
  ])('text: %s', (_label, text, expected) => {
    expect(read({ q: text }).q).toBe(expected);
  });

  test('unknown parameters are left out', () => {
    expect(parseSearchParams(schema, { other: 'x' })).toEqual({});
  });
});

describe('listParams', () => {
  const list = listParams(z.object({ q: textParam(100) }));

  test.each([
    ['nothing: the first page at the default size', {}, { filters: {}, cursor: undefined, limit: PAGE_SIZE }],
    ['a cursor and a size', { q: 'x', cursor: 'abc', limit: '10' }, { filters: { q: 'x' }, cursor: 'abc', limit: 10 }],
    ['too large a size is capped', { limit: '5000' }, { filters: {}, cursor: undefined, limit: MAX_PAGE_SIZE }],
    ['an unreadable size gives the default', { limit: 'all' }, { filters: {}, cursor: undefined, limit: PAGE_SIZE }],
  ])('%s', (_label, params, expected) => {
    expect(parseSearchParams(list, params)).toEqual(expected);
  });
});

test('toQuery keeps only set values', () => {
  expect(toQuery({ status: 'paid', q: undefined, min: 5n, to: '' }).toString()).toBe('status=paid&min=5');
});

describe('what no list can hold is refused, with a message', () => {
  const schema = listParams(z.object({ ...dayRangeParams, q: textParam(100) }));
  const refusal = (params: Record<string, string>) => {
    try {
      parseSearchParams(schema, params);
    } catch (error) {
      if (error instanceof DomainError) return error.message;
      throw error;
    }
    return null;
  };

  test.each([
    ['year 0000', { from: '0000-01-01' }, 'The from day (0000-01-01) must be between 2000-01-01 and 2100-12-31.'],
    ['year 9999', { to: '9999-12-31' }, 'The to day (9999-12-31) must be between 2000-01-01 and 2100-12-31.'],
    ['the day before the first', { from: '1999-12-31' }, 'The from day (1999-12-31) must be between 2000-01-01 and 2100-12-31.'],
    [
      'a NUL in the search box',
      { q: 'INV\0' },
      'q contains a character that cannot be stored (a NUL character or a broken Unicode character); remove it.',
    ],
    [
      'a lone surrogate in the cursor',
      { cursor: '\uD800' },
      'cursor contains a character that cannot be stored (a NUL character or a broken Unicode character); remove it.',
    ],
    ['the first plausible day', { from: '2000-01-01' }, null],
    ['the last plausible day', { to: '2100-12-31' }, null],
  ])('%s', (_label, params, expected) => {
    expect(refusal(params)).toBe(expected);
  });
});

describe('text too short to search', () => {
  test.each([
    ['three characters', 'abc', true, false],
    ['two characters', 'ab', false, true],
    ['two characters padded with spaces', '  ab  ', false, true],
    ['a short amount', '50', false, false],
    ['a round amount said', '5rb', true, false],
    ['nothing', undefined, false, false],
    ['blank', '   ', false, false],
  ])('%s', (_label, text, searchable, tooShort) => {
    expect(isSearchableText(text)).toBe(searchable);
    expect(isTooShortToSearch(text)).toBe(tooShort);
  });
});
