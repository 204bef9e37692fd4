import { describe, expect, test } from 'vitest';
import { MESSAGES, pickAreas } from '@/lib/i18n/messages';

type MessageTree = { [key: string]: string | MessageTree };

/** Every dotted key with a message at its end, and that message. */
function entriesOf(tree: MessageTree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : entriesOf(value, `${prefix}${key}.`),
  );
}

const id = new Map(entriesOf(MESSAGES.id));
const en = new Map(entriesOf(MESSAGES.en));

/** The names of a message's ICU arguments: `{email}`, `{count, plural, …}`. */
const argumentsOf = (message: string) => [...new Set([...message.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();

describe('messages', () => {
  test('Bahasa Indonesia and English have exactly the same keys', () => {
    expect([...en.keys()].sort()).toEqual([...id.keys()].sort());
  });

  test('no message is empty', () => {
    for (const [key, message] of [...id, ...en]) expect(message.trim(), key).not.toBe('');
  });

  test('both languages take the same arguments', () => {
    for (const [key, message] of id) expect(argumentsOf(en.get(key) ?? ''), key).toEqual(argumentsOf(message));
  });

  test('a message that carries a count says it with a plural in both languages', () => {
    const counts = [...id].filter(([, message]) => /\{(count|total|credits|bytes|valid|invalid)\s*[,}]/.test(message));
    expect(counts.length).toBeGreaterThan(0);
    for (const [key, message] of counts) {
      for (const text of [message, en.get(key)!]) expect(text, key).not.toMatch(/\{(count|total|credits|bytes|valid|invalid)\}/);
    }
  });
});

describe('pickAreas', () => {
  test('keeps only the areas asked for', () => {
    expect(Object.keys(pickAreas(MESSAGES.en, ['common', 'nav']))).toEqual(['common', 'nav']);
    expect(pickAreas(MESSAGES.en, ['nav']).nav).toBe(MESSAGES.en.nav);
  });
});
