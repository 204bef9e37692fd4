import type { APIRequestContext, Page } from '@playwright/test';
import { formatRupiah } from '@/lib/money';
import { test, expect, createOrders, expectAccessible, saveScreenshot, sendDelivery } from './support/fixtures';

const run = `DIFF-${Date.now()}`;
let serial = 0;
const rupiah = (amount: number) => formatRupiah(BigInt(amount)).replace(/\u00a0/g, ' ');

// Each test waits for the worker to suggest its transfer.
test.describe.configure({ timeout: 150_000 });

/**
 * An order paid by a transfer `by` rupiah off its payable amount, naming the order: the worker
 * suggests it, and a person confirms it from the queue, found by the order's reference.
 */
async function paidOff(page: Page, request: APIRequestContext, by: number, words: { confirm: string; confirmAnyway: string; reason: string }) {
  const [order] = await createOrders(request, [{ reference: `${run}-${++serial}`, amount: 200_000 }]);
  await sendDelivery(request, [{ amount: order!.payable_amount + by, description: `TRSF E-BANKING CR ${order!.reference} RUDI` }]);
  await page.goto(`/unmatched?q=${order!.reference}`);
  const card = page.getByTestId('unmatched-item');
  await expect(async () => {
    await page.reload();
    await expect(card).toHaveAttribute('data-state', 'suggested', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await card.getByRole('button', { name: `${words.confirm} ${order!.reference}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(words.reason).fill('the customer named the order');
  await dialog.getByRole('button', { name: words.confirmAnyway }).click();
  await expect(card).toHaveAttribute('data-state', 'matched');
  await page.goto(`/orders/${encodeURIComponent(order!.reference)}`);
  return order!;
}

test.describe('as finance', () => {
  test.use({ signedInAs: 'finance' });

  test('accepts an underpayment as a bank fee with a reason; the order turns paid and the differences report books it', async ({
    page,
    request,
  }, testInfo) => {
    const order = await paidOff(page, request, -646, { confirm: 'Konfirmasi', confirmAnyway: 'Tetap konfirmasi', reason: 'Alasan (wajib)' });
    await expect(page.getByText('Kurang bayar').first()).toBeVisible();
    const card = page.getByTestId('order-difference');
    await expect(card).toContainText('Pesanan ini kurang bayar Rp 646.');
    await expect(card.getByTestId('ask-message')).toHaveText(`Mohon transfer sisa pembayaran Rp 646 untuk pesanan ${order.reference}. Terima kasih.`);

    await card.getByRole('button', { name: 'Terima kekurangan' }).click();
    const dialog = page.getByRole('dialog', { name: `Terima selisih pesanan ${order.reference}?` });
    await expect(dialog.getByLabel('Kategori').locator('option')).toHaveText(['Biaya bank', 'Pembulatan pelanggan', 'Diskon', 'Lainnya']);
    await dialog.getByRole('button', { name: 'Terima selisih' }).click();
    await expect(dialog.getByText('Alasan wajib diisi.')).toBeVisible();
    await dialog.getByLabel('Kategori').selectOption({ label: 'Biaya bank' });
    await dialog.getByLabel('Alasan (wajib)').fill('potongan biaya transfer antarbank');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Terima selisih' }).click();
    await expect(dialog).toBeHidden();
    // The toast that says so leaves the page's buttons free to click.
    const toast = page.getByRole('status').getByText(`Selisih pesanan ${order.reference} diterima.`);
    await expect(toast).toBeVisible();
    const covered = await page.getByTestId('payment-row').getByRole('button', { name: 'Urungkan pencocokan' }).boundingBox();
    const box = (await toast.boundingBox())!;
    expect(covered).not.toBeNull();
    expect(
      box.x >= covered!.x + covered!.width ||
        covered!.x >= box.x + box.width ||
        box.y >= covered!.y + covered!.height ||
        covered!.y >= box.y + box.height,
    ).toBe(true);

    await expect(page.getByTestId('accepted-difference')).toContainText('Kurang Rp 646 diterima sebagai Biaya bank oleh finance@cocok.local');
    await expect(page.getByTestId('accepted-difference')).toContainText('Alasan: potongan biaya transfer antarbank');
    await expect(page.getByText('Lunas').first()).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'Selisih diterima' })).toContainText('potongan biaya transfer antarbank');
    await saveScreenshot(page, testInfo, 'difference-accepted');

    await page.getByRole('navigation').getByRole('link', { name: 'Selisih' }).click();
    await expect(page).toHaveURL(/\/differences$/);
    const entry = page.getByTestId('difference-entry').filter({ hasText: order.reference });
    await expect(entry).toContainText('Kurang Rp 646');
    await expect(entry).toContainText('Biaya bank');
    await expect(entry).toContainText('potongan biaya transfer antarbank');
    await expect(page.getByTestId('difference-category').filter({ hasText: 'Biaya bank' })).toContainText(/Rp\s\d/);
    await page.getByLabel('Per', { exact: true }).selectOption({ label: 'Bulan' });
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page).toHaveURL(/granularity=month/);
    const month = new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'Asia/Jakarta' }).format(new Date());
    await expect(page.getByTestId('difference-period').filter({ hasText: 'Biaya bank' })).toContainText(month);
    await expectAccessible(page);

    // Undoing the payment would take the acceptance back, and the dialog says so first.
    await entry.getByRole('link', { name: order.reference }).click();
    await page.getByTestId('payment-row').getByRole('button', { name: 'Urungkan pencocokan' }).click();
    const undo = page.getByRole('dialog', { name: 'Urungkan pencocokan?' });
    await expect(undo.getByTestId('undo-effect')).toContainText(`${order.reference}: Lunas → Menunggu`);
    await expect(undo.getByTestId('undo-effect')).toContainText('Kekurangan Rp 646 yang diterima ikut dicabut dan keluar dari laporan selisih.');
    await undo.getByRole('button', { name: 'Batal' }).click();
    await expect(undo).toBeHidden();
  });

  test('on a phone, in English: records an overpayment as a refund owed, and reads it in the report', async ({
    page,
    request,
    context,
    baseURL,
  }, testInfo) => {
    await context.addCookies([{ name: 'cocok-locale', value: 'en', url: baseURL! }]);
    await page.setViewportSize({ width: 390, height: 844 });
    const order = await paidOff(page, request, 4_057, { confirm: 'Confirm', confirmAnyway: 'Confirm anyway', reason: 'Reason (required)' });
    const card = page.getByTestId('order-difference');
    await expect(card).toContainText(`This order is overpaid by ${rupiah(4_057)}.`);
    await expect(card.getByTestId('ask-message')).toHaveCount(0);
    await card.getByRole('button', { name: 'Record the overpayment' }).click();
    const dialog = page.getByRole('dialog', { name: `Accept the difference of order ${order.reference}?` });
    await expect(dialog.getByLabel('Category').locator('option')).toHaveText(['Refund owed', 'Customer rounding', 'Other']);
    await dialog.getByLabel('Reason (required)').fill('refund by bank transfer on Monday');
    await dialog.getByRole('button', { name: 'Accept the difference' }).click();
    await expect(page.getByTestId('accepted-difference')).toContainText(`Over ${rupiah(4_057)} accepted as Refund owed`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.goto('/differences');
    await expect(page.getByTestId('difference-entry').filter({ hasText: order.reference })).toContainText(`${rupiah(4_057)} over`);
    await expect(page.getByTestId('difference-category').filter({ hasText: 'Refund owed' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'differences-phone-en');
  });
});

test.describe('as viewer', () => {
  test.use({ signedInAs: 'viewer' });

  test('reads the differences report, with what finance accepted', async ({ page }) => {
    await page.goto('/differences');
    await expect(page.getByRole('heading', { level: 1, name: 'Selisih diterima' })).toBeVisible();
    await expect(page.getByTestId('difference-entry').filter({ hasText: run }).first()).toBeVisible();
    await expectAccessible(page);
  });
});
