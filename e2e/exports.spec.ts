import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { readCsvRecords } from '@/lib/csv/reader';
import { test, expect, expectAccessible, createOrders, sendDelivery } from './support/fixtures';

test.describe.configure({ timeout: 120_000 });

/** The saved file read back as Excel reads it: byte order mark, CRLF records split on the separator. */
async function cellsOf(download: Download, separator: string): Promise<string[][]> {
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text.endsWith('\r\n')).toBe(true);
  return [...readCsvRecords(text, separator)].map((record) => record.fields);
}

/** A paid order and two transfers no spreadsheet should run as formulas, all under one marker. */
async function exportFixture(page: Page, request: Parameters<typeof sendDelivery>[0]) {
  const marker = `E2EEXP${Date.now()}`;
  const [order] = await createOrders(request, [{ reference: `INV-${marker}`, amount: 431_000 }]);
  await sendDelivery(request, [
    { amount: order!.payable_amount, type: 'CR', description: `TRSF E-BANKING CR ${order!.reference} ANDI`, accountNumber: '8730112233' },
    { amount: 12_500, type: 'DB', description: `=HYPERLINK("http://x";"${marker}")`, note: `biaya; @SUM(1)`, accountNumber: '8730112233' },
  ]);
  // The worker matches the payment in the background; the list shows it once it has.
  await expect(async () => {
    await page.goto(`/mutations?q=${marker}`);
    await expect(page.getByTestId('mutation-row')).toHaveCount(2);
    await expect(page.getByTestId('mutation-row').filter({ hasText: order!.reference })).toBeVisible();
  }).toPass();
  return { marker, order: order! };
}

test.describe('as finance', () => {
  test.use({ signedInAs: 'finance' });

  test('in Indonesian: progress while it streams, cancel, then a file Excel splits on semicolons, cell by cell', async ({ page, request }) => {
    const { marker, order } = await exportFixture(page, request);

    // Slowed down, a whole export shows its rows so far and can be cancelled.
    await page.goto('/mutations');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: 4 * 1024, uploadThroughput: -1 });
    await page.getByRole('link', { name: 'Ekspor CSV' }).click();
    await expect(page.getByTestId('download-status')).toHaveText(/^[\d.]+ dari [\d.]+ baris \(\d+\s?%\)$/);
    await expect(page.getByRole('progressbar', { name: 'Ekspor CSV' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Batalkan unduhan' }).click();
    await expect(page.getByTestId('download-status')).toHaveText('Unduhan dibatalkan.');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    await page.goto(`/mutations?q=${marker}`);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Ekspor CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^mutasi-\d{4}-\d{2}-\d{2}\.csv$/);
    await expect(page.getByTestId('download-status')).toHaveText('2 baris diunduh.');
    const [header, ...rows] = await cellsOf(file, ';');
    expect(header).toEqual([
      'Tanggal bank (WIB)',
      'Nomor rekening',
      'Bank',
      'Jenis',
      'Nominal (Rp)',
      'Saldo (Rp)',
      'Keterangan',
      'Catatan',
      'Keadaan pencocokan',
      'Pesanan',
      'ID mutasi Moota',
      'ID Cocok',
    ]);
    expect(rows).toHaveLength(2);
    const paid = rows.find((row) => row[9] === order.reference)!;
    const fee = rows.find((row) => row[3] === 'Debit')!;
    expect(paid[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(paid.slice(1, 2)).toEqual(['8730112233']);
    expect([paid[3], paid[4], paid[6], paid[8]]).toEqual([
      'Kredit',
      String(order.payable_amount),
      `TRSF E-BANKING CR ${order.reference} ANDI`,
      'Cocok',
    ]);
    expect([fee[4], fee[6], fee[7], fee[8], fee[9]]).toEqual(['12500', `'=HYPERLINK("http://x";"${marker}")`, "biaya; '@SUM(1)", 'Debit', '']);
  });

  test('without JavaScript the link still downloads the file', async ({ browser }) => {
    const context = await browser.newContext({ storageState: 'test-results/.auth/finance.json', javaScriptEnabled: false, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto('/mutations?type=DB');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Ekspor CSV' }).click();
    const [header, ...rows] = await cellsOf(await download, ';');
    expect(header![3]).toBe('Jenis');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row[3] === 'Debit')).toBe(true);
    await context.close();
  });
});

test.describe('in English on a phone', () => {
  test.use({ signedInAs: 'finance', viewport: { width: 390, height: 844 } });

  test('a file Excel splits on commas, with English headers and values', async ({ page, request, baseURL }) => {
    await page.context().addCookies([{ name: 'cocok-locale', value: 'en', url: baseURL! }]);
    const { marker, order } = await exportFixture(page, request);
    const link = page.getByRole('link', { name: 'Export CSV' });
    await expect(link).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const download = page.waitForEvent('download');
    await link.click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^mutations-\d{4}-\d{2}-\d{2}\.csv$/);
    await expect(page.getByTestId('download-status')).toHaveText('2 rows downloaded.');
    const [header, ...rows] = await cellsOf(file, ',');
    expect(header!.slice(0, 5)).toEqual(['Bank date (Jakarta)', 'Account number', 'Bank', 'Type', 'Amount (IDR)']);
    expect(header!.slice(8, 10)).toEqual(['Match state', 'Orders']);
    const paid = rows.find((row) => row[9] === order.reference)!;
    const fee = rows.find((row) => row[3] === 'Debit')!;
    expect([paid[3], paid[4], paid[8]]).toEqual(['Credit', String(order.payable_amount), 'Matched']);
    expect([fee[6], fee[7]]).toEqual([`'=HYPERLINK("http://x";"${marker}")`, "biaya; '@SUM(1)"]);
  });
});
