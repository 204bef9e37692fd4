import { readFile } from 'node:fs/promises';
import { test, expect, expectAccessible, saveScreenshot } from './support/fixtures';

test.describe('as the owner', () => {
  test.use({ signedInAs: 'owner' });

  test('revenue, revenue by account and the matching trend follow the granularity', async ({ page }, testInfo) => {
    test.slow();
    await page.goto('/revenue');
    await expect(page.getByRole('heading', { level: 1, name: /pendapatan|revenue/i })).toBeVisible();
    await expect(page.getByRole('navigation').getByRole('link', { name: /pendapatan|revenue/i })).toBeVisible();
    await expect(page.getByTestId('revenue-total')).toContainText(/Rp\s?[1-9]/);
    await expect(page.getByTestId('revenue-by-account').locator('tbody tr').first()).toBeVisible();
    await expect(page.getByTestId('revenue-table').locator('tbody tr')).toHaveCount(30);
    await expect(page.getByTestId('matching-table').locator('tbody tr')).toHaveCount(30);
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'revenue');

    const total = await page.getByTestId('revenue-total').textContent();
    await page.getByRole('combobox', { name: /^per$/i }).selectOption('week');
    await expect(page.getByTestId('revenue-table').locator('tbody tr').first().locator('th')).toHaveText(/^Minggu \d{1,2} \(.+\)$/);
    await expect(page.getByTestId('matching-table').locator('tbody tr').first().locator('th')).toHaveText(/^Minggu \d{1,2} \(.+\)$/);
    // The same range per week: the same total.
    await expect(page.getByTestId('revenue-total')).toHaveText(total!);
  });

  test('the revenue report downloads as CSV', async ({ page }) => {
    test.slow();
    await page.goto('/revenue');
    await page.getByRole('combobox', { name: /^per$/i }).selectOption('month');
    await expect(page.getByTestId('revenue-table').locator('tbody tr').first().locator('th')).toHaveText(/^[A-Z][a-z]+ \d{4}$/);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /unduh csv|download csv/i }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^pendapatan-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-month\.csv$/);
    const lines = (await readFile((await file.path())!, 'utf8'))
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Awal periode;Periode;Pesanan dibayar;Pendapatan (Rp);Rata-rata per pesanan (Rp);Dicocokkan otomatis;Dicocokkan manual;Porsi otomatis;Median menit sampai cocok',
    );
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-01;[A-Z][a-z]+ \d{4};\d+;\d+;/);
    expect(lines.at(-1)).toMatch(/^Total;Total;\d+;\d+;/);
  });

  test('revenue fits a 375 px wide phone', async ({ page }, testInfo) => {
    test.slow();
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/revenue');
    await expect(page.getByTestId('revenue-total')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'revenue-mobile');
  });
});

test.describe('as finance', () => {
  test.use({ signedInAs: 'finance' });

  test('revenue is forbidden and not in the menu', async ({ page }, testInfo) => {
    test.slow();
    await page.goto('/');
    await expect(page.getByRole('navigation').getByRole('link', { name: /arus kas|cash flow/i })).toBeVisible();
    await expect(page.getByRole('navigation').getByRole('link', { name: /pendapatan|revenue/i })).toHaveCount(0);

    const response = await page.goto('/revenue');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: /tidak diizinkan|not allowed/i })).toBeVisible();
    await saveScreenshot(page, testInfo, 'revenue-forbidden');

    expect((await page.request.get('/api/dashboard/revenue')).status()).toBe(403);
    expect((await page.request.get('/api/dashboard/revenue/export')).status()).toBe(403);
  });
});
