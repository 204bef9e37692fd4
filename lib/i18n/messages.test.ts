import { describe, expect, test } from 'vitest';
import { MESSAGES } from '@/lib/i18n/messages';
import { keysOf, translate } from '@/lib/i18n/translate';

describe('messages', () => {
  test('Bahasa Indonesia and English have exactly the same keys', () => {
    expect(keysOf(MESSAGES.en).sort()).toEqual(keysOf(MESSAGES.id).sort());
  });

  test('no message is empty', () => {
    for (const locale of ['id', 'en'] as const) {
      for (const key of keysOf(MESSAGES[locale])) expect(translate(MESSAGES[locale], key), `${locale}:${key}`).not.toBe('');
    }
  });

  test('placeholders are the same in both languages', () => {
    for (const key of keysOf(MESSAGES.id)) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(translate(MESSAGES.en, key)), key).toEqual(names(translate(MESSAGES.id, key)));
    }
  });
});

describe('translate', () => {
  test.each([
    ['a plain key', 'common.save', undefined, 'Simpan'],
    ['a nested key', 'common.role.finance', undefined, 'Keuangan'],
    ['a placeholder', 'common.signedInAs', { email: 'a@b.c' }, 'Masuk sebagai a@b.c'],
    ['a missing key shows itself', 'common.nope', undefined, 'common.nope'],
    ['a key that names a group shows itself', 'common.role', undefined, 'common.role'],
  ])('%s', (_label, key, params, expected) => {
    expect(translate(MESSAGES.id, key, params)).toBe(expected);
  });
});
