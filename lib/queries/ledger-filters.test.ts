import { describe, expect, test } from 'vitest';
import {
  jakartaDayRange,
  param,
  parseAmountBound,
  parseDay,
  toQuery,
} from '@/lib/queries/ledger-filters';

describe('parseDay', () => {
  test.each([
    ['a real day', '2026-11-28', '2026-11-28'],
    ['a leap day', '2028-02-29', '2028-02-29'],
    ['no 30 February', '2026-02-30', undefined],
    ['not a date', 'kemarin', undefined],
    ['day first', '28-11-2026', undefined],
    ['nothing', undefined, undefined],
  ])('%s', (_label, text, expected) => {
    expect(parseDay(text)).toBe(expected);
  });
});

describe('jakartaDayRange', () => {
  test.each([
    ['a single day runs midnight to midnight Jakarta time', '2026-11-28', '2026-11-28', { gte: new Date('2026-11-27T17:00:00Z'), lt: new Date('2026-11-28T17:00:00Z') }],
    ['only a start', '2026-11-01', undefined, { gte: new Date('2026-10-31T17:00:00Z') }],
    ['only an end', undefined, '2026-11-30', { lt: new Date('2026-11-30T17:00:00Z') }],
    ['neither', undefined, undefined, {}],
  ])('%s', (_label, from, to, expected) => {
    expect(jakartaDayRange(from, to)).toEqual(expected);
  });
});

describe('parseAmountBound', () => {
  test.each([
    ['plain digits', '150000', 150000n],
    ['Indonesian thousands', '150.000', 150000n],
    ['with Rp', 'Rp 1.500.000', 1500000n],
    ['zero', '0', 0n],
    ['words', 'banyak', undefined],
    ['negative', '-5', undefined],
    ['nothing', undefined, undefined],
  ])('%s', (_label, text, expected) => {
    expect(parseAmountBound(text)).toBe(expected);
  });
});

describe('param and toQuery', () => {
  test.each([
    ['a plain value', { q: ' inv ' }, 'inv'],
    ['the first of repeated values', { q: ['a', 'b'] }, 'a'],
    ['empty is absent', { q: '  ' }, undefined],
    ['missing', {}, undefined],
    ['from URLSearchParams', new URLSearchParams('q=x'), 'x'],
  ])('%s', (_label, params, expected) => {
    expect(param(params, 'q')).toBe(expected);
  });

  test('toQuery keeps only set values', () => {
    expect(toQuery({ status: 'paid', q: undefined, min: 5n, to: '' }).toString()).toBe('status=paid&min=5');
  });
});
