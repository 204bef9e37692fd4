import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIResponse, Page, Response } from '@playwright/test';
import { NAV_ITEMS } from '@/components/shell/nav-items';
import { expect, test } from './support/fixtures';

type Headers = Record<string, string>;

function expectCommonHeaders(headers: Headers, where: string) {
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['referrer-policy'], where).toBe('strict-origin-when-cross-origin');
  expect(headers['x-frame-options'], where).toBe('DENY');
  expect(headers['strict-transport-security'], `${where}: no HSTS over plain HTTP`).toBeUndefined();
}

function expectPagePolicy(headers: Headers, where: string): string {
  expectCommonHeaders(headers, where);
  const policy = headers['content-security-policy'] ?? '';
  expect(policy, where).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"]) expect(policy, where).toContain(directive);
  expect(policy, where).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  return /'nonce-([^']+)'/.exec(policy)![1]!;
}

/** Collects what the browser refused under the policy, from the page's own violation events and the console. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []))];
}

async function visit(page: Page, href: string): Promise<Response> {
  const response = await page.goto(href);
  expect(response, href).not.toBeNull();
  return response!;
}

test.describe('security headers on pages', () => {
  test.use({ signedInAs: 'owner' });

  test('every dashboard page has the policy with a fresh nonce, runs its scripts and is refused nothing', async ({ page }) => {
    test.slow();
    const violations = await watchViolations(page);
    const nonces = new Set<string>();
    const refused: Record<string, string[]> = {};
    for (const { href } of NAV_ITEMS) {
      const response = await visit(page, href);
      expect(response.status(), href).toBe(200);
      nonces.add(expectPagePolicy(await response.allHeaders(), href));
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      // Hydrated: the language switch is a client component that only works once scripts run.
      await expect(page.locator('script[nonce]').first()).toBeAttached();
      if (href === '/cash-flow' || href === '/revenue') await expect(page.getByTestId('report-chart').locator('svg').first()).toBeVisible();
      const seen = await violations();
      if (seen.length > 0) refused[href] = seen;
    }
    expect(refused).toEqual({});
    expect(nonces.size).toBe(NAV_ITEMS.length);

    // A server action (the language switch) still runs under the policy.
    await visit(page, '/');
    await page.getByLabel('Bahasa').selectOption('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByLabel('Language').selectOption('id');
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
    expect(await violations()).toEqual([]);
  });

  test('a page that does not exist has the same headers', async ({ page }) => {
    const violations = await watchViolations(page);
    const response = await visit(page, '/no-such-page');
    expect(response.status()).toBe(404);
    expectPagePolicy(await response.allHeaders(), '/no-such-page');
    expect(await violations()).toEqual([]);
  });
});

test.describe('security headers before signing in', () => {
  test('the redirect to sign-in and the sign-in form have them, and the form signs in under the policy', async ({ page }) => {
    const redirect = await page.request.get('/orders', { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expectPagePolicy(redirect.headers(), 'redirect to /login');

    const violations = await watchViolations(page);
    const response = await visit(page, '/login?next=%2Forders');
    expectPagePolicy(await response.allHeaders(), '/login');
    await page.getByLabel('Email').fill('finance@cocok.local');
    await page.getByLabel('Kata sandi').fill('cocok-finance');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page).toHaveURL(/\/orders$/);
    expect(await violations()).toEqual([]);
  });

  test('HSTS only when the proxy in front says the browser came over HTTPS', async ({ request }) => {
    for (const url of ['/login', '/api/health']) {
      expect((await request.get(url)).headers()['strict-transport-security'], url).toBeUndefined();
      const overTls = await request.get(url, { headers: { 'x-forwarded-proto': 'https' } });
      expect(overTls.headers()['strict-transport-security'], url).toBe('max-age=31536000');
    }
  });
});

/** Every route handler under app/api, with the methods it exports: a new route is covered without editing this test. */
function apiRoutes(): { url: string; methods: string[] }[] {
  const root = path.resolve('app/api');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => path.basename(file) === 'route.ts');
  return files.map((file) => {
    const source = readFileSync(path.join(root, file), 'utf8');
    const destructured = /export const \{([^}]*)\}/.exec(source)?.[1] ?? '';
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter(
      (method) => new RegExp(`export\\s+(async\\s+)?function\\s+${method}\\b`).test(source) || new RegExp(`\\b${method}\\b`).test(destructured),
    );
    const segments = path
      .dirname(file)
      .split(path.sep)
      .map((segment) => (segment === '[...nextauth]' ? 'session' : segment.replace(/^\[.*\]$/, 'e2e-missing')));
    return { url: `/api/${segments.join('/')}`, methods };
  });
}

test.describe('security headers on API routes', () => {
  test.use({ signedInAs: 'owner' });

  test('every route handler answers with them, signed in or not', async ({ page, playwright, baseURL }) => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(10);
    const anonymous = await playwright.request.newContext({ baseURL });
    for (const { url, methods } of routes) {
      expect(methods.length, url).toBeGreaterThan(0);
      for (const method of methods) {
        for (const [who, client] of [
          ['owner', page.request],
          ['anonymous', anonymous],
        ] as const) {
          const response: APIResponse = await client.fetch(url, { method, maxRedirects: 0, data: method === 'GET' ? undefined : '[]' });
          const where = `${who} ${method} ${url} (${response.status()})`;
          expect(response.status(), where).toBeLessThan(500);
          const headers = response.headers();
          expectCommonHeaders(headers, where);
          expect(headers['content-security-policy'], where).toContain("frame-ancestors 'none'");
          expect(headers['content-security-policy'], where).toContain("default-src 'none'");
        }
      }
    }
    await anonymous.dispose();
  });
});
