import { test, expect, expectAccessible, saveScreenshot, sendDelivery } from './support/fixtures';

test.use({ signedInAs: 'finance' });

/** "Rp 1.234.567" → 1234567n. */
const rupiahIn = (text: string | null) => BigInt((text ?? '').replace(/\D/g, '') || '0');

test('the overview shows today, this month, waiting transfers and webhook problems', async ({ page }, testInfo) => {
  test.slow();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: /ringkasan|overview/i })).toBeVisible();
  for (const id of [
    'money-in-today',
    'money-out-today',
    'matched-rate-today',
    'money-in-month',
    'money-out-month',
    'matched-rate-month',
    'open-orders',
  ]) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  // The demo month has money in, transfers waiting and two rejected webhook calls.
  expect(rupiahIn(await page.getByTestId('money-in-month').locator('p').nth(1).textContent())).toBeGreaterThan(0n);
  await expect(page.getByTestId('waiting-count')).toContainText(/[1-9]/);
  await expect(page.getByRole('link', { name: /buka transfer belum cocok|open unmatched transfers/i })).toHaveAttribute('href', '/unmatched');
  await expect(page.getByRole('link', { name: /buka log webhook|open the webhook log/i })).toHaveAttribute('href', '/webhooks');
  await expect(page.getByTestId('rejected-today')).toBeVisible();
  await expect(page.getByTestId('dead-mutations')).toBeVisible();
  await expectAccessible(page);
  await saveScreenshot(page, testInfo, 'overview');
});

test('a signed delivery raises "money in today" without a reload', async ({ page, request }) => {
  test.slow();
  await page.goto('/');
  const moneyIn = page.getByTestId('money-in-today').locator('p').nth(1);
  await expect(moneyIn).toHaveText(/Rp/);
  // A marker on the window survives only if the page is not reloaded.
  await page.evaluate(() => Object.assign(window, { __overviewMarker: true }));
  const before = rupiahIn(await moneyIn.textContent());

  const amount = 250_000 + (Date.now() % 997);
  await sendDelivery(request, [{ amount, type: 'CR', date: new Date(), description: `E2E-${Date.now()} TRANSFER` }]);

  await expect.poll(async () => rupiahIn(await moneyIn.textContent()), { timeout: 15_000 }).toBe(before + BigInt(amount));
  expect(await page.evaluate(() => (window as unknown as { __overviewMarker?: boolean }).__overviewMarker)).toBe(true);
});

test('the overview fits a 375 px wide phone', async ({ page }, testInfo) => {
  test.slow();
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/');
  await expect(page.getByTestId('money-in-today')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page);
  await saveScreenshot(page, testInfo, 'overview-mobile');
});
