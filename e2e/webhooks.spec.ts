import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { test, expect, expectAccessible, saveScreenshot, sendDelivery } from './support/fixtures';

// Server actions and the worker share one busy machine with other suites: give each flow room.
test.describe.configure({ timeout: 120_000 });

/** Puts a call's mutations in the dead-letter state, as the worker does after its last retry. */
async function killMutationsOf(deliveryId: string) {
  const dataDir = process.env.E2E_DATA_DIR!;
  const { user, password } = JSON.parse(readFileSync(path.join(dataDir, 'credentials.json'), 'utf8')) as { user: string; password: string };
  const client = new pg.Client({ host: '127.0.0.1', port: Number(process.env.E2E_DATABASE_PORT), user, password, database: 'cocok' });
  await client.connect();
  try {
    await client.query(
      `UPDATE mutations SET processing = 'dead', match_state = 'pending', process_error = 'e2e: gave up after repeated failures'
       WHERE delivery_id = $1`,
      [deliveryId],
    );
  } finally {
    await client.end();
  }
}

const processedState = /Semua diproses|All processed/;

test.describe('as finance', () => {
  test.use({ signedInAs: 'finance' });

  test('the log lists the demo rejected calls, with the failed-only filter', async ({ page }, testInfo) => {
    await page.goto('/webhooks');
    await expect(page.getByRole('heading', { name: /Log webhook|Webhook log/ })).toBeVisible();
    await expect(page.getByTestId('delivery-row').first()).toBeVisible();
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'webhooks');

    await page.getByLabel(/Hanya yang gagal|Failed only/).check();
    await page.getByRole('button', { name: /Terapkan|Apply/ }).click();
    await expect(page).toHaveURL(/failed=1/);
    const rows = page.getByTestId('delivery-row');
    await expect(rows.filter({ hasText: 'Header Signature tidak sesuai dengan isi panggilan.' }).first()).toBeVisible();
    await expect(rows.filter({ hasText: 'Alamat 198.51.100.23 tidak ada dalam daftar alamat yang diizinkan.' }).first()).toBeVisible();
    await expect(rows.filter({ hasText: processedState })).toHaveCount(0);
    for (const text of await rows.allInnerTexts()) expect(text).toMatch(/Ditolak|Rejected|mati|dead/);
    await expect(rows.filter({ hasText: 'Signature header does not match' })).toHaveCount(0);
    await saveScreenshot(page, testInfo, 'webhooks-failed');

    await page.context().addCookies([{ name: 'cocok-locale', value: 'en', url: page.url() }]);
    await page.reload();
    await expect(rows.filter({ hasText: 'The Signature header does not match the body.' }).first()).toBeVisible();
    await expect(rows.filter({ hasText: 'Address 198.51.100.23 is not in the allowlist.' }).first()).toBeVisible();
  });

  test('a new signed call appears by itself; its detail shows headers and a redacted body', async ({ page, request }, testInfo) => {
    await page.goto('/webhooks');
    await expect(page.getByTestId('delivery-row').first()).toBeVisible();
    const description = `E2E-${Date.now()} TRSF`;
    const session = `E2E-SESSION-${Date.now()}`;
    // A bank object with session data, as Moota sends for most banks, so that there is something to redact.
    const { answer } = await sendDelivery(
      request,
      [{ amount: 123_456, type: 'CR', description }],
      (mutation) =>
        ({
          ...mutation,
          bank: { bank_type: 'bca', label: 'BCA', atas_nama: 'TOKO BERKAH JAYA', meta: { session_id: session } },
        }) as typeof mutation,
    );

    const row = page.locator(`[data-delivery-id="${answer.delivery_id}"]`);
    await expect(row).toBeVisible({ timeout: 45_000 });
    await expect(row).toContainText(/Diterima|Accepted/);
    await expect(row).toContainText('1 / 0');

    await row.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/webhooks/${answer.delivery_id}$`));
    await expect(page.getByTestId('delivery-headers')).toContainText('user-agent');
    await expect(page.getByTestId('delivery-headers')).toContainText('MootaBot/1.5');
    const body = page.getByTestId('delivery-body');
    await expect(body).toContainText(description);
    await expect(body).toContainText('[redacted]');
    await expect(page.locator('body')).not.toContainText(session);
    await expect(page.getByTestId('delivery-mutation')).toContainText(description);
    await expect(page.getByTestId('delivery-mutation')).toContainText(/Diproses|Processed/, { timeout: 45_000 });
    await expect(page.getByRole('button', { name: /Proses ulang|Reprocess/ })).toHaveCount(0);
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'webhook-call');
  });

  test('a rejected call shows its reason and redacted excerpt', async ({ page }, testInfo) => {
    await page.goto('/webhooks?failed=1');
    await page.getByTestId('delivery-row').filter({ hasText: 'Header Signature tidak sesuai' }).first().getByRole('link').click();
    await expect(page.getByTestId('delivery-reason')).toContainText('Header Signature tidak sesuai dengan isi panggilan.');
    await expect(page.getByTestId('delivery-headers')).toContainText('MootaBot/1.5');
    await expect(page.getByTestId('delivery-body')).toContainText('[redacted]');
    await expect(page.getByTestId('delivery-body')).not.toContainText('session_id');
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'webhook-call-rejected');
  });

  test('dead mutations of a call can be reprocessed, and then are processed', async ({ page, request }, testInfo) => {
    const description = `E2E-${Date.now()} BIAYA ADM`;
    const { answer } = await sendDelivery(request, [{ amount: 6_500, type: 'DB', description }]);
    await page.goto(`/webhooks/${answer.delivery_id}`);
    await expect(page.getByTestId('delivery-mutation')).toContainText(/Diproses|Processed/, { timeout: 45_000 });
    await killMutationsOf(answer.delivery_id);

    await page.goto('/webhooks?failed=1');
    await expect(page.locator(`[data-delivery-id="${answer.delivery_id}"]`)).toContainText(/1 mati|1 dead/);

    await page.goto(`/webhooks/${answer.delivery_id}`);
    await expect(page.getByTestId('delivery-mutation')).toContainText('e2e: gave up after repeated failures');
    const reprocess = page.getByRole('button', { name: /Proses ulang mutasi mati \(1\)|Reprocess dead mutations \(1\)/ });
    await expect(reprocess).toBeVisible();
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'webhook-call-dead');

    await reprocess.click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^(Proses ulang|Reprocess)$/ })
      .click();
    await expect(page.getByRole('status')).toContainText(/1 mutasi dikirim|1 mutation sent/, { timeout: 30_000 });
    await expect(page.getByTestId('delivery-mutation')).toContainText(/Diproses|Processed/, { timeout: 45_000 });
    await expect(page.getByTestId('delivery-mutation')).not.toContainText('e2e: gave up');
    await expect(reprocess).toHaveCount(0);
  });
});

test.describe('as viewer', () => {
  test.use({ signedInAs: 'viewer' });

  test('sees the log and dead mutations, but no reprocess button', async ({ page, request }) => {
    const { answer } = await sendDelivery(request, [{ amount: 7_500, type: 'DB', description: `E2E-${Date.now()} VIEWER` }]);
    await page.goto(`/webhooks/${answer.delivery_id}`);
    await expect(page.getByTestId('delivery-mutation')).toContainText(/Diproses|Processed/, { timeout: 45_000 });
    await killMutationsOf(answer.delivery_id);
    await page.reload();
    await expect(page.getByTestId('delivery-mutation')).toContainText(/Mati|Dead/);
    await expect(page.getByRole('button', { name: /Proses ulang|Reprocess/ })).toHaveCount(0);
  });
});
