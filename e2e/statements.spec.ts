import { test, expect, expectAccessible, saveScreenshot, sendDelivery } from './support/fixtures';
import type { Page } from '@playwright/test';
import { addDays, jakartaDay } from '@/lib/time/jakarta';

// Long flows: two imports through the background worker, and axe runs.
test.describe.configure({ timeout: 120_000 });

const BCA = '8730112233';

/** A KlikBCA personal statement of one day: a Moota twin, a possible duplicate, two new rows, an unreadable one, a PEND one. */
function klikbcaFile(day: string, seen: number, possible: number, fresh: number, name: string) {
  const [year, month, date] = day.split('-');
  const ddmm = `${date}/${month}`;
  return [
    `No. rekening,=,'${BCA}`,
    'Nama,=,TOKO BERKAH JAYA',
    `Periode,=,${ddmm}/${year} - ${ddmm}/${year}`,
    'Kode Mata Uang,=,Rp',
    '',
    'Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo',
    `'${ddmm},'TRSF E-BANKING CR ${date}${month}/FTSCY/WS95051 ${seen}.00 ${name},'0000,${seen}.00,CR,5000000.00`,
    `'${ddmm},'SWITCHING CR TRANSFER DR 014 SITI AMINAH,'0998,"${possible.toLocaleString('en-US')}.00",CR,"5,100,000.00"`,
    `'${ddmm},'TRSF E-BANKING CR ${date}${month}/FTSCY/WS95051 ${fresh}.00 ANI LESTARI,'0000,${fresh}.00,CR,5200000.00`,
    `'${ddmm},'BIAYA ADM,'0000,"15,000.00",DB,"5,185,000.00"`,
    `'${ddmm},'KARTU DEBIT INDOMARET,'0000,12O.000,DB,5185000.00`,
    `PEND,'TRSF E-BANKING CR ${date}${month}/FTSCY/WS95051 50000.00 RUDI,'0000,50000.00,CR,`,
  ].join('\r\n');
}

/** The demo's BCA account in the account list, whatever its label. */
async function chooseBca(page: Page, label: string) {
  const select = page.getByLabel(label, { exact: true });
  const value = await select.locator('option', { hasText: '2233' }).getAttribute('value');
  await select.selectOption(value!);
}

async function chooseFile(page: Page, content: string) {
  await page.getByLabel('Berkas mutasi (CSV)').setInputFiles({ name: 'klikbca.csv', mimeType: 'text/csv', buffer: Buffer.from(content) });
}

const count = (page: Page, name: string) => page.getByTestId('preview-counts').locator(`[data-count="${name}"] dd`);

