import { formatRupiah } from '@/lib/money';
import { test, expect, createOrders, expectAccessible, saveScreenshot, sendDelivery, storageStateOf } from './support/fixtures';

const run = `PAY-${Date.now()}`;
let serial = 0;
const rupiah = (amount: number) => formatRupiah(BigInt(amount)).replace(/\u00a0/g, ' ');

// Each test waits for the worker to match a transfer.
test.describe.configure({ timeout: 150_000 });

test.describe('a customer, not signed in, on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('sees the exact amount with its unique code set apart, where to pay and the countdown; then "paid ✓" without reloading', async ({
    page,
    request,
  }, testInfo) => {
    const [order] = await createOrders(request, [{ reference: `${run}-${++serial}`, amount: 150_000 }]);
    expect(order!.pay_url).toMatch(/\/pay\/[A-Za-z0-9_-]{38}$/);
    await page.goto(order!.pay_url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Pembayaran pesanan ${order!.reference}`);
    const amount = page.getByTestId('pay-amount');
    await expect(amount).toHaveText(rupiah(order!.payable_amount));
    await expect(amount.locator('strong')).toHaveText(String(order!.payable_amount).slice(-3));
    await expect(page.getByText('Termasuk 3 digit terakhir')).toBeVisible();
    await expect(page.getByTestId('countdown')).toContainText('Bayar sebelum');
    await expect(page.getByTestId('countdown')).toContainText(/Sisa waktu \d+ jam/);
    await expect(page.getByTestId('pay-account').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Salin nominal' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'pay-waiting');

    // Marked so that a reload would show: the page must change in place.
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    await sendDelivery(request, [{ amount: order!.payable_amount, description: `TRSF E-BANKING CR ${run} BUDI` }]);
    await expect(page.getByTestId('pay-status')).toContainText('Pembayaran diterima ✓', { timeout: 60_000 });
    await expect(page.getByTestId('pay-status')).toContainText(`Kami menerima ${rupiah(order!.payable_amount)}`);
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    await expect(page.getByTestId('pay-amount')).toHaveCount(0);
    await saveScreenshot(page, testInfo, 'pay-paid');
  });

  test('paid short, in English: what came in and the rest to transfer', async ({ page, request, browser, context, baseURL }) => {
    await context.addCookies([{ name: 'cocok-locale', value: 'en', url: baseURL! }]);
    const [order] = await createOrders(request, [{ reference: `${run}-${++serial}`, amount: 200_000 }]);
    await sendDelivery(request, [{ amount: 200_000, description: `TRSF E-BANKING CR ${order!.reference} RUDI` }]);

    // Finance confirms the transfer, which names the order but is short of it.
    const finance = await browser.newContext({ storageState: storageStateOf('finance') });
    const queue = await finance.newPage();
    await queue.goto(`/unmatched?q=${order!.reference}`);
    const card = queue.getByTestId('unmatched-item');
    await expect(async () => {
      await queue.reload();
      await expect(card).toHaveAttribute('data-state', 'suggested', { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });

    await page.goto(order!.pay_url);
    await expect(page.getByText('Transfer exactly')).toBeVisible();
    await card.getByRole('button', { name: `Konfirmasi ${order!.reference}` }).click();
    const dialog = queue.getByRole('dialog');
    await dialog.getByLabel('Alasan (wajib)').fill('pelanggan lupa kode unik');
    await dialog.getByRole('button', { name: 'Tetap konfirmasi' }).click();
    await expect(card).toHaveAttribute('data-state', 'matched');
    await finance.close();

    const rest = order!.payable_amount - 200_000;
    await expect(page.getByTestId('pay-status')).toContainText(`We received ${rupiah(200_000)} of ${rupiah(order!.payable_amount)}.`);
    await expect(page.getByTestId('pay-status')).toContainText(`Transfer the remaining ${rupiah(rest)}, or contact the store.`);
    await page.reload();
    await expect(page.getByTestId('pay-amount')).toHaveText(rupiah(rest));
    await expectAccessible(page);
  });

  test('a tampered or made-up link is a plain 404', async ({ page, request }) => {
    const [order] = await createOrders(request, [{ reference: `${run}-${++serial}`, amount: 90_000 }]);
    const token = order!.pay_url.split('/').at(-1)!;
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const path of [`/pay/${tampered}`, `/pay/${order!.reference}`]) {
      const response = await page.goto(path);
      expect(response!.status()).toBe(404);
      await expect(page.getByText(order!.reference)).toHaveCount(0);
    }
  });
});
