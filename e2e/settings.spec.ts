import { test, expect, expectAccessible, saveScreenshot } from './support/fixtures';

// Server actions and the worker share one busy machine with other suites: give each flow room.
test.describe.configure({ timeout: 120_000 });

test.describe('as owner', () => {
  test.use({ signedInAs: 'owner' });

  test('shows every section; values fixed by the environment are read-only and secrets masked', async ({ page }, testInfo) => {
    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: /^(Pengaturan|Settings)$/ })).toBeVisible();
    await expect(page.getByTestId('webhook-secrets-env')).toContainText('MOOTA_WEBHOOK_SECRET');
    await expect(page.getByTestId('webhook-secrets')).toContainText('••••••••cret');
    await expect(page.locator('body')).not.toContainText('cocok-demo-secret');
    await expect(page.getByLabel(/Rahasia baru|New secret/)).toHaveCount(0);
    const allowlist = page.getByLabel(/Alamat IP yang diizinkan|Allowed IP addresses/);
    await expect(allowlist).toHaveAttribute('readonly', '');
    await expect(page.getByText(/(Ditetapkan oleh variabel lingkungan|Set by environment variable) MOOTA_ALLOWED_IPS/)).toBeVisible();
    await expect(page.getByLabel(/Jumlah proxy tepercaya|Trusted proxy hops/)).not.toHaveAttribute('readonly', '');
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'settings');
  });

  test('a unique-code range is saved and kept after a reload; an impossible one shows why', async ({ page }) => {
    await page.goto('/settings');
    const section = page.locator('#orders');
    const min = section.getByLabel(/Kode unik terkecil|Smallest unique code/);
    const max = section.getByLabel(/Kode unik terbesar|Largest unique code/);
    const original = await max.inputValue();

    await max.fill('987');
    await section.getByRole('button', { name: /^(Simpan|Save)$/ }).click();
    await expect(page.getByRole('status')).toContainText(/Pengaturan disimpan|Settings saved/, { timeout: 30_000 });
    await page.reload();
    await expect(max).toHaveValue('987');

    await min.fill('5000');
    await section.getByRole('button', { name: /^(Simpan|Save)$/ }).click();
    await expect(section.getByRole('alert')).toContainText(
      /tidak boleh lebih kecil dari kode unik terkecil \(5000\)|must not be below the smallest \(5000\)/,
      {
        timeout: 30_000,
      },
    );
    await page.reload();
    await expect(min).not.toHaveValue('5000');

    await max.fill(original);
    await section.getByRole('button', { name: /^(Simpan|Save)$/ }).click();
    await expect(page.getByRole('status')).toContainText(/Pengaturan disimpan|Settings saved/, { timeout: 30_000 });
    await page.reload();
    await expect(max).toHaveValue(original);
  });

  test('an API key is shown once, works, and stops working when revoked', async ({ page, request }, testInfo) => {
    const name = `E2E-${Date.now()}`;
    await page.goto('/settings');
    const section = page.locator('#api-keys');
    await section.getByLabel(/Nama kunci|Key name/).fill(name);
    await section.getByRole('button', { name: /Buat kunci|Create key/ }).click();
    const shown = page.getByTestId('new-api-key').getByRole('textbox');
    await expect(shown).toHaveValue(/^cocok_/, { timeout: 30_000 });
    const key = await shown.inputValue();
    await expect(section.getByRole('button', { name: /^(Salin|Copy)$/ })).toBeVisible();
    await saveScreenshot(page, testInfo, 'settings-api-key');

    const row = page.getByTestId('api-keys').getByRole('row').filter({ hasText: name });
    await expect(row).toContainText(key.slice(0, 12));
    const authorised = await request.get('/api/orders/INV-1001', { headers: { authorization: `Bearer ${key}` } });
    expect(authorised.status()).toBe(200);

    await page.reload();
    await expect(page.locator('body')).not.toContainText(key);
    await row.getByRole('button', { name: /Cabut|Revoke/ }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^(Cabut|Revoke)$/ })
      .click();
    await expect(row).toContainText(/Dicabut|Revoked/, { timeout: 30_000 });
    const refused = await request.get('/api/orders/INV-1001', { headers: { authorization: `Bearer ${key}` } });
    expect(refused.status()).toBe(401);
  });

  test('a user is added, their role changed, then disabled', async ({ page }) => {
    const email = `e2e-${Date.now()}@example.com`;
    await page.goto('/settings');
    const section = page.locator('#users');
    await section.getByLabel(/^Email$/).fill(email);
    await section.getByLabel(/^(Nama|Name)$/).fill('E2E Pengguna');
    await section.getByLabel(/^(Peran|Role)$/).selectOption('viewer');
    await section.getByLabel(/^(Kata sandi|Password)$/).fill('short');
    await section.getByRole('button', { name: /Tambah pengguna|Add user/ }).click();
    await expect(section.getByRole('alert')).toContainText('Kata sandi butuh paling sedikit 10 karakter', { timeout: 30_000 });

    await section.getByLabel(/^(Kata sandi|Password)$/).fill('e2e-password-123');
    await section.getByRole('button', { name: /Tambah pengguna|Add user/ }).click();
    const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`);
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(row.getByRole('combobox')).toHaveValue('viewer');

    await row.getByRole('combobox').selectOption('finance');
    await expect(page.getByRole('status')).toContainText(/diubah|changed/, { timeout: 30_000 });
    await page.reload();
    await expect(row.getByRole('combobox')).toHaveValue('finance');

    await row.getByRole('button', { name: /Nonaktifkan|Disable/ }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^(Nonaktifkan|Disable)$/ })
      .click();
    await expect(row).toContainText(/Nonaktif|Disabled/);
    await expect(row.getByRole('button', { name: /Aktifkan|Enable/ })).toBeVisible({ timeout: 30_000 });
  });
});

test.describe('as finance', () => {
  test.use({ signedInAs: 'finance' });

  test('cannot open settings, and the menu has no link to it', async ({ page }, testInfo) => {
    const response = await page.goto('/settings');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: /Tidak diizinkan|Not allowed/ })).toBeVisible();
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'settings-forbidden');
    await page.goto('/webhooks');
    await expect(page.getByRole('navigation').getByRole('link', { name: /^(Pengaturan|Settings)$/ })).toHaveCount(0);
    await expect(
      page
        .getByRole('navigation')
        .getByRole('link', { name: /Log webhook|Webhook log|Webhook/ })
        .first(),
    ).toBeVisible();
  });
});
