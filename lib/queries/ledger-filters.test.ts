import { describe, expect, test } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  jakartaDayRange,
  pageSize,
  param,
  parseAmountBound,
  parseDay,
  toQuery,
} from '@/lib/queries/ledger-filters';

const ID = '019ac0de-0000-7000-8000-000000000001';

describe('cursor', () => {
  test('a cursor survives the round trip', () => {
    const cursor = { at: new Date('2026-11-28T03:14:15.926Z'), id: ID };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  test.each([
    ['nothing', undefined],
    ['empty', ''],
    ['not base64 of a cursor', 'hello'],
    ['an id that is not a uuid', Buffer.from('2026-11-28T03:14:15.926Z|1 OR 1=1').toString('base64url')],
    ['a date that is not ISO', Buffer.from(`yesterday|${ID}`).toString('base64url')],
    ['extra parts', Buffer.from(`2026-11-28T03:14:15.926Z|${ID}|x`).toString('base64url')],
    ['far too long', 'a'.repeat(500)],
  ])('%s gives no cursor', (_label, text) => {
    expect(decodeCursor(text)).toBeNull();
  });
});

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

describe('param and pageSize', () => {
  test.each([
    ['a plain value', { q: ' inv ' }, 'inv'],
    ['the first of repeated values', { q: ['a', 'b'] }, 'a'],
    ['empty is absent', { q: '  ' }, undefined],
    ['missing', {}, undefined],
    ['from URLSearchParams', new URLSearchParams('q=x'), 'x'],
  ])('%s', (_label, params, expected) => {
    expect(param(params, 'q')).toBe(expected);
  });

  test.each([
    ['default', undefined, 50],
    ['asked', '10', 10],
    ['capped', '100000', 200],
    ['at least one', '0', 1],
    ['not a number', 'all', 50],
  ])('page size: %s', (_label, text, expected) => {
    expect(pageSize(text)).toBe(expected);
  });

  test('toQuery keeps only set values', () => {
    expect(toQuery({ status: 'paid', q: undefined, min: 5n, to: '' }).toString()).toBe('status=paid&min=5');
  });
});
