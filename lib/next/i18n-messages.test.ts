import { createTranslator } from 'next-intl';
import { describe, expect, test } from 'vitest';
import { LOCALES } from '@/lib/i18n/locales';
import { MESSAGES, type MessageKey } from '@/lib/i18n/messages';

type MessageTree = { [key: string]: string | MessageTree };

function keysOf(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`)));
}

function translator(locale: (typeof LOCALES)[number]) {
  const problems: string[] = [];
  const t = createTranslator({ locale, messages: MESSAGES[locale], onError: (error) => problems.push(error.message) });
  return { t, problems };
}

describe.each(LOCALES)('every %s message is valid ICU', (locale) => {
  test('formats with a number for each of its arguments', () => {
    const { t, problems } = translator(locale);
    for (const key of keysOf(MESSAGES[locale])) {
      const text = t.raw(key as MessageKey) as string;
      const values = Object.fromEntries([...text.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => [m[1]!, 2]));
      expect(t(key as MessageKey, values), `${locale}:${key}`).not.toBe(key);
    }
    expect(problems).toEqual([]);
  });
});

describe('plurals', () => {
  test.each([
    ['en', 1, 'Import 1 order'],
    ['en', 2, 'Import 2 orders'],
    ['en', 1200, 'Import 1,200 orders'],
    ['id', 1, 'Impor 1 pesanan'],
    ['id', 1200, 'Impor 1.200 pesanan'],
  ] as const)('%s with %i', (locale, count, expected) => {
    expect(translator(locale).t('orders.import.importButton', { count })).toBe(expected);
  });

  test('a broken message is reported, not shown', () => {
    const problems: string[] = [];
    const t = createTranslator({
      locale: 'en',
      messages: { broken: { message: '{count, plural, one {# order}' as string } },
      onError: (error) => problems.push(error.message),
    });
    t('broken.message', { count: 1 });
    expect(problems).toHaveLength(1);
  });
});
