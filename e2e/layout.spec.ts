import type { Page } from '@playwright/test';
import { NAV_ITEMS } from '@/components/shell/nav-items';
import { addDays, jakartaDay } from '@/lib/time/jakarta';
import { createOrders, expect, test } from './support/fixtures';

const PHONE = { width: 390, height: 844 };

/** The widest element that reaches past the right edge of the window, to name what pushes a page wider. */
async function overflow(page: Page): Promise<{ width: number; culprit: string | null }> {
  return page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    let culprit: string | null = null;
    if (width > window.innerWidth) {
      let widest = 0;
      for (const element of Array.from(document.querySelectorAll('body *'))) {
        const right = element.getBoundingClientRect().right;
        const scroller = element.closest('.overflow-x-auto');
        if (scroller && scroller !== element) continue;
        if (right > window.innerWidth && right >= widest) {
          widest = right;
          culprit = `${element.tagName.toLowerCase()}.${String(element.className).slice(0, 80)}`;
        }
      }
    }
    return { width, culprit };
  });
}

test.describe('layout', () => {
  test.use({ signedInAs: 'owner' });

  test('every page fits a phone: nothing pushes it wider than the screen', async ({ page }) => {
    test.slow();
    await page.setViewportSize(PHONE);
    for (const { href } of NAV_ITEMS) {
      await page.goto(href);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      expect(await overflow(page), href).toEqual({ width: PHONE.width, culprit: null });
    }
  });

  test('the favicon is served', async ({ request }) => {
    const response = await request.get('/favicon.ico');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/image/);
  });

  for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
    test(`a dialog opens in the middle of the screen (${viewport.width} px)`, async ({ page, request }) => {
      await page.setViewportSize(viewport);
      const [order] = await createOrders(request, [{ reference: `LAYOUT-${viewport.width}-${Date.now()}`, amount: 120_000 }]);
      await page.goto(`/orders/${encodeURIComponent(order!.reference)}`);
      await page.getByRole('button', { name: 'Batalkan pesanan' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toBeVisible();
      const box = (await dialog.boundingBox())!;
      expect(Math.abs(box.x + box.width / 2 - viewport.width / 2)).toBeLessThan(2);
      expect(Math.abs(box.y + box.height / 2 - viewport.height / 2)).toBeLessThan(2);
    });
  }
});

test.describe('reports read like people write dates', () => {
  test.use({ signedInAs: 'owner' });

  test('periods have names, the legend follows the bars, and a backwards range says so', async ({ page }) => {
    await page.goto('/cash-flow?granularity=week');
    const table = page.getByRole('table', { name: /Uang masuk dan keluar per minggu/ });
    await expect(table.getByRole('rowheader').first()).toHaveText(/^Minggu \d{1,2} \(\d{1,2}( [A-Z][a-z]{2})? ?– ?\d{1,2} [A-Z][a-z]{2}\)$/);
    await expect(page.locator('.recharts-legend-item-text')).toHaveText(['Uang masuk', 'Uang keluar']);

    await page.goto('/cash-flow');
    await expect(
      page
        .getByRole('table', { name: /per hari/ })
        .locator('tbody')
        .getByRole('rowheader')
        .last(),
    ).toHaveText(/^Hari ini, \d{1,2} [A-Z][a-z]{2}$/);

    const today = jakartaDay(new Date());
    const [from, to] = [addDays(today, -3), addDays(today, -20)];
    await page.goto(`/cash-flow?from=${from}&to=${to}`);
    await expect(page.getByRole('alert').filter({ hasText: 'Tanggal awal' })).toHaveText(
      /^Tanggal awal \(\d{1,2} [A-Z][a-z]{2}( \d{4})?\) sesudah tanggal akhir \(\d{1,2} [A-Z][a-z]{2}( \d{4})?\): tukar keduanya\.$/,
    );
    await expect(page.getByRole('textbox', { name: 'Dari' })).toHaveValue(from);
  });
});
