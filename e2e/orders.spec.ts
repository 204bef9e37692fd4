import { test, expect, expectAccessible, saveScreenshot } from './support/fixtures';

// Long flows with several axe runs and full-page screenshots; a busy machine needs the room.
test.describe.configure({ timeout: 120_000 });

const rupiah = (amount: number) => new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(amount);

test.describe('as finance', () => {
  test.use({ signedInAs: 'finance' });

  test('creates an order: field errors first, then the unique code and the amount to tell the customer; finds it, opens it, cancels it', async ({
    page,
  }, testInfo) => {
    test.setTimeout(240_000);
    const reference = `E2E-${Date.now()}`;
    await page.goto('/orders');
    await page.getByRole('link', { name: 'Pesanan baru' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Pesanan baru' })).toBeVisible();

    await page.getByRole('button', { name: 'Buat pesanan' }).click();
    await expect(page.getByText('Isi referensi pesanan.')).toBeVisible();
    await expect(page.getByText('Isi nominal pesanan.')).toBeVisible();
    await expect(page.getByLabel('Referensi', { exact: true })).toBeFocused();

    await page.getByLabel('Referensi', { exact: true }).fill('INV 1');
    await page.getByLabel('Nominal (Rp)').fill('seratus ribu');
    await page.getByLabel('Rekening tujuan (opsional)').fill('87AB');
    await page.getByLabel('Kedaluwarsa setelah (menit, opsional)').fill('0');
    await page.getByRole('button', { name: 'Buat pesanan' }).click();
    await expect(page.getByText(/Referensi hanya boleh berisi huruf/)).toBeVisible();
    await expect(page.getByText(/Nominal harus rupiah bulat/)).toBeVisible();
    await expect(page.getByText('Rekening hanya boleh berisi angka.')).toBeVisible();
    await expect(page.getByText(/Isi jumlah menit bulat/)).toBeVisible();
    await expect(page.getByLabel('Nominal (Rp)')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'orders-new-errors');

    await page.getByLabel('Referensi', { exact: true }).fill(reference);
    await page.getByLabel('Nominal (Rp)').fill('123.000');
    await page.getByLabel('Nama pelanggan (opsional)').fill('Pelanggan Uji');
    await page.getByLabel('Rekening tujuan (opsional)').fill('8730112233');
    await page.getByLabel('Kedaluwarsa setelah (menit, opsional)').fill('120');
    await page.getByRole('button', { name: 'Buat pesanan' }).click();

    const created = page.getByTestId('order-created');
    await expect(created.getByRole('heading', { name: `Pesanan ${reference} dibuat` })).toBeVisible();
    const code = Number(await page.getByTestId('unique-code').textContent());
    expect(code).toBeGreaterThan(0);
    const payable = rupiah(123_000 + code);
    await expect(page.getByTestId('payable-amount')).toHaveText(payable);
    await expect(created).toContainText(`Minta pelanggan mentransfer tepat ${payable}`);
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'orders-created');

    await page.goto('/orders');
    await page.getByLabel('Referensi, pelanggan, atau nominal').fill(reference.toLowerCase());
    await page.getByLabel('Status').selectOption('pending');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page).toHaveURL(/status=pending/);
    await expect(page.getByTestId('order-row')).toHaveCount(1);
    await expect(page.getByTestId('order-row')).toContainText(payable);
    await expect(page.getByTestId('order-row')).toContainText('Pelanggan Uji');
    await expect(page.getByTestId('result-count')).toHaveText('1 hasil');

    await page.getByLabel('Nominal bayar minimal').fill(String(123_000 + code + 1));
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page.getByText('Tidak ada pesanan yang cocok dengan saringan ini.')).toBeVisible();

    await page.getByLabel('Nominal bayar minimal').fill(String(123_000 + code));
    await page.getByLabel('Nominal bayar maksimal').fill(String(123_000 + code));
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page.getByTestId('order-row')).toHaveCount(1);

    // The amount the customer was told, typed as people write it, finds the order too.
    await page.getByLabel('Referensi, pelanggan, atau nominal').fill(payable);
    await page.getByLabel('Nominal bayar minimal').fill('');
    await page.getByLabel('Nominal bayar maksimal').fill('');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page.getByTestId('order-row').filter({ hasText: reference })).toHaveCount(1);
    await expect(page.getByTestId('result-count')).toHaveText(/^\d+ hasil$/);

    await page.getByRole('link', { name: reference }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Pesanan ${reference}` })).toBeVisible();
    await expect(page.getByTestId('pay-link')).toHaveText(/^http:\/\/localhost:\d+\/pay\/[A-Za-z0-9_-]{38}$/);
    await expect(page.getByText('Menunggu').first()).toBeVisible();
    await expect(page.getByText('Belum ada transfer yang membayar pesanan ini.')).toBeVisible();
    const history = page.getByRole('table', { name: 'Siapa melakukan apa pada pesanan ini' });
    await expect(history).toContainText('Pesanan dibuat');
    await expect(history).toContainText('finance@cocok.local');
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'order-detail');

    await page.getByRole('button', { name: 'Batalkan pesanan' }).click();
    const dialog = page.getByRole('dialog', { name: `Batalkan pesanan ${reference}?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Jangan batalkan' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Menunggu').first()).toBeVisible();

    await page.getByRole('button', { name: 'Batalkan pesanan' }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Alasan (opsional)').fill('pelanggan membatalkan');
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'order-cancel-dialog');
    await dialog.getByRole('button', { name: 'Ya, batalkan' }).click();
    await expect(page.getByText(`Pesanan ${reference} dibatalkan.`)).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(history).toContainText('Pesanan dibatalkan');
    await expect(history).toContainText('pelanggan membatalkan');
    await expect(page.getByRole('button', { name: 'Batalkan pesanan' })).toHaveCount(0);
  });

  test('the orders list pages through the demo orders', async ({ page }, testInfo) => {
    await page.goto('/orders');
    await expect(page.getByTestId('order-row')).toHaveCount(50);
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'orders-list');
    const firstPage = await page.getByTestId('order-row').first().textContent();
    await page.getByRole('link', { name: 'Halaman berikutnya' }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(page.getByRole('link', { name: 'Kembali ke halaman pertama' })).toBeVisible();
    await expect(page.getByTestId('order-row').first()).not.toHaveText(firstPage ?? '');
  });

  test('imports a CSV: the preview shows a row error, then the valid rows are created', async ({ page }, testInfo) => {
    const stamp = Date.now();
    const csv = [
      'reference;amount;customer_name',
      `E2E-CSV-${stamp}-1;85.000;Andi`,
      `E2E-CSV-${stamp}-2;seratus;Budi`,
      `E2E-CSV-${stamp}-3;"Rp 92.500";"Citra, Bandung"`,
    ].join('\r\n');
    await page.goto('/orders');
    await page.getByRole('link', { name: 'Impor CSV' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Impor pesanan dari CSV' })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel('File CSV').setInputFiles({ name: 'pesanan.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByTestId('import-summary')).toHaveText('2 baris siap diimpor, 1 baris bermasalah.');
    await expect(page.getByTestId('preview-row')).toHaveCount(3);
    const bad = page.getByTestId('preview-row').filter({ hasText: `E2E-CSV-${stamp}-2` });
    await expect(bad).toContainText('Nominal "seratus" bukan nominal rupiah');
    await expect(page.getByTestId('preview-row').filter({ hasText: 'Citra, Bandung' })).toContainText('Siap');
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'orders-import-preview');

    await page.getByRole('button', { name: 'Impor 2 pesanan' }).click();
    await expect(page.getByTestId('import-result-summary')).toHaveText('2 dibuat, 0 sudah ada, 1 gagal.');
    await expect(page.locator('[data-testid="result-row"][data-status="created"]')).toHaveCount(2);
    await expect(page.locator('[data-testid="result-row"][data-status="failed"]')).toContainText(`E2E-CSV-${stamp}-2`);
    await expect(page.locator('[data-testid="result-row"][data-status="created"]').first()).toContainText('Rp');
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'orders-import-results');

    await page.goto(`/orders?q=E2E-CSV-${stamp}`);
    await expect(page.getByTestId('order-row')).toHaveCount(2);

    // The same reference with another amount: only the server can know, and it says so in Indonesian.
    await page.goto('/orders/import');
    await page.getByLabel('File CSV').setInputFiles({
      name: 'lagi.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`reference;amount\r\nE2E-CSV-${stamp}-1;99.000\r\n`),
    });
    await page.getByRole('button', { name: 'Impor 1 pesanan' }).click();
    await expect(page.locator('[data-testid="result-row"][data-status="failed"]')).toContainText(
      `Pesanan E2E-CSV-${stamp}-1 sudah ada dengan nominal 85000; satu referensi hanya bisa dipakai sekali.`,
    );

    await page.goto('/orders/import');
    await page.getByLabel('File CSV').setInputFiles({ name: 'salah.csv', mimeType: 'text/csv', buffer: Buffer.from('nama;kota\nAndi;Bandung\n') });
    await expect(page.getByRole('alert').filter({ hasText: 'File ini tidak dapat diimpor' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Impor \d+ pesanan/ })).toHaveCount(0);
  });

  test('an unknown order shows not found', async ({ page }) => {
    const response = await page.goto('/orders/NOPE-404-E2E');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Tidak ditemukan' })).toBeVisible();
  });
});

test.describe('as a viewer', () => {
  test.use({ signedInAs: 'viewer' });

  test('sees orders but no way to create, cancel or import', async ({ page }, testInfo) => {
    await page.goto('/orders?status=pending');
    await expect(page.getByRole('heading', { level: 1, name: 'Pesanan' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Pesanan baru' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Impor CSV' })).toHaveCount(0);
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'orders-viewer');

    await page.getByTestId('order-row').first().getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: /^Pesanan / })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Batalkan pesanan' })).toHaveCount(0);

    for (const path of ['/orders/new', '/orders/import']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: 'Tidak diizinkan' })).toBeVisible();
    }
  });
});
