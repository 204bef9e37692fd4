import { formatRupiah } from '@/lib/money';
import { test, expect, expectAccessible, saveScreenshot, sendDelivery } from './support/fixtures';

const run = `QF${Date.now()}`;
// Amounts no open order is near, so that the worker leaves them waiting for a person.
const base = 9_000_000 + (Date.now() % 500) * 1_000;
const rupiah = (amount: number) => formatRupiah(BigInt(amount)).replace(/\u00a0/g, ' ');
const dotted = (amount: number) => rupiah(amount).replace(/^Rp\s*/, '');

// Each test waits for the worker to leave its deliveries waiting.
test.describe.configure({ timeout: 120_000 });

/** Three waiting transfers of this run: different amounts, bank times and senders. */
async function threeTransfers(request: Parameters<typeof sendDelivery>[0], tag: string) {
  const transfers = [
    { amount: base + 111, description: `TRSF CR ${tag} BUDI SANTOSO`, date: new Date('2026-12-01T08:05:00+07:00') },
    { amount: base + 333_222, description: `TRSF CR ${tag} SITI RAHAYU`, date: new Date('2026-12-02T14:30:00+07:00') },
    { amount: base + 55_333, description: `TRSF CR ${tag} AGUS PRATAMA`, date: new Date('2026-12-03T21:45:00+07:00') },
  ];
  await sendDelivery(request, transfers);
  return transfers;
}

test.describe('as finance', () => {
  test.use({ signedInAs: 'finance' });

  test('searches the queue by an amount typed with dots, kept in the URL, with counts and totals; sorts by amount; moves with the keyboard', async ({
    page,
    request,
  }, testInfo) => {
    const tag = `${run}A`;
    const [budi, siti, agus] = await threeTransfers(request, tag);

    // An amount as people type it finds the one transfer; the search stays in the URL.
    await page.goto('/unmatched');
    await page.getByLabel('Cari', { exact: true }).fill(`Rp ${dotted(siti!.amount)}`);
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page).toHaveURL(/[?&]q=Rp/);
    const cards = page.getByTestId('unmatched-item');
    await expect(async () => {
      await page.reload();
      await expect(cards).toHaveCount(1, { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await expect(cards.first()).toContainText(rupiah(siti!.amount));
    await expect(page.getByTestId('queue-totals')).toHaveText(`1 transfer · total ${rupiah(siti!.amount)}`);
    await expect(page.getByTestId('queue-tab').first()).toContainText('Semua menunggu1');
    // The bank's date and time, absolute in Jakarta, with the age beside it.
    await expect(cards.first().getByTestId('bank-time')).toContainText('Waktu bank 2 Des 2026, 14.30');
    await expect(page.getByLabel('Cari', { exact: true })).toHaveValue(`Rp ${dotted(siti!.amount)}`);

    // Words of the description find all three; the tab of their state counts them and keeps the search.
    await page.getByLabel('Cari', { exact: true }).fill(tag);
    await page.getByLabel('Urutkan').selectOption({ label: 'Nominal terbesar dulu' });
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page).toHaveURL(/sort=amount/);
    await expect(cards).toHaveCount(3);
    const amounts = [siti, agus, budi].map((t) => rupiah(t!.amount));
    for (const [index, amount] of amounts.entries()) await expect(cards.nth(index).getByRole('heading', { level: 2 })).toContainText(amount);
    const total = budi!.amount + siti!.amount + agus!.amount;
    await expect(page.getByTestId('queue-totals')).toHaveText(`3 transfer · total ${rupiah(total)}`);
    const unmatchedTab = page.getByTestId('queue-tab').filter({ hasText: 'Belum cocok' });
    await expect(unmatchedTab).toContainText('3');
    await unmatchedTab.click();
    await expect(page).toHaveURL(/state=unmatched/);
    await expect(page).toHaveURL(new RegExp(`q=${tag}`));
    await expect(unmatchedTab).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('queue-tab').filter({ hasText: 'Perlu ditinjau' })).toContainText('0');
    await expect(cards).toHaveCount(3);

    // Keyboard: j and k move between the cards, / opens the search; the shortcut panel lists them.
    await cards.first().focus();
    await page.keyboard.press('j');
    await expect(cards.nth(1)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(cards.nth(2)).toBeFocused();
    await page.keyboard.press('k');
    await expect(cards.nth(1)).toBeFocused();
    await page.keyboard.press('/');
    await expect(page.getByLabel('Cari', { exact: true })).toBeFocused();
    await page.getByText('Pintasan keyboard').click();
    await expect(page.getByTestId('shortcuts')).toContainText('J / K');
    await expect(page.getByTestId('shortcuts')).toContainText('/: buka pencarian.');
    await expect(page.getByTestId('shortcuts')).toContainText('U pada transfer');
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'queue-search-sort');

    // Narrowed to nothing: it says so, and resetting keeps the tab.
    await page.getByLabel('Nominal minimal').fill('999.999.999');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page.getByText('Tidak ada transfer menunggu yang sesuai dengan pencarian ini.')).toBeVisible();
    await page.getByRole('link', { name: 'Atur ulang' }).click();
    await expect(page).toHaveURL(/\/unmatched\?state=unmatched$/);

    // Two letters are too few to search text with: the page says so rather than reading every transfer.
    await page.getByLabel('Cari', { exact: true }).fill('ab');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page.getByTestId('search-too-short')).toHaveText(
      'Ketik minimal 3 karakter untuk mencari teks (nominal dicari berapa pun panjangnya).',
    );
  });

  test('on a phone, in English: filters by bank date; the page fits', async ({ page, request, context, baseURL }, testInfo) => {
    await context.addCookies([{ name: 'cocok-locale', value: 'en', url: baseURL! }]);
    await page.setViewportSize({ width: 390, height: 844 });
    const tag = `${run}B`;
    const [, siti] = await threeTransfers(request, tag);
    await page.goto(`/unmatched?q=${tag}`);
    const cards = page.getByTestId('unmatched-item');
    await expect(async () => {
      await page.reload();
      await expect(cards).toHaveCount(3, { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await page.getByLabel('Bank date from').fill('2026-12-02');
    await page.getByLabel('Bank date to').fill('2026-12-02');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/from=2026-12-02&to=2026-12-02/);
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toContainText(rupiah(siti!.amount));
    await expect(cards.first().getByTestId('bank-time')).toContainText('Bank time 2 Dec 2026');
    await expect(page.getByTestId('queue-totals')).toHaveText(`1 transfer · total ${rupiah(siti!.amount)}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);
    await saveScreenshot(page, testInfo, 'queue-filters-phone-en');
  });
});
