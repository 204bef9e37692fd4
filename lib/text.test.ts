import { describe, expect, test } from 'vitest';
import { DomainError } from '@/lib/errors';
import { containsPattern, findUnstorableText, isStorableText, refuseUnstorableText, storableTextSchema } from '@/lib/text';

describe('isStorableText', () => {
  test.each([
    ['plain text', 'Budi Santoso', true],
    ['empty', '', true],
    ['Indonesian and emoji (a whole surrogate pair)', 'Kopi ☕ 🇮🇩', true],
    ['a NUL character', 'Budi\0', false],
    ['a NUL alone', '\0', false],
    ['a lone high surrogate', 'a\uD83Db', false],
    ['a lone high surrogate at the end', 'a\uD83D', false],
    ['a lone low surrogate', '\uDC00a', false],
    ['two high surrogates', '\uD83D\uD83D', false],
    ['a control character Postgres takes', 'line\u0001\n', true],
  ])('%s', (_label, text, expected) => {
    expect(isStorableText(text)).toBe(expected);
  });
});

describe('findUnstorableText', () => {
  test.each([
    ['a clean object', { reference: 'INV-1', rows: [{ name: 'ok' }], amount: 5, when: new Date(0) }, null],
    ['a string', 'a\0', 'input'],
    ['a field', { reason: 'salah\0' }, 'reason'],
    ['a nested field', { rows: [{ input: { customer_name: 'x' } }, { input: { customer_name: '\uD800' } }] }, 'rows.1.input.customer_name'],
    ['a key', { ['na\0me']: 'x' }, 'na\0me'],
    ['numbers, booleans and nulls', { a: 1, b: true, c: null, d: undefined, e: 10n }, null],
  ])('%s', (_label, value, expected) => {
    expect(findUnstorableText(value)).toBe(expected);
  });

  test('reads FormData', () => {
    const form = new FormData();
    form.set('email', 'a@b.c');
    form.set('name', 'x\0');
    expect(findUnstorableText(form)).toBe('name');
  });

  test('a value nested a hundred thousand deep is read without overflowing the stack', () => {
    let deep: unknown = 'bottom\0';
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(findUnstorableText(deep)).toMatch(/^0(\.0)+$/);
  });

  test('refuseUnstorableText says which field in both languages', () => {
    const refuse = () => refuseUnstorableText({ reason: 'x\0' });
    expect(refuse).toThrow(DomainError);
    expect(refuse).toThrow('reason contains a character that cannot be stored');
  });
});

describe('storableTextSchema', () => {
  test.each([
    ['within the length', 'Budi', true],
    ['too long', 'x'.repeat(11), false],
    ['a NUL', 'Bu\0di', false],
    ['a lone surrogate', 'Bu\uDFFFdi', false],
  ])('%s', (_label, text, ok) => {
    expect(storableTextSchema(10).safeParse(text).success).toBe(ok);
  });

  test('its issue carries the error code invalidFields tells', () => {
    const issue = storableTextSchema(10).safeParse('\0').error!.issues[0]!;
    expect(issue).toMatchObject({ code: 'custom', params: { errorCode: 'textUnstorable' } });
  });
});

describe('containsPattern', () => {
  test.each([
    ['plain words', 'Budi', '%Budi%'],
    ['a percent sign', '100%', '%100\\%%'],
    ['an underscore', 'INV_1', '%INV\\_1%'],
    ['a backslash', 'a\\b', '%a\\\\b%'],
  ])('%s', (_label, text, pattern) => {
    expect(containsPattern(text)).toBe(pattern);
  });
});
