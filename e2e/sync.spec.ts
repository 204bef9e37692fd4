import { test, expect, expectAccessible, saveScreenshot } from './support/fixtures';
import { addDays, jakartaDay } from '@/lib/time/jakarta';

// The worker reads the fake Moota's pages on a busy machine: give the flow room.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const token = () => process.env.E2E_MOOTA_TOKEN!;

test.describe('as owner', () => {
  test.use({ signedInAs: 'owner' });

  test('connects a Moota API token in Settings and sees only its last 4 characters afterwards', async ({ page }) => {
    await page.goto('/settings#moota-api');
    const section = page.locator('#moota-api');
    await expect(section.getByTestId('moota-token-status')).toContainText(/Belum ada token|No token yet/);
    const field = section.getByLabel(/^(Token API Moota|Moota API token)$/);
    await expect(field).toHaveAttribute('type', 'password');
    await field.fill(token());
    await section.getByRole('button', { name: /Simpan token|Save token/ }).click();

    const status = section.getByTestId('moota-token-status');
    await expect(status).toContainText(`••••••••${token().slice(-4)}`, { timeout: 30_000 });
    await expect(field).toHaveValue('');
    await page.reload();
    await expect(status).toContainText(`••••••••${token().slice(-4)}`);
    await expect(page.locator('body')).not.toContainText(token());
    expect(await page.content()).not.toContain(token());
    await expect(section.getByRole('button', { name: /Lupakan token|Forget token/ })).toBeVisible();
  });
});

test.describe('as finance', () => {
  test.use({ signedInAs: 'finance' });

  test('Sync now at phone width: the progress, the summary, the run in the audit log and its pages', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/webhooks');
    const panel = page.locator('section').filter({ has: page.getByRole('heading', { name: /^(Sinkronkan sekarang|Sync now)$/ }) });
    const today = jakartaDay(new Date());
    await expect(panel.getByLabel(/^(Dari|From)$/)).toHaveValue(today);
    await expect(panel.getByLabel(/^(Sampai|To)$/)).toHaveValue(today);

    await panel.getByLabel(/^(Dari|From)$/).fill(addDays(today, -40));
    await panel.getByRole('button', { name: /^(Sinkronkan sekarang|Sync now)$/ }).click();
    await expect(panel.getByTestId('sync-error')).toContainText(/paling banyak 31 hari|at most 31 days/, { timeout: 30_000 });

    // The fake Moota serves 250 mutations over the last two Jakarta days.
    await panel.getByLabel(/^(Dari|From)$/).fill(addDays(today, -1));
    await panel.getByRole('button', { name: /^(Sinkronkan sekarang|Sync now)$/ }).click();
    const progress = panel.getByRole('progressbar', { name: /Kemajuan sinkronisasi|Sync progress/ });
    await expect(progress).toBeVisible({ timeout: 30_000 });
    await expect(panel.getByTestId('sync-run')).toHaveAttribute('data-state', 'succeeded', { timeout: 60_000 });
    const last = await progress.getAttribute('aria-valuemax');
    expect(Number(last)).toBeGreaterThan(1);
    await expect(progress).toHaveAttribute('aria-valuenow', last!);
    await expect(panel).toContainText(new RegExp(`(Halaman|Page) ${last} (dari|of) ${last}`));
    const runId = await panel.getByTestId('sync-run').getAttribute('data-run-id');
    // Every one of the fake's mutations is either new or one the demo already had.
    const run = (await (await page.request.get(`/api/dashboard/sync-runs/${runId}`)).json()) as { mutationsNew: number; mutationsKnown: number };
    expect(run.mutationsNew + run.mutationsKnown).toBe(250);
    await expect(panel.getByTestId('sync-summary')).toContainText(new RegExp(`(Selesai|Done): ${run.mutationsNew} `));

    const row = page.locator(`[data-testid="sync-run-row"][data-run-id="${runId}"]`);
    await expect(row).toContainText(/Manual/);
    await expect(row).toContainText('finance@cocok.local');
    await expect(row).toContainText(/Berhasil|Succeeded/);
    await expect(row).toContainText(`${last} / ${last}`);
    await expect(row).toContainText(`${run.mutationsNew} / ${run.mutationsKnown}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'sync-now-phone');

    await page.getByTestId('delivery-sync-badge').first().click();
    await expect(page).toHaveURL(/\/webhooks\/sync-runs\//);
    await expect(page.getByRole('heading', { level: 1, name: /^(Sinkronisasi|Sync run)$/ })).toBeVisible();
    await page.getByRole('link', { name: /Lihat halamannya|See its pages/ }).click();
    await expect(page).toHaveURL(/run=/);
    await expect(page.getByTestId('delivery-row')).toHaveCount(Number(last));
  });
});
