import type { APIRequestContext, Page } from '@playwright/test';
import { formatRupiah } from '@/lib/money';
import { test, expect, createOrders, expectAccessible, saveScreenshot, sendDelivery } from './support/fixtures';

const run = `UNDO-${Date.now()}`;
let serial = 0;
const unique = (label: string) => `${run}-${label}-${++serial}`;
const rupiah = (amount: number) => formatRupiah(BigInt(amount)).replace(/\u00a0/g, ' ');

// Each test waits for the worker to match a delivery.
test.describe.configure({ timeout: 150_000 });

/** An order the worker pays by itself: a transfer of exactly its payable amount, sent the way Moota sends it. */
async function paidAutomatically(page: Page, request: APIRequestContext, label: string) {
  const [order] = await createOrders(request, [{ reference: unique(label), amount: 150_000 }]);
  await sendDelivery(request, [{ amount: order!.payable_amount, description: `TRSF E-BANKING CR ${unique('AUTO')}` }]);
  await page.goto(`/orders/${encodeURIComponent(order!.reference)}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('payment-row')).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  return order!;
}

/** The waiting transfer of this amount offered this order, paging with "load more" to the end of the queue. */
async function queueItem(page: Page, reference: string, amount: string) {
  const item = page
    .getByTestId('unmatched-item')
    .filter({ hasText: amount })
    .filter({ has: page.getByTestId('candidate').filter({ hasText: reference }) });
  const more = page.getByRole('button', { name: /muat lebih banyak|load more/i });
  for (let pages = 0; pages < 20 && !(await item.first().isVisible()) && (await more.isVisible()); pages++) {
    await more.click();
    await expect(async () => expect((await more.isVisible()) ? await more.isEnabled() : true).toBe(true)).toPass();
  }
  await expect(item.first()).toBeVisible();
  // Once matched it offers no candidates: from here on the card is found by its transfer's id.
  return page.locator(`[data-mutation-id="${await item.first().getAttribute('data-mutation-id')}"]`);
}

test.describe('as finance', () => {
  test.use({ signedInAs: 'finance' });

  test('undoes an automatic match from the order page, seeing first what it changes; then matches the transfer again from its page', async ({
    page,
    request,
  }, testInfo) => {
    const order = await paidAutomatically(page, request, 'ORDER');
    const payment = page.getByTestId('payment-row');
    await expect(payment.getByText('Aktif')).toBeVisible();
    await payment.getByRole('button', { name: 'Urungkan pencocokan' }).click();

    const dialog = page.getByRole('dialog', { name: 'Urungkan pencocokan?' });
    await expect(dialog.getByTestId('undo-effect')).toContainText(
      `${order.reference}: Lunas → Menunggu; dibayar ${rupiah(order.payable_amount)} → Rp 0.`,
    );
    await expect(dialog.getByTestId('undo-effect')).toContainText('Toko tidak perlu diberi tahu.');
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'undo-order-page');
    await dialog.getByRole('button', { name: 'Urungkan pencocokan' }).click();
    await expect(dialog.getByText('Alasan wajib diisi.')).toBeVisible();
    await dialog.getByLabel('Alasan mengurungkan (wajib)').fill('pelanggan salah kirim');
    await dialog.getByRole('button', { name: 'Urungkan pencocokan' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').getByText('Pencocokan diurungkan')).toBeVisible();

    await expect(payment.getByText(/Diurungkan .* oleh/)).toBeVisible();
    const undone = page.getByRole('row').filter({ hasText: 'Pencocokan diurungkan' });
    await expect(undone).toContainText('pelanggan salah kirim');
    await expect(undone.getByTestId('undone-effect')).toContainText(`${order.reference}: Lunas → Menunggu`);

    // The transfer waits again; its page links to matching it in the queue.
    await payment.getByRole('link').first().click();
    await expect(page.getByTestId('match-actions').getByRole('button', { name: 'Urungkan pencocokan' })).toHaveCount(0);
    await expect(page).toHaveURL(/\/mutations\/[0-9a-f-]{36}$/);
    const mutationId = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.getByRole('link', { name: 'Cocokkan di antrean' }).click();
    await expect(page).toHaveURL(/\/unmatched/);
    // Found by the transfer itself: other waiting transfers may list the same order among their candidates.
    const item = page.locator(`[data-testid="unmatched-item"][data-mutation-id="${mutationId}"]`);
    await expect(item).toContainText(rupiah(order.payable_amount));
    await expect(item).toBeVisible();
    const candidate = item.getByTestId('candidate').filter({ hasText: order.reference });
    await expect(candidate.getByTestId('difference')).toHaveText('Tepat');
    // Exact and open: one click confirms.
    await candidate.getByRole('button', { name: `Konfirmasi ${order.reference}` }).click();
    await expect(item).toHaveAttribute('data-state', 'matched');
  });

  test('on a phone, in English: undoes an automatic match from the transfer page', async ({ page, request, context, baseURL }, testInfo) => {
    await context.addCookies([{ name: 'cocok-locale', value: 'en', url: baseURL! }]);
    const order = await paidAutomatically(page, request, 'PHONE');
    await page.getByTestId('payment-row').getByRole('link').first().click();
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByText('Matched', { exact: true }).first()).toBeVisible();
    await page.getByTestId('match-actions').getByRole('button', { name: 'Undo match' }).click();

    const dialog = page.getByRole('dialog', { name: 'Undo this match?' });
    await expect(dialog.getByTestId('undo-effect')).toContainText(
      `${order.reference}: Paid → Awaiting payment; paid ${rupiah(order.payable_amount)} → Rp 0.`,
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, testInfo, 'undo-mutation-page-phone-en');
    await dialog.getByLabel('Reason for undoing (required)').fill('test transfer from the owner');
    await dialog.getByRole('button', { name: 'Undo match' }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByText(/Undone .* by/)).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'Match undone' })).toContainText('test transfer from the owner');
    await expect(page.getByRole('link', { name: 'Match it in the queue' })).toBeVisible();
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test('a confirmation that differs from the order asks first, saying why, and needs a reason', async ({ page, request }, testInfo) => {
    const [order] = await createOrders(request, [{ reference: unique('SHORT'), amount: 200_000 }]);
    const description = `TRSF E-BANKING CR ${order!.reference} RUDI`;
    await sendDelivery(request, [{ amount: 200_000, description }]);
    const short = order!.payable_amount - 200_000;
    await page.goto('/unmatched');
    await expect(async () => {
      await page.reload();
      await expect(await queueItem(page, order!.reference, description)).toHaveAttribute('data-state', 'suggested', { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    const item = await queueItem(page, order!.reference, description);
    const candidate = item.getByTestId('candidate').filter({ hasText: order!.reference });
    await expect(candidate.getByTestId('difference')).toHaveText(`Kurang ${rupiah(short)}`);

    await candidate.getByRole('button', { name: `Konfirmasi ${order!.reference}` }).click();
    const dialog = page.getByRole('dialog', { name: `Konfirmasi ${order!.reference}?` });
    await expect(dialog.getByTestId('departures')).toContainText(`Transfer ${rupiah(short)} kurang dari pesanan.`);
    await expect(item).toHaveAttribute('data-state', 'suggested');
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'confirm-departs');
    await dialog.getByRole('button', { name: 'Tetap konfirmasi' }).click();
    await expect(dialog.getByText('Alasan wajib diisi.')).toBeVisible();
    await dialog.getByLabel('Alasan (wajib)').fill('pelanggan lupa kode unik');
    await dialog.getByRole('button', { name: 'Tetap konfirmasi' }).click();
    await expect(dialog).toBeHidden();
    await expect(item).toHaveAttribute('data-state', 'matched');

    await page.goto(`/orders/${encodeURIComponent(order!.reference)}`);
    await expect(page.getByRole('row').filter({ hasText: 'Saran dikonfirmasi' })).toContainText('pelanggan lupa kode unik');
  });
});

test.describe('as viewer', () => {
  test.use({ signedInAs: 'viewer' });

  test('sees no undo on an order page', async ({ page, request }) => {
    await paidAutomatically(page, request, 'VIEWER');
    await expect(page.getByTestId('payment-row').getByRole('button', { name: 'Urungkan pencocokan' })).toHaveCount(0);
  });
});
