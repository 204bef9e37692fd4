import { test, expect } from './support/fixtures';

test.use({ signedInAs: 'finance' });

const CASES = [
  { path: '/orders?from=0000-01-01', heading: 'Pesanan', message: 'Tanggal from (0000-01-01) harus di antara 2000-01-01 dan 2100-12-31.' },
  { path: '/mutations?to=9999-12-31', heading: 'Mutasi', message: 'Tanggal to (9999-12-31) harus di antara 2000-01-01 dan 2100-12-31.' },
  { path: '/mutations?q=INV%00', heading: 'Mutasi', message: 'q berisi karakter yang tidak bisa disimpan' },
  { path: '/webhooks?from=0000-01-01', heading: 'Log webhook', message: 'Tanggal from (0000-01-01) harus di antara 2000-01-01 dan 2100-12-31.' },
];

test.describe('a filter the lists cannot hold says why, and the list still shows', () => {
  for (const { path, heading, message } of CASES) {
    test(path, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    });
  }
});
