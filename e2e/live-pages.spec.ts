import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect, createOrders, expectAccessible, saveScreenshot, sendDelivery } from './support/fixtures';

const run = `LIVE-${Date.now()}`;
let serial = 0;
const unique = (label: string) => `${run}-${label}-${++serial}`;

// Each test waits for the worker to match a delivery and for the pages' next polls.
test.describe.configure({ timeout: 150_000 });

/** Marks the document: a reload, or a navigation, would drop the mark. */
async function markDocument(page: Page) {
  await page.evaluate(() => Object.assign(window, { livePageMark: 'kept' }));
}
async function expectSameDocument(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { livePageMark?: string }).livePageMark)).toBe('kept');
}

/** Resolves once `page` has re-rendered itself from the server (router.refresh) after `change`. */
async function refreshedAfter(page: Page, change: () => Promise<unknown>) {
  const path = new URL(page.url()).pathname;
  const refreshed = page.waitForResponse((response) => new URL(response.url()).pathname === path && response.request().headers()['rsc'] === '1');
  await change();
  await refreshed;
}

/** The waiting transfer whose text is `text` in the work queue, reloading while the worker gets to it. */
async function queueItem(page: Page, text: string) {
  const item = page.getByTestId('unmatched-item').filter({ hasText: text });
  const more = page.getByRole('button', { name: /muat lebih banyak|load more/i });
  await expect(async () => {
    await page.reload();
    for (let pages = 0; pages < 20 && !(await item.first().isVisible()) && (await more.isVisible()); pages++) {
      await more.click();
      await expect(async () => expect((await more.isVisible()) ? await more.isEnabled() : true).toBe(true)).toPass();
    }
    await expect(item.first()).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  return page.locator(`[data-testid="unmatched-item"][data-mutation-id="${await item.first().getAttribute('data-mutation-id')}"]`);
}

const anotherOrder = (request: APIRequestContext) => createOrders(request, [{ reference: unique('ELSEWHERE'), amount: 75_000 }]);

test.describe('as finance', () => {
  test.use({ signedInAs: 'finance' });

  test("the order page turns 'Lunas' without a reload when its transfer arrives, and drops 'Batalkan pesanan'", async ({
    page,
    request,
  }, testInfo) => {
    const [order] = await createOrders(request, [{ reference: unique('ORDER'), amount: 180_000 }]);
    await page.goto(`/orders/${encodeURIComponent(order!.reference)}`);
    const main = page.getByRole('main');
    await expect(main.getByText('Menunggu', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Batalkan pesanan' })).toBeVisible();
    await expect(page.getByTestId('payment-row')).toHaveCount(0);
    await markDocument(page);

    await sendDelivery(request, [{ amount: order!.payable_amount, description: `TRSF E-BANKING CR ${unique('PAY')}` }]);

    await expect(main.getByText('Lunas', { exact: true }).first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('button', { name: 'Batalkan pesanan' })).toHaveCount(0);
    await expect(page.getByTestId('payment-row')).toHaveCount(1);
    await expect(page.getByTestId('payment-row').getByText('Aktif')).toBeVisible();
    await expectSameDocument(page);
    await saveScreenshot(page, testInfo, 'live-order-paid');

    // An undo dialog open while the page refreshes keeps what is typed in it.
    await page.getByTestId('payment-row').getByRole('button', { name: 'Urungkan pencocokan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Urungkan pencocokan?' });
    const reason = dialog.getByLabel('Alasan mengurungkan (wajib)');
    await reason.fill('pelanggan salah kirim');
    await refreshedAfter(page, () => anotherOrder(request));
    await expect(dialog).toBeVisible();
    await expect(reason).toHaveValue('pelanggan salah kirim');
    await expectSameDocument(page);
    await expectAccessible(page);
  });

  test('on a phone, in English: a transfer page turns from waiting to matched and back to unmatched as the queue acts', async ({
    page,
    context,
    request,
    baseURL,
  }, testInfo) => {
    await context.addCookies([{ name: 'cocok-locale', value: 'en', url: baseURL! }]);
    const [order] = await createOrders(request, [{ reference: unique('PHONE'), amount: 200_000 }]);
    const description = `TRSF E-BANKING CR ${order!.reference} SHORT`;
    await sendDelivery(request, [{ amount: 150_000, description }]);

    // The queue, in another tab of the same person, is where the transfer is acted on.
    const queue = await context.newPage();
    await queue.goto('/unmatched');
    const item = await queueItem(queue, description);
    await expect(item).toHaveAttribute('data-state', 'suggested');
    const mutationId = await item.getAttribute('data-mutation-id');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/mutations/${mutationId}`);
    const main = page.getByRole('main');
    await expect(main.getByText('Suggested', { exact: true }).first()).toBeVisible();
    await expect(page.getByTestId('payment-row')).toHaveCount(0);
    await markDocument(page);

    const candidate = item.getByTestId('candidate').filter({ hasText: order!.reference });
    await candidate.getByRole('button', { name: `Confirm ${order!.reference}` }).click();
    const asks = queue.getByRole('dialog', { name: `Confirm ${order!.reference}?` });
    await asks.getByLabel('Reason (required)').fill('customer paid part');
    await asks.getByRole('button', { name: 'Confirm anyway' }).click();
    await expect(item).toHaveAttribute('data-state', 'matched');

    await expect(main.getByText('Matched', { exact: true }).first()).toBeVisible();
    await expect(page.getByTestId('payment-row')).toContainText(order!.reference);
    await expect(page.getByTestId('match-actions').getByRole('button', { name: 'Undo match' })).toBeVisible();
    await expectSameDocument(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, testInfo, 'live-mutation-matched-phone-en');

    // A dialog open here survives a refresh for a change elsewhere; then it is put away.
    await page.getByTestId('match-actions').getByRole('button', { name: 'Undo match' }).click();
    const dialog = page.getByRole('dialog', { name: 'Undo this match?' });
    const reason = dialog.getByLabel('Reason for undoing (required)');
    await reason.fill('typed while the page refreshed');
    await refreshedAfter(page, () => anotherOrder(request));
    await expect(dialog).toBeVisible();
    await expect(reason).toHaveValue('typed while the page refreshed');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();

    // Undone from the queue: this page says so by itself.
    await item.getByRole('button', { name: 'Undo match' }).click();
    const undo = queue.getByRole('dialog', { name: 'Undo this match?' });
    await undo.getByLabel('Reason for undoing (required)').fill('wrong order');
    await undo.getByRole('button', { name: 'Undo match' }).click();
    await expect(item).toHaveAttribute('data-state', 'unmatched');

    await expect(main.getByText('Unmatched', { exact: true }).first()).toBeVisible();
    await expect(page.getByTestId('payment-row').getByText(/Undone .* by/)).toBeVisible();
    await expect(page.getByTestId('match-actions').getByRole('button', { name: 'Undo match' })).toHaveCount(0);
    await expect(page.getByRole('row').filter({ hasText: 'Match undone' })).toContainText('wrong order');
    await expectSameDocument(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);
  });
});
