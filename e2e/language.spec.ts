import type { Page } from '@playwright/test';
import { NAV_ITEMS } from '@/components/shell/nav-items';
import { MESSAGES } from '@/lib/i18n/messages';
import { REFUSAL_REASONS } from '@/lib/moota/refusal-reasons';
import { expect, test } from './support/fixtures';

type Tree = { [key: string]: string | Tree };

/** Every message as `area.key` → text, flattened. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(name, value);
    else for (const [k, v] of flatten(value, name)) out.set(k, v);
  }
  return out;
}

const indonesian = flatten(MESSAGES.id as unknown as Tree);
const english = flatten(MESSAGES.en as unknown as Tree);
/** English sentences of the UI (two words or more, no placeholders) that the Indonesian UI says differently. */
const englishSentences = [...english]
  .filter(([key, text]) => !text.includes('{') && text.trim().split(/\s+/).length >= 2 && indonesian.get(key) !== text)
  .map(([, text]) => text);
const areas = Object.keys(MESSAGES.id).join('|');
const messageKey = new RegExp(`\\b(?:${areas})\\.[a-z][A-Za-z]+(?:\\.[A-Za-z_]+)*\\b`);

async function englishOn(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const lines = text.split('\n').map((line) => line.trim());
  const found = englishSentences.filter((sentence) => text.includes(sentence));
  for (const line of lines) {
    if (messageKey.test(line)) found.push(`message key: ${line}`);
    for (const { pattern } of Object.values(REFUSAL_REASONS)) if (pattern.test(line)) found.push(`refusal reason: ${line}`);
  }
  return found;
}

test.describe('one language at a time', () => {
  test.use({ signedInAs: 'owner' });

  test('no page of the Indonesian dashboard shows an English sentence or a message key', async ({ page }) => {
    test.slow();
    const pages = NAV_ITEMS.map(({ href }) => href);
    await page.goto('/mutations');
    pages.push((await page.getByTestId('mutation-row').first().getByRole('link').first().getAttribute('href'))!);
    await page.goto('/orders');
    pages.push((await page.getByTestId('order-row').first().getByRole('link').first().getAttribute('href'))!);
    await page.goto('/webhooks?failed=1');
    pages.push((await page.getByTestId('delivery-row').first().getByRole('link').first().getAttribute('href'))!);
    pages.push('/orders/new', '/orders/import', '/cash-flow?granularity=week', '/revenue?granularity=month');
    for (const href of pages) {
      await page.goto(href);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      expect(await englishOn(page), href).toEqual([]);
    }
  });
});
