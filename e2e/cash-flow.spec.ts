import type { Locator, Page } from '@playwright/test';
import { test, expect, expectAccessible, saveScreenshot, sendDelivery } from './support/fixtures';

test.use({ signedInAs: 'finance' });

const BRI = '034101000123567';
const BRI_BANK_ID = 'bnk_Bri3Kp';
const rupiahIn = (text: string | null) => BigInt((text ?? '').replace(/\D/g, '') || '0');

async function columnSum(cells: Locator): Promise<bigint> {
  return (await cells.allTextContents()).reduce((sum, text) => sum + rupiahIn(text), 0n);
}

/** The table's total row equals the sum of its rows, for money in and money out. */
async function expectTotalsAddUp(page: Page) {
  const table = page.getByTestId('cash-flow-table');
  expect(rupiahIn(await table.locator('[data-cell="total-in"]').textContent())).toBe(await columnSum(table.locator('tbody [data-cell="money-in"]')));
  expect(rupiahIn(await table.locator('[data-cell="total-out"]').textContent())).toBe(
    await columnSum(table.locator('tbody [data-cell="money-out"]')),
  );
}

test('cash flow per day, week and month: chart and table follow the filters and the totals add up', async ({ page }, testInfo) => {
  test.slow();
  await page.goto('/cash-flow');
  await expect(page.getByRole('heading', { level: 1, name: /arus kas|cash flow/i })).toBeVisible();
  const rows = page.getByTestId('cash-flow-table').locator('tbody tr');
  const chart = page.getByTestId('report-chart');
  // The default range is the last 30 days, one row per day.
  await expect(rows).toHaveCount(30);
  await expect(chart).toHaveAttribute('data-points', '30');
  await expect(chart).toHaveAttribute('aria-label', /.+/);
  await expectTotalsAddUp(page);
  await expectAccessible(page);
  await saveScreenshot(page, testInfo, 'cash-flow');

  await page.getByRole('combobox', { name: /^per$/i }).selectOption('week');
  await expect(rows.first().locator('th')).toHaveText(/^Minggu \d{1,2} \(.+\)$/);
  const weeks = await rows.count();
  expect(weeks).toBeGreaterThanOrEqual(5);
  await expect(chart).toHaveAttribute('data-points', String(weeks));
  await expectTotalsAddUp(page);

  await page.getByRole('combobox', { name: /^per$/i }).selectOption('month');
  await expect(rows.first().locator('th')).toHaveText(/^[A-Z][a-z]+ \d{4}$/);
  await expectTotalsAddUp(page);
  await expect(page).toHaveURL(/granularity=month/);

  const to = await page.getByRole('textbox', { name: /^(sampai|to)$/i }).inputValue();
  await page.getByRole('textbox', { name: /^(dari|from)$/i }).fill(to);
  await page.getByRole('combobox', { name: /^per$/i }).selectOption('day');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-period', to);
  await expect(rows.first().locator('th')).toHaveText(/^Hari ini, \d{1,2} [A-Z][a-z]{2}$/);
  await expectTotalsAddUp(page);
});

test('choosing an account shows only its money, and a new credit on it appears', async ({ page, request }) => {
  test.slow();
  const amount = 310_000 + (Date.now() % 997);
  await sendDelivery(request, [{ amount, type: 'CR', accountNumber: BRI, date: new Date(), description: `E2E-${Date.now()} BRI` }]);
  await page.goto('/cash-flow');
  const table = page.getByTestId('cash-flow-table');
  await expect(table.locator('tbody tr')).toHaveCount(30);
  const allIn = rupiahIn(await table.locator('[data-cell="total-in"]').textContent());

  const answer = page.waitForResponse(
    (response) => response.url().includes('/api/dashboard/cash-flow') && response.url().includes(`account=${BRI_BANK_ID}`),
  );
  await page.getByRole('combobox', { name: /^(rekening|account)$/i }).selectOption(BRI_BANK_ID);
  const report = (await (await answer).json()) as { totals: { moneyIn: string } };
  await expect.poll(async () => rupiahIn(await table.locator('[data-cell="total-in"]').textContent())).toBe(BigInt(report.totals.moneyIn));
  const briIn = BigInt(report.totals.moneyIn);
  expect(briIn).toBeGreaterThanOrEqual(BigInt(amount));
  expect(briIn).toBeLessThan(allIn);
  await expectTotalsAddUp(page);
  await expect(page).toHaveURL(new RegExp(`account=${BRI_BANK_ID}`));
});

test('cash flow fits a 375 px wide phone; the table scrolls inside its card', async ({ page }, testInfo) => {
  test.slow();
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/cash-flow');
  await expect(page.getByTestId('cash-flow-table').locator('tbody tr')).toHaveCount(30);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page);
  await saveScreenshot(page, testInfo, 'cash-flow-mobile');
});
