import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { test, expect, createOrders, sendDelivery } from './support/fixtures';

const run = `TOLD-${Date.now()}`;

/** The merchant's store, on loopback: what Cocok told it, event and order. */
const told: { event: string; reference: string }[] = [];
let store: Server;

test.beforeAll(async () => {
  store = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { event: string; order: { reference: string } };
      told.push({ event: body.event, reference: body.order.reference });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve));
});

test.afterAll(async () => {
  await new Promise((resolve) => store.close(resolve));
});

async function storeCallbackUrl(page: Page, url: string) {
  await page.goto('/settings');
  const section = page.locator('#store-callback');
  await section.getByLabel('URL callback toko').fill(url);
  await section.getByRole('button', { name: 'Simpan', exact: true }).first().click();
  await expect(page.getByRole('status')).toContainText('Pengaturan disimpan');
}

// Waits for the worker to match, then to deliver each callback.
test.describe.configure({ timeout: 150_000 });

test.describe('as owner', () => {
  test.use({ signedInAs: 'owner' });

  test.afterEach(async ({ page }) => {
    // The other specs run without a store to tell.
    await storeCallbackUrl(page, '');
  });

  test('a store told an order was paid is told, order.unpaid, when the payment is undone, and the undo says so first', async ({ page, request }) => {
    await storeCallbackUrl(page, `http://127.0.0.1:${(store.address() as AddressInfo).port}/cocok`);
    const secret = page.getByRole('form', { name: 'Rahasia callback' });
    await secret.getByLabel('Rahasia callback').fill('e2e-callback-secret-0123456789');
    await secret.getByRole('button', { name: 'Simpan' }).click();
    await expect(page.getByTestId('callback-secret-status')).toContainText('Rahasia tersimpan:');

    const [order] = await createOrders(request, [{ reference: `${run}-1`, amount: 175_000 }]);
    await sendDelivery(request, [{ amount: order!.payable_amount, description: `TRSF E-BANKING CR ${run}` }]);
    await expect.poll(() => told.filter((t) => t.reference === order!.reference).map((t) => t.event), { timeout: 60_000 }).toEqual(['order.paid']);

    await page.goto(`/orders/${encodeURIComponent(order!.reference)}`);
    await page.getByTestId('payment-row').getByRole('button', { name: 'Urungkan pencocokan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Urungkan pencocokan?' });
    await expect(dialog.getByTestId('undo-effect')).toContainText('Toko akan diberi tahu bahwa pesanan ini tidak lagi lunas (order.unpaid).');
    await dialog.getByLabel('Alasan mengurungkan (wajib)').fill('transfer untuk pesanan lain');
    await dialog.getByRole('button', { name: 'Urungkan pencocokan' }).click();
    await expect(dialog).toBeHidden();
    await expect
      .poll(() => told.filter((t) => t.reference === order!.reference).map((t) => t.event), { timeout: 60_000 })
      .toEqual(['order.paid', 'order.unpaid']);
    await expect(page.getByText('order.unpaid').first()).toBeVisible();
  });
});