test.describe('as finance', () => {
  test.use({ signedInAs: 'finance' });

  test('imports a KlikBCA statement with a preview and per-row errors, again without adding anything, and decides a possible duplicate', async ({
    page,
    request,
  }, testInfo) => {
    // Two months back: before the demo's month, so only this test's mutations are on that day.
    const day = addDays(jakartaDay(new Date()), -60);
    const noon = new Date(`${day}T12:00:00+07:00`);
    const stamp = Date.now() % 900;
    const [seen, possible, fresh] = [150_000 + stamp, 275_000 + stamp, 99_000 + stamp];
    const name = `E2E STMT ${Date.now()}`;
    const ddmm = `${day.slice(8, 10)}${day.slice(5, 7)}`;
    await sendDelivery(request, [
      { amount: seen, date: noon, accountNumber: BCA, description: `TRSF E-BANKING CR ${ddmm}/FTSCY/WS95051 ${name}` },
      { amount: possible, date: noon, accountNumber: BCA, description: 'SETORAN TUNAI CABANG' },
    ]);
    const file = klikbcaFile(day, seen, possible, fresh, name);

    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: 'Rekening koran' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Rekening koran' })).toBeVisible();

    await chooseBca(page, 'Rekening');
    await chooseFile(page, file);
    await page.getByRole('button', { name: 'Pratinjau' }).click();

    const preview = page.getByTestId('statement-preview');
    await expect(preview).toContainText('KlikBCA perorangan');
    await expect(count(page, 'rows')).toHaveText('4');
    await expect(count(page, 'new')).toHaveText('2');
    await expect(count(page, 'seen')).toHaveText('1');
    await expect(count(page, 'possible')).toHaveText('1');
    await expect(count(page, 'problems')).toHaveText('1');
    await expect(count(page, 'skipped')).toHaveText('1');
    await expect(preview.getByTestId('preview-row')).toHaveCount(4);
    await expect(preview.locator('[data-testid="preview-row"][data-verdict="seen"]')).toContainText('Sudah dari Moota');
    await expect(preview.locator('[data-testid="preview-row"][data-verdict="possible"]')).toContainText('Mungkin duplikat');
    await expect(page.getByTestId('preview-problems')).toContainText('Baris 11: nominal 12O.000 tidak bisa dibaca.');
    await expect(page.getByTestId('preview-skipped')).toContainText('Baris 12 masih tertunda (PEND) di bank');
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'statements-preview');

    await page.getByRole('button', { name: 'Impor 4 baris' }).click();
    await expect(page.getByTestId('import-summary')).toHaveText(
      '2 mutasi baru, 1 sudah dari Moota, 0 sudah diimpor, 1 mungkin duplikat, 1 tidak terbaca.',
      { timeout: 30_000 },
    );
    await expect(page.getByTestId('statement-import-row').first()).toHaveAttribute('data-state', 'done');

    // The same file again: the rows are known now, and nothing new comes in.
    await page.getByRole('button', { name: 'Impor berkas lain' }).click();
    await page.getByRole('button', { name: 'Pratinjau' }).click();
    await expect(count(page, 'imported')).toHaveText('2');
    await expect(count(page, 'new')).toHaveText('0');
    await page.getByRole('button', { name: 'Impor 4 baris' }).click();
    await expect(page.getByTestId('import-summary')).toHaveText(
      '0 mutasi baru, 1 sudah dari Moota, 2 sudah diimpor, 1 mungkin duplikat, 1 tidak terbaca.',
      { timeout: 30_000 },
    );
    const rows = page.getByTestId('statement-import-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.first().locator('[data-cell="new"]')).toHaveText('0');

    // The possible duplicate was kept by the first import: decided there.
    await rows.last().getByRole('link', { name: 'klikbca.csv' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Impor klikbca.csv' })).toBeVisible();
    const duplicate = page.getByTestId('statement-duplicate');
    await expect(duplicate).toHaveCount(1);
    await expect(duplicate).toContainText('SWITCHING CR TRANSFER DR 014 SITI AMINAH');
    await expect(duplicate.getByTestId('duplicate-candidate')).toContainText('SETORAN TUNAI CABANG');
    await expect(page.getByTestId('import-problems')).toContainText('Baris 11: nominal 12O.000 tidak bisa dibaca.');
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'statements-import');

    await duplicate.getByRole('button', { name: 'Transfer yang sama' }).click();
    await expect(duplicate).toHaveAttribute('data-decision', 'same');
    await expect(duplicate).toContainText('Transfer yang sama (oleh finance@cocok.local)');
    await duplicate.getByRole('link', { name: 'Buka mutasi' }).first().click();
    await expect(page.getByText('SETORAN TUNAI CABANG').first()).toBeVisible();
  });

  test('a file no bank format knows goes through the column screen, in English on a 390 px phone', async ({ page, context, baseURL }, testInfo) => {
    await context.addCookies([{ name: 'cocok-locale', value: 'en', url: baseURL! }]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/statements');
    await expect(page.getByRole('heading', { level: 1, name: 'Statements' })).toBeVisible();

    const day = addDays(jakartaDay(new Date()), -61);
    const [year, month, date] = day.split('-');
    const generic = [
      'Tgl;Uraian;Nilai',
      `${date}/${month}/${year};TRANSFER MASUK E2E ${Date.now()};88123`,
      `${date}/${month}/${year};BIAYA;abc`,
    ].join('\n');
    await chooseBca(page, 'Account');
    await page.getByLabel('Statement file (CSV)').setInputFiles({ name: 'other-bank.csv', mimeType: 'text/csv', buffer: Buffer.from(generic) });
    await page.getByRole('button', { name: 'Preview' }).click();

    await expect(page.getByRole('heading', { name: 'Choose the columns' })).toBeVisible();
    await expect(page.getByTestId('mapping-line')).toHaveCount(3);
    await expect(page.getByLabel('Header lines (skipped)')).toHaveValue('1');
    await page.getByLabel('Amount column', { exact: true }).selectOption({ index: 2 });
    await page.getByRole('form', { name: 'Choose the columns' }).getByRole('button', { name: 'Preview' }).click();

    await expect(page.getByTestId('statement-preview')).toContainText('Columns chosen by hand');
    await expect(count(page, 'new')).toHaveText('1');
    await expect(page.getByTestId('preview-problems')).toContainText('Line 3: the amount abc could not be read.');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'statements-mapping-phone');
  });
});

test.describe('as a viewer', () => {
  test.use({ signedInAs: 'viewer' });

  test('sees past imports but not the import form', async ({ page }) => {
    await page.goto('/statements');
    await expect(page.getByRole('heading', { level: 1, name: 'Rekening koran' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Impor sebelumnya' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Pratinjau' })).toHaveCount(0);
  });
});
