import { execFileSync } from 'node:child_process';
import type { Browser, Page } from '@playwright/test';
import { NODE_SCRIPT_ARGS } from '@/lib/runtime/node-script';
import { expect, expectAccessible, saveScreenshot, test } from './support/fixtures';

/** A person of their own for a test that ends sessions, added the way an operator adds one. */
function addUser(role: 'finance' | 'viewer'): { email: string; password: string } {
  const account = { email: `${role}-${Date.now()}@cocok.local`, password: `${role}-password-e2e` };
  execFileSync(
    process.execPath,
    [...NODE_SCRIPT_ARGS, 'scripts/user-create.ts', '--email', account.email, '--role', role, '--password', account.password],
    { env: { ...process.env, COCOK_DATA_DIR: process.env.E2E_DATA_DIR, COCOK_DATABASE_PORT: process.env.E2E_DATABASE_PORT }, encoding: 'utf8' },
  );
  return account;
}

async function signInThroughForm(page: Page, account: { email: string; password: string }, path = '/login') {
  await page.goto(path);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Kata sandi').fill(account.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

async function signedInContext(browser: Browser, account: { email: string; password: string }) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInThroughForm(page, account);
  await expect(page.getByRole('navigation', { name: 'Menu' })).toBeVisible();
  return { context, page };
}

test.describe('signing in', () => {
  test('an anonymous visitor of any page lands on the sign-in form, and returns there after signing in', async ({ page }, testInfo) => {
    await page.goto('/mutations');
    await expect(page).toHaveURL(/\/login\?next=%2Fmutations/);
    await expect(page.getByRole('heading', { name: 'Masuk ke Cocok' })).toBeVisible();
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'login');

    await page.getByLabel('Email').fill('finance@cocok.local');
    await page.getByLabel('Kata sandi').fill('cocok-finance');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page).toHaveURL(/\/mutations$/);
  });

  test.describe('a next address that leads elsewhere sends the visitor home after signing in', () => {
    for (const next of ['//evil.example', '/\\evil.example', '/%09/evil.example', '/.//evil.example']) {
      test(next, async ({ page, baseURL }) => {
        await signInThroughForm(page, { email: 'finance@cocok.local', password: 'cocok-finance' }, `/login?next=${encodeURIComponent(next)}`);
        await expect(page).not.toHaveURL(/\/login/);
        const landed = new URL(page.url());
        expect(landed.origin).toBe(new URL(baseURL!).origin);
        expect(landed.pathname).toMatch(/^\/(%09\/evil\.example)?$/);
      });
    }
  });

  test('a wrong password is refused with a clear message', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill('finance@cocok.local');
    await page.getByLabel('Kata sandi').fill('not-the-password');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByText('Email atau kata sandi salah.')).toBeVisible();
  });

  test('repeated wrong passwords are slowed down, even with the right one afterwards', async ({ page }) => {
    const email = `nobody-${Date.now()}@cocok.local`;
    await page.goto('/login');
    const attempt = async (password: string) => {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Kata sandi').fill(password);
      await Promise.all([
        page.waitForResponse((response) => response.request().method() === 'POST' && response.url().includes('/login')),
        page.getByRole('button', { name: 'Masuk' }).click(),
      ]);
    };
    for (let n = 0; n < 5; n++) {
      await attempt(`wrong-${n}`);
      await expect(page.getByText('Email atau kata sandi salah.')).toBeVisible();
    }
    await attempt('whatever-now');
    await expect(page.getByText(/Terlalu banyak percobaan gagal/)).toBeVisible();
  });
});

test.describe('roles', () => {
  test.describe('finance', () => {
    test.use({ signedInAs: 'finance' });

    test('sees the work pages but not settings or revenue, and is refused there', async ({ page }) => {
      await page.goto('/');
      const menu = page.getByRole('navigation', { name: 'Menu' });
      await expect(menu.getByRole('link', { name: 'Transfer belum cocok' })).toBeVisible();
      await expect(menu.getByRole('link', { name: 'Pengaturan' })).toHaveCount(0);
      await expect(menu.getByRole('link', { name: 'Pendapatan' })).toHaveCount(0);
      for (const path of ['/settings', '/revenue']) {
        await page.goto(path);
        await expect(page.getByRole('heading', { name: 'Tidak diizinkan' })).toBeVisible();
      }
    });
  });

  test.describe('owner', () => {
    test.use({ signedInAs: 'owner' });

    test('sees every page in the menu', async ({ page }) => {
      await page.goto('/');
      const menu = page.getByRole('navigation', { name: 'Menu' });
      for (const name of ['Ringkasan', 'Transfer belum cocok', 'Pesanan', 'Mutasi', 'Arus kas', 'Pendapatan', 'Log webhook', 'Pengaturan']) {
        await expect(menu.getByRole('link', { name })).toBeVisible();
      }
    });
  });
});

test.describe('language', () => {
  test.use({ signedInAs: 'viewer' });

  test('switches between Bahasa Indonesia and English and remembers the choice', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
    const menuLink = (name: string) => page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name, exact: true });
    await page.getByLabel('Bahasa').selectOption('en');
    await expect(menuLink('Unmatched transfers')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.reload();
    await expect(menuLink('Unmatched transfers')).toBeVisible();
    await page.getByLabel('Language').selectOption('id');
    await expect(menuLink('Transfer belum cocok')).toBeVisible();
  });
});

test.describe('signing out', () => {
  test('ends the session in every browser it was signed in from', async ({ browser }) => {
    const account = addUser('viewer');
    const here = await signedInContext(browser, account);
    const elsewhere = await signedInContext(browser, account);

    await here.page.getByRole('button', { name: 'Keluar' }).click();
    await expect(here.page).toHaveURL(/\/login/);
    await here.page.goto('/orders');
    await expect(here.page).toHaveURL(/\/login\?next=%2Forders/);

    await elsewhere.page.goto('/orders');
    await expect(elsewhere.page).toHaveURL(/\/login/);
    await expect(elsewhere.page.getByRole('heading', { name: 'Masuk ke Cocok' })).toBeVisible();
    expect(await (await elsewhere.page.request.get('/api/auth/session')).json()).toBeNull();
    expect((await elsewhere.page.request.get('/api/dashboard/overview')).status()).toBe(401);

    await here.context.close();
    await elsewhere.context.close();
  });
});
