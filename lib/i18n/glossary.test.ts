import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { MESSAGES } from '@/lib/i18n/messages';

/** The rows of the glossary table under `heading`: state, Indonesian, English. */
function glossaryTable(heading: string): Record<string, { id: string; en: string }> {
  const text = readFileSync(path.join(process.cwd(), 'docs/glossary.md'), 'utf8');
  const section = text.split(`## ${heading}`)[1]!.split('\n## ')[0]!;
  const rows = section.split('\n').filter((line) => /^\| `[a-z]+` \|/.test(line));
  return Object.fromEntries(
    rows.map((line) => {
      const [state, id, en] = line
        .split('|')
        .slice(1, 4)
        .map((cell) => cell.trim());
      return [state!.replaceAll('`', ''), { id: id!, en: en! }];
    }),
  );
}

describe('docs/glossary.md and the labels the app shows', () => {
  test.each([
    ['States of a mutation (transfer)', 'matchState'],
    ['States of an order', 'orderStatus'],
  ] as const)('%s', (heading, key) => {
    const table = glossaryTable(heading);
    const shown = Object.fromEntries(
      Object.keys(MESSAGES.en.common[key]).map((state) => [
        state,
        { id: (MESSAGES.id.common[key] as Record<string, string>)[state], en: (MESSAGES.en.common[key] as Record<string, string>)[state] },
      ]),
    );
    expect(shown).toEqual(table);
  });
});
