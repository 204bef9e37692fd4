import type { Page } from '@playwright/test';
import { formatRupiah } from '@/lib/money';
import { test, expect, createOrders, expectAccessible, saveScreenshot, sendDelivery, simulate, storageStateOf } from './support/fixtures';

const run = `E2E-${Date.now()}`;
let serial = 0;
const unique = (label: string) => `${run}-${label}-${++serial}`;

/**
 * The transfer whose text is `text`, paging with "load more" to the end of the queue. Tests of
 * actions may reload while they wait for the worker; the live-update test must not.
 */
async function queueItem(page: Page, text: string, { reload = true } = {}) {
  const item = page.getByTestId('unmatched-item').filter({ has: page.getByText(text, { exact: false }) });
  const more = page.getByRole('button', { name: /muat lebih banyak|load more/i });
  await expect(async () => {
    if (reload) await page.reload();
    for (let pages = 0; pages < 20 && (await more.isVisible()); pages++) {
      await more.click();
      // The next page is in when the button is ready again, or gone after the last page.
      await expect(async () => expect((await more.isVisible()) ? await more.isEnabled() : true).toBe(true)).toPass();
    }
    await expect(item.first()).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  return item.first();
}

// Each test waits for the worker to process a delivery and for the next poll of the page.
test.describe.configure({ timeout: 150_000 });

test.describe('as finance', () => {
  test.use({ signedInAs: 'finance' });

  test('a delivery sent by the simulator shows up in the queue without a reload', async ({ page, baseURL }, testInfo) => {
    await page.goto('/unmatched');
    await expect(page.getByRole('heading', { level: 1, name: 'Perlu dicocokkan' })).toBeVisible();
    const amount = 9_000_000 + (Date.now() % 99_991);
    expect(simulate(baseURL!, ['--count', '1', '--amount', String(amount), '--type', 'CR'])).toMatch(/accepted 1/);
    const shown = formatRupiah(BigInt(amount)).replace(/\u00a0/g, ' ');
    const item = await queueItem(page, shown, { reload: false });
    await expect(item).toHaveAttribute('data-state', 'unmatched');
    await expect(item.getByText('Belum cocok')).toBeVisible();
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'unmatched');
  });

  test('confirming a suggestion matches in place, and undo needs a reason', async ({ page, request }) => {
    const [order] = await createOrders(request, [{ reference: unique('A'), amount: 200_000 }]);
    const description = `TRSF E-BANKING CR ${order!.reference} KURANG`;
    await page.goto('/unmatched');
    await sendDelivery(request, [{ amount: 150_000, description }]);
    const item = await queueItem(page, description);
    await expect(item).toHaveAttribute('data-state', 'suggested');
    const candidate = item.getByTestId('candidate').filter({ hasText: order!.reference });
    await expect(candidate.getByText('Referensi di keterangan')).toBeVisible();
    await expect(candidate.getByText('Saran sistem')).toBeVisible();

    await expect(candidate.getByTestId('difference')).toHaveText(
      `Kurang ${formatRupiah(BigInt(order!.payable_amount - 150_000)).replace(/\u00a0/g, ' ')}`,
    );
    // Rp 50.000 short: the confirmation asks first and takes a reason.
    await candidate.getByRole('button', { name: `Konfirmasi ${order!.reference}` }).click();
    const asks = page.getByRole('dialog', { name: `Konfirmasi ${order!.reference}?` });
    await asks.getByLabel('Alasan (wajib)').fill('pelanggan membayar sebagian');
    await asks.getByRole('button', { name: 'Tetap konfirmasi' }).click();
    await expect(page.getByRole('status').getByText(`dicocokkan dengan ${order!.reference}`)).toBeVisible();
    await expect(item).toHaveAttribute('data-state', 'matched');
    await expect(item.getByTestId('payments')).toContainText(order!.reference);

    await item.getByRole('button', { name: 'Urungkan pencocokan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Urungkan pencocokan?' });
    await dialog.getByRole('button', { name: 'Urungkan pencocokan' }).click();
    await expect(dialog.getByText('Alasan wajib diisi.')).toBeVisible();
    await dialog.getByLabel('Alasan mengurungkan (wajib)').fill('salah pesanan');
    await dialog.getByRole('button', { name: 'Urungkan pencocokan' }).click();
    await expect(dialog).toBeHidden();
    await expect(item).toHaveAttribute('data-state', 'unmatched');
    await expect(page.getByRole('status').getByText('Pencocokan diurungkan')).toBeVisible();

    // Back in the queue, it can be matched to an order found by searching.
    await item.getByRole('button', { name: 'Cari pesanan lain' }).click();
    const search = page.getByRole('dialog', { name: 'Cocokkan dengan pesanan lain' });
    await search.getByRole('button', { name: 'Konfirmasi' }).click();
    await expect(search.getByText('Pilih satu pesanan dulu.')).toBeVisible();
    await search.getByLabel('Cari pesanan (referensi, pelanggan, atau nominal)').fill(order!.reference.toLowerCase());
    await search.getByRole('button', { name: `Pilih ${order!.reference}` }).click();
    await search.getByRole('button', { name: 'Konfirmasi' }).click();
    await expect(search.getByText('Alasan wajib diisi.')).toBeVisible();
    await search.getByLabel('Alasan (wajib)').fill('pelanggan membayar sebagian');
    await search.getByRole('button', { name: 'Konfirmasi' }).click();
    await expect(search).toBeHidden();
    await expect(item).toHaveAttribute('data-state', 'matched');
    await expect(item.getByTestId('payments')).toContainText(order!.reference);
  });

  test('one transfer split across two orders', async ({ page, request }) => {
    const [first, second] = await createOrders(request, [
      { reference: unique('SPLIT-B'), amount: 100_000 },
      { reference: unique('SPLIT-C'), amount: 50_000 },
    ]);
    const description = `TRSF E-BANKING CR ${unique('SPLIT')}`;
    await page.goto('/unmatched');
    await sendDelivery(request, [{ amount: 150_000, description }]);
    const item = await queueItem(page, description);
    await item.getByRole('button', { name: 'Bagi ke beberapa pesanan' }).click();
    const dialog = page.getByRole('dialog', { name: /Bagi transfer/ });
    for (const order of [first!, second!]) {
      await dialog.getByLabel('Cari pesanan (referensi, pelanggan, atau nominal)').fill(order.reference);
      await dialog.getByRole('button', { name: `Pilih ${order.reference}` }).click();
    }
    await dialog.getByLabel(`Nominal untuk ${first!.reference}`).fill('100001');
    await dialog.getByLabel(`Nominal untuk ${second!.reference}`).fill('50000');
    await expect(dialog.getByText('Jumlahnya melebihi transfer.')).toBeVisible();
    // Amounts as people type them: with dots, or with Rp.
    await dialog.getByLabel(`Nominal untuk ${first!.reference}`).fill('99.059');
    await dialog.getByLabel(`Nominal untuk ${second!.reference}`).fill('Rp 50.941');
    await expect(dialog.getByTestId('split-remaining')).toContainText('Total: Rp 150.000 · Sisa: Rp 0');
    await dialog.getByRole('button', { name: 'Simpan pembagian' }).click();
    await expect(dialog.getByText('Alasan wajib diisi.')).toBeVisible();
    await dialog.getByLabel('Alasan pembagian (wajib)').fill('satu transfer untuk dua pesanan');
    await dialog.getByRole('button', { name: 'Simpan pembagian' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').getByText('Transfer dibagi ke 2 pesanan.')).toBeVisible();
    await expect(item).toHaveAttribute('data-state', 'matched');
    await expect(item.getByTestId('payments')).toContainText(first!.reference);
    await expect(item.getByTestId('payments')).toContainText(second!.reference);
  });

  test('marking a transfer as not an order needs a note; a viewer calling the action is refused', async ({ page, request, playwright }) => {
    const description = `SETORAN PEMILIK ${unique('TOPUP')}`;
    await page.goto('/unmatched');
    await sendDelivery(request, [{ amount: 2_500_000, description }]);
    const item = await queueItem(page, description);
    await item.getByRole('button', { name: 'Bukan pesanan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tandai bukan pesanan?' });
    await dialog.getByRole('button', { name: 'Bukan pesanan' }).click();
    await expect(dialog.getByText('Catatan wajib diisi.')).toBeVisible();
    await dialog.getByLabel('Catatan (wajib)').fill('setoran modal pemilik');

    const actionCall = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
    await dialog.getByRole('button', { name: 'Bukan pesanan' }).click();
    const call = await actionCall;
    await expect(dialog).toBeHidden();
    await expect(item).toHaveAttribute('data-state', 'ignored');
    await expect(item.getByText('Catatan: setoran modal pemilik')).toBeVisible();

    // The same call, replayed with a viewer's session, is refused by the server.
    const viewer = await playwright.request.newContext({ baseURL: new URL(page.url()).origin, storageState: storageStateOf('viewer') });
    const headers = Object.fromEntries(
      Object.entries(await call.allHeaders()).filter(([name]) => ['next-action', 'next-router-state-tree', 'content-type', 'accept'].includes(name)),
    );
    const replay = await viewer.post('/unmatched', { headers, data: call.postData() ?? '' });
    expect(await replay.text()).toContain('forbidden');
    await viewer.dispose();
  });

  test('bulk confirm of suggestions, and Enter confirms the top suggestion of the focused transfer, asking first when it differs', async ({
    page,
    request,
  }) => {
    const orders = await createOrders(request, [
      { reference: unique('BULK-D'), amount: 310_000 },
      { reference: unique('BULK-E'), amount: 320_000 },
      { reference: unique('KEY-F'), amount: 330_000 },
    ]);
    await page.goto('/unmatched');
    await sendDelivery(
      request,
      orders.map((order, index) => ({ amount: 100_000 + index, description: `TRSF E-BANKING CR ${order.reference} KURANG` })),
    );
    // One at a time: each may page through the queue with "load more".
    const describe = (index: number) => `TRSF E-BANKING CR ${orders[index]!.reference} KURANG`;
    const d = await queueItem(page, describe(0));
    const e = await queueItem(page, describe(1));
    const f = await queueItem(page, describe(2));
    for (const item of [d!, e!, f!]) await expect(item).toHaveAttribute('data-state', 'suggested');

    await d!.getByRole('checkbox').check();
    await e!.getByRole('checkbox').check();
    await expect(page.getByText('2 dipilih')).toBeVisible();
    await page.getByRole('button', { name: 'Konfirmasi saran terpilih' }).click();
    const dialog = page.getByRole('dialog', { name: 'Konfirmasi 2 saran?' });
    // Both are short of their orders: the one question says so and takes one reason.
    await expect(dialog.getByTestId('bulk-departs')).toHaveText(/^2 saran tidak tepat untuk pesanannya/);
    await dialog.getByRole('button', { name: 'Konfirmasi' }).click();
    await expect(dialog.getByText('Alasan wajib diisi.')).toBeVisible();
    await dialog.getByLabel('Alasan (wajib)').fill('pelanggan mencicil');
    await dialog.getByRole('button', { name: 'Konfirmasi' }).click();
    await expect(page.getByRole('status').getByText('2 berhasil dikonfirmasi, 0 gagal.')).toBeVisible();
    await expect(d!).toHaveAttribute('data-state', 'matched');
    await expect(e!).toHaveAttribute('data-state', 'matched');

    // Enter on a suggestion that differs from its order asks first, as a click does.
    await f!.focus();
    await page.keyboard.press('Enter');
    const asks = page.getByRole('dialog', { name: `Konfirmasi ${orders[2]!.reference}?` });
    await asks.getByLabel('Alasan (wajib)').fill('pembayaran sebagian');
    await asks.getByRole('button', { name: 'Tetap konfirmasi' }).click();
    await expect(f!).toHaveAttribute('data-state', 'matched');
    await expect(f!.getByTestId('payments')).toContainText(orders[2]!.reference);
  });
});

test.describe('as viewer', () => {
  test.use({ signedInAs: 'viewer' });

  test('sees the queue but no action buttons', async ({ page }, testInfo) => {
    await page.goto('/unmatched');
    await expect(page.getByText('Anda hanya dapat melihat antrean ini')).toBeVisible();
    // The demo's own transfers waiting for a person are at the top of the queue.
    const item = page.getByTestId('unmatched-item').filter({ hasText: 'SETORAN TUNAI' }).first();
    await expect(item).toBeVisible();
    await expect(item.getByRole('button')).toHaveCount(0);
    await expect(page.getByTestId('unmatched-list').getByRole('button', { name: /Konfirmasi|Cari pesanan|Bagi|Bukan pesanan|Urungkan/ })).toHaveCount(
      0,
    );
    await expect(page.getByRole('checkbox')).toHaveCount(0);
    const search = await page.request.get('/api/dashboard/unmatched/orders?q=INV');
    expect(search.status()).toBe(403);
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'unmatched-viewer');
  });
});
