import { readFile } from 'node:fs/promises';
import { test, expect, expectAccessible, saveScreenshot, sendDelivery } from './support/fixtures';

// Long flows with several axe runs and full-page screenshots; a busy machine needs the room.
test.describe.configure({ timeout: 120_000 });

test.describe('as finance', () => {
  test.use({ signedInAs: 'finance' });

  test('filters mutations, opens one with its raw payload, and exports the filtered set as CSV', async ({ page, request }, testInfo) => {
    const marker = `E2EMUT${Date.now()}`;
    await sendDelivery(request, [
      { amount: 431_017, type: 'CR', description: `TRSF E-BANKING CR ${marker} ANDI`, accountNumber: '8730112233' },
      { amount: 12_500, type: 'DB', description: `BIAYA ${marker}`, accountNumber: '8730112233' },
      { amount: 77_777, type: 'CR', description: `SETORAN ${marker}`, note: 'titipan, "kas"', accountNumber: '1400098765' },
    ]);

    await page.goto('/mutations');
    await expect(page.getByRole('heading', { level: 1, name: 'Mutasi' })).toBeVisible();
    await expect(page.getByTestId('mutation-row').first()).toBeVisible();
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'mutations-list');

    await page.getByLabel('Keterangan atau catatan').fill(marker.toLowerCase());
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page.getByTestId('mutation-row')).toHaveCount(3);

    await page.getByLabel('Rekening').selectOption('bnk_Q8a1Zx');
    await page.getByLabel('Jenis').selectOption('CR');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page).toHaveURL(/type=CR/);
    await expect(page.getByTestId('mutation-row')).toHaveCount(1);
    await expect(page.getByTestId('mutation-row')).toContainText('Rp 431.017'.replace(' ', '\u00a0'));

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Ekspor CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^mutasi-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile(await file.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      'Tanggal bank (WIB);Nomor rekening;Bank;Jenis;Nominal (Rp);Saldo (Rp);Keterangan;Catatan;Keadaan pencocokan;Pesanan;ID mutasi Moota;ID Cocok',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`;8730112233;`);
    expect(lines[1]).toContain(`;Kredit;431017;`);
    expect(lines[1]).toContain(`TRSF E-BANKING CR ${marker} ANDI`);

    await page.goto(`/mutations?q=${marker}&account=bnk_Mnd77`);
    await expect(page.getByTestId('mutation-row')).toHaveCount(1);
    const quoted = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Ekspor CSV' }).click();
    const text = (await readFile(await (await quoted).path())).toString('utf8');
    expect(text).toContain(`SETORAN ${marker};"titipan, ""kas""";`);

    await page.getByTestId('mutation-row').getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1, name: /Mutasi Rp\s77\.777/ })).toBeVisible();
    await expect(page.getByText(`SETORAN ${marker}`).first()).toBeVisible();
    const raw = page.getByTestId('raw-payload');
    await expect(raw).toContainText(`"description": "SETORAN ${marker}"`);
    await expect(raw).toContainText('"account_number": "1400098765"');
    await expect(page.getByRole('heading', { name: 'Riwayat' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Pembayaran' })).toBeVisible();
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'mutation-detail');
  });

  test('a matched demo mutation links to the order it paid', async ({ page }) => {
    await page.goto('/mutations?type=CR');
    const matched = page
      .getByTestId('mutation-row')
      .filter({ has: page.getByText('Cocok', { exact: true }) })
      .first();
    await expect(matched).toBeVisible();
    await matched.getByRole('link').first().click();
    await expect(page.getByTestId('payment-row').first()).toContainText('Aktif');
    await page.getByTestId('payment-row').first().getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1, name: /^Pesanan / })).toBeVisible();
    await expect(page.getByTestId('payment-row').first()).toBeVisible();
  });

  test('an unknown mutation shows not found', async ({ page }) => {
    for (const id of ['not-a-uuid', '01900000-0000-7000-8000-000000000000']) {
      const response = await page.goto(`/mutations/${id}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { name: 'Tidak ditemukan' })).toBeVisible();
    }
  });
});

test.describe('as a viewer', () => {
  test.use({ signedInAs: 'viewer' });

  test('sees mutations and can export them', async ({ page }, testInfo) => {
    await page.goto('/mutations?type=DB');
    await expect(page.getByTestId('mutation-row').first()).toContainText('DB');
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'mutations-viewer');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Ekspor CSV' }).click();
    const lines = (await readFile(await (await download).path())).toString('utf8').split('\r\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.split(';')[3] === 'Debit')).toBe(true);
  });

  test('the export refuses someone not signed in', async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const response = await anonymous.get('/api/dashboard/mutations/export');
    expect(response.status()).toBe(401);
    await anonymous.dispose();
  });
});
