import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { NODE_SCRIPT_ARGS } from '@/lib/runtime/node-script';
import { jakartaDay } from '@/lib/time/jakarta';
import { test, expect, expectAccessible, saveScreenshot, sendDelivery } from './support/fixtures';

test.use({ signedInAs: 'owner' });

const MANDIRI = { bankId: 'bnk_Mnd77', accountNumber: '1400098765' };
const VA = { bankId: 'bnk_VaBni1', name: 'BNI Virtual Account ••9012' };

const rupiahIn = (text: string | null) => BigInt((text ?? '').replace(/\D/g, '') || '0');
const moneyInToday = async (page: Page) => rupiahIn(await page.getByTestId('money-in-today').locator('p').nth(1).textContent());

/** `npm run sync` for one account and today, against the fake Moota beside the e2e server. */
function syncToday(bankId: string): string {
  const today = jakartaDay(new Date());
  const fakeMootaPort = Number(process.env.E2E_PORT ?? 3100) + 1;
  return execFileSync(process.execPath, [...NODE_SCRIPT_ARGS, 'scripts/sync.ts', '--from', today, '--to', today, '--account', bankId], {
    env: {
      ...process.env,
      COCOK_DATA_DIR: process.env.E2E_DATA_DIR,
      COCOK_DATABASE_PORT: process.env.E2E_DATABASE_PORT,
      MOOTA_API_URL: `http://127.0.0.1:${fakeMootaPort}/api/v2`,
      MOOTA_API_TOKEN: process.env.E2E_MOOTA_TOKEN,
    },
    encoding: 'utf8',
  });
}

async function markAccount(page: Page, bankId: string, button: RegExp) {
  await page.goto('/accounts');
  const row = page.locator(`[data-testid="account-row"][data-bank-id="${bankId}"]`);
  await row.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(/arus kas|cash flow/i);
  await dialog.getByRole('button', { name: button }).click();
  await expect(dialog).toBeHidden();
  return row;
}

test('the owner marks an account as sandbox: its money leaves the overview, its mutations wear a badge, and it comes back', async ({
  page,
}, testInfo) => {
  test.slow();
  const marker = `E2E-SBX-${Date.now()}`;
  const amount = 420_000 + (Date.now() % 997);
  await sendDelivery(page.request, [
    { amount, type: 'CR', accountNumber: MANDIRI.accountNumber, date: new Date(), description: `${marker} MANDIRI` },
  ]);

  await page.goto('/');
  const before = await moneyInToday(page);
  const today = jakartaDay(new Date());
  const report = await page.request.get(`/api/dashboard/cash-flow?from=${today}&to=${today}&granularity=day&account=${MANDIRI.bankId}`);
  const mandiriToday = BigInt(((await report.json()) as { totals: { moneyIn: string } }).totals.moneyIn);
  expect(mandiriToday).toBeGreaterThanOrEqual(BigInt(amount));

  const row = await markAccount(page, MANDIRI.bankId, /^(jadikan sandbox|mark as sandbox)$/i);
  await expect(row.getByRole('rowheader')).toContainText('Sandbox');
  await expectAccessible(page);
  await saveScreenshot(page, testInfo, 'accounts');

  await page.goto('/');
  await expect.poll(() => moneyInToday(page)).toBe(before - mandiriToday);
  await expect(page.locator(`[data-testid="account-balances"] [data-bank-id="${MANDIRI.bankId}"]`)).toContainText('Sandbox');

  await page.goto(`/mutations?q=${marker}`);
  await expect(page.getByTestId('mutation-row')).toHaveCount(1);
  await expect(page.getByTestId('mutation-row')).toContainText('Sandbox');

  // In English too, and back: the other specs count Mandiri's money.
  await page.goto('/accounts');
  await page.getByLabel('Bahasa').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
  await markAccount(page, MANDIRI.bankId, /^mark as a real account$/i);
  await expect(page.locator(`[data-testid="account-row"][data-bank-id="${MANDIRI.bankId}"]`).getByRole('rowheader')).not.toContainText('Sandbox');
  await page.goto('/');
  await expect.poll(() => moneyInToday(page)).toBe(before);
  await page.getByLabel('Language').selectOption('id');
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
});

test('mutations only a sync brought show as a gap on the overview and the webhook log, linking to exactly them', async ({ page }, testInfo) => {
  test.slow();
  expect(syncToday(VA.bankId)).toMatch(/Done/);

  await page.goto('/');
  const gap = page.getByTestId('gaps').getByRole('link', { name: new RegExp(`${VA.name}.*hanya lewat sinkronisasi`) });
  await expect(gap).toBeVisible();
  const count = Number(/^(\d+)/.exec((await gap.textContent()) ?? '')?.[1]);
  expect(count).toBeGreaterThan(0);
  await saveScreenshot(page, testInfo, 'overview-gaps');

  await page.goto('/webhooks');
  await expect(page.getByTestId('gaps').getByRole('link', { name: new RegExp(VA.name) })).toBeVisible();
  await expect(page.getByTestId('last-sync')).toBeVisible();

  await page.goto('/');
  await gap.click();
  await expect(page).toHaveURL(new RegExp(`/mutations\\?account=${VA.bankId}&gap=1&origin=apiSync`));
  const rows = page.getByTestId('mutation-row');
  await expect(rows).toHaveCount(count);
  for (const text of await rows.allTextContents()) expect(text).toContain('Tanpa webhook');

  await page.getByLabel('Bahasa').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.goto('/');
  await expect(page.getByTestId('gaps').getByRole('link', { name: new RegExp(`${VA.name} reached Cocok only through sync`) })).toBeVisible();
  await page.getByLabel('Language').selectOption('id');
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
});

test('accounts, the overview and the webhook log fit a 390 px wide phone', async ({ page }, testInfo) => {
  test.slow();
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ['/accounts', '/', '/webhooks']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    await expectAccessible(page);
  }
  await page.goto('/accounts');
  await saveScreenshot(page, testInfo, 'accounts-mobile');
});
