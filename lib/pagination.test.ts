import { describe, expect, test } from 'vitest';
import {
  COUNT_CAP,
  decodeAmountCursor,
  decodeCursor,
  encodeAmountCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  PAGE_SIZE,
  pageOf,
  pageSize,
  resultCount,
} from '@/lib/pagination';

const ID = '019ac0de-0000-7000-8000-000000000001';
const base64url = (text: string) => Buffer.from(text).toString('base64url');

describe('cursor', () => {
  test('a cursor survives the round trip', () => {
    const cursor = { at: new Date('2026-11-28T03:14:15.926Z'), id: ID };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  test.each([
    ['nothing', undefined],
    ['null', null],
    ['empty', ''],
    ['not base64 of a cursor', 'hello'],
    ['garbage', 'not-a-cursor'],
    ['an id that is not a uuid', base64url('2026-11-28T03:14:15.926Z|1 OR 1=1')],
    ['a date that is not ISO', base64url(`yesterday|${ID}`)],
    ['a date that is not in ISO form', base64url(`2026-11-28 03:14:15|${ID}`)],
    ['extra parts', base64url(`2026-11-28T03:14:15.926Z|${ID}|x`)],
    ['far too long', 'a'.repeat(500)],
  ])('%s gives no cursor', (_label, text) => {
    expect(decodeCursor(text)).toBeNull();
  });
});

describe('amount cursor', () => {
  test('an amount cursor survives the round trip, whatever the size of the amount', () => {
    for (const amount of [0n, 150_615n, 9_223_372_036_854_775_807n]) {
      expect(decodeAmountCursor(encodeAmountCursor({ amount, id: ID }))).toEqual({ amount, id: ID });
    }
  });

  test.each([
    ['nothing', undefined],
    ['a time cursor', encodeCursor({ at: new Date('2026-11-28T03:14:15.926Z'), id: ID })],
    ['an amount that is not a number', base64url(`150rb|${ID}`)],
    ['an id that is not a uuid', base64url('150000|1 OR 1=1')],
    ['extra parts', base64url(`150000|${ID}|x`)],
  ])('%s gives no amount cursor', (_label, text) => {
    expect(decodeAmountCursor(text)).toBeNull();
  });

  test('an amount cursor is no time cursor', () => {
    expect(decodeCursor(encodeAmountCursor({ amount: 150_000n, id: ID }))).toBeNull();
  });
});

describe('pageSize', () => {
  test.each([
    ['absent', undefined, PAGE_SIZE],
    ['null', null, PAGE_SIZE],
    ['asked as text', '10', 10],
    ['asked as a number', 10, 10],
    ['exactly the cap', '200', 200],
    ['capped', '100000', MAX_PAGE_SIZE],
    ['capped as a number', 5000, MAX_PAGE_SIZE],
    ['zero', '0', PAGE_SIZE],
    ['negative', -3, PAGE_SIZE],
    ['negative text', '-3', PAGE_SIZE],
    ['a fraction', '2.5', PAGE_SIZE],
    ['not a number', 'all', PAGE_SIZE],
  ])('%s', (_label, requested, expected) => {
    expect(pageSize(requested)).toBe(expected);
  });

  test('one cap for every list', () => {
    expect(MAX_PAGE_SIZE).toBe(200);
  });
});

describe('pageOf', () => {
  const rows = [1, 2, 3].map((n) => ({ n, at: new Date(Date.UTC(2026, 10, n)), id: ID }));
  const cursorOf = (row: (typeof rows)[number]) => ({ at: row.at, id: row.id });

  test.each([
    ['fewer rows than the limit: the last page', 5, [1, 2, 3], null],
    ['exactly the limit: the last page', 3, [1, 2, 3], null],
    ['one row more than the limit: a next page after the last row shown', 2, [1, 2], rows[1]],
  ])('%s', (_label, limit, shown, nextAfter) => {
    const page = pageOf(rows, limit, cursorOf);
    expect(page.rows.map((row) => row.n)).toEqual(shown);
    expect(page.nextCursor).toBe(nextAfter ? encodeCursor(cursorOf(nextAfter)) : null);
  });
});

describe('resultCount', () => {
  test.each([
    [0, { count: 0, more: false }],
    [COUNT_CAP, { count: COUNT_CAP, more: false }],
    [COUNT_CAP + 1, { count: COUNT_CAP, more: true }],
  ])('%i counted', (counted, expected) => {
    expect(resultCount(counted)).toEqual(expected);
  });
});
