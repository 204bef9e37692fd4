import { formatRupiah } from '@/lib/money';
import { test, expect, expectAccessible, createOrders, saveScreenshot } from './support/fixtures';

test.describe.configure({ timeout: 120_000 });

test.describe('as finance', () => {
  test.use({ signedInAs: 'finance' });

  test('sends a practice VA transfer for an open order from the Sandbox page and sees the order paid', async ({ page, request }, testInfo) => {
    const reference = `SBX-${Date.now()}`;
    const [order] = await createOrders(request, [{ reference, amount: 87_000 }]);

    await page.goto('/');
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Sandbox' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sandbox' })).toBeVisible();
    await expect(page.getByRole('note')).toContainText('Uang sandbox tidak pernah dihitung');

    await page.getByRole('radio', { name: 'Virtual account' }).check();
    await page.getByLabel('Pesanan (opsional)').fill(reference.toLowerCase());
    await expect(page.getByLabel('Selisih dari nominal bayar')).toHaveValue('exact');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Kirim transfer latihan' }).click();

    const sent = page.getByTestId('practice-sent');
    await expect(sent.getByRole('heading', { name: `Transfer latihan ${formatRupiah(BigInt(order!.payable_amount))} terkirim` })).toBeVisible();
    await expect(sent).toContainText('Masuk ke Sandbox BNI Virtual Account (sandbox).');
    await expect(page.getByTestId('practice-state')).toHaveText(new RegExp(`Membayar pesanan ${reference}: lunas\\.`));
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'sandbox-sent');

    const mutationHref = await page.getByRole('link', { name: 'Lihat mutasi' }).getAttribute('href');
    expect(mutationHref).toMatch(/^\/mutations\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: `Buka pesanan ${reference}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Pesanan ${reference}` })).toBeVisible();
    await expect(page.getByText('Lunas').first()).toBeVisible();

    await page.goto(mutationHref!);
    await expect(page.getByText('Sandbox BNI Virtual Account').first()).toBeVisible();
  });
});

test.describe('as owner, in English on a phone', () => {
  test.use({ signedInAs: 'owner' });

  test('sends a practice bank transfer of an amount with a description of its own', async ({ page }, testInfo) => {
    await page.goto('/sandbox');
    await page.getByLabel('Bahasa').selectOption('en');
    await expect(page.getByRole('heading', { level: 1, name: 'Sandbox' })).toBeVisible();
    // On a phone the language switch sits in the closed menu: choose the language first.
    await page.setViewportSize({ width: 375, height: 812 });
    await expect(page.getByRole('button', { name: 'Send practice transfer' })).toBeVisible();
    await expect(page.getByRole('note')).toContainText('Sandbox money is never counted');

    await page.getByRole('radio', { name: 'Bank transfer' }).check();
    await expect(page.getByText('Matched by its amount (unique code included), into Sandbox BCA.')).toBeVisible();
    await page.getByLabel('Amount (Rp)').fill('12.345.678');
    await page.getByLabel('Transfer description (optional)').fill('TRSF LATIHAN DARI BUDI');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'sandbox-mobile-en');
    await page.getByRole('button', { name: 'Send practice transfer' }).click();

    await expect(page.getByRole('heading', { name: `Practice transfer of ${formatRupiah(12_345_678n)} sent` })).toBeVisible();
    await expect(page.getByTestId('practice-state')).toContainText('Not matched automatically');
    await expect(page.getByRole('link', { name: 'Open unmatched transfers' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.getByRole('button', { name: 'Send another' }).click();
    await page.getByLabel('Order (optional)').fill('SBX-NOT-THERE');
    await page.getByRole('button', { name: 'Send practice transfer' }).click();
    await expect(page.getByText(/This order does not exist/).first()).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Language').selectOption('id');
    await expect(page.getByRole('button', { name: 'Kirim transfer latihan' })).toBeVisible();
  });
});

test.describe('as viewer', () => {
  test.use({ signedInAs: 'viewer' });

  test('has no Sandbox in the menu and is refused the page', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Sandbox' })).toHaveCount(0);
    await page.goto('/sandbox');
    await expect(page.getByRole('heading', { name: 'Tidak diizinkan' })).toBeVisible();
  });
});
