import { createOrders, expect, sendDelivery, test } from './support/fixtures';

test.describe('entering an order that exists already', () => {
  test.use({ signedInAs: 'finance' });

  test('a paid order says it is paid, never asks the customer to pay again', async ({ page, request }) => {
    const reference = `AGAIN-${Date.now()}`;
    const [order] = await createOrders(request, [{ reference, amount: 150_000 }]);
    await sendDelivery(request, [{ amount: Number(order!.payable_amount), type: 'CR', date: new Date(), description: `TRSF ${reference}` }]);
    await expect
      .poll(async () => {
        const answer = await request.get(`/api/orders/${reference}`, { headers: { authorization: `Bearer ${process.env.E2E_STORE_API_KEY}` } });
        return ((await answer.json()) as { status: string }).status;
      })
      .toBe('paid');

    await page.goto('/orders/new');
    await page.getByLabel('Referensi', { exact: true }).fill(reference);
    await page.getByLabel('Nominal (Rp)').fill('150.000');
    await page.getByRole('button', { name: 'Buat pesanan' }).click();
    const created = page.getByTestId('order-created');
    await expect(created.getByRole('heading', { name: `Pesanan ${reference} sudah ada` })).toBeVisible();
    await expect(page.getByTestId('order-now')).toHaveText(
      /^Pesanan ini sudah lunas \(Rp\s150\.\d{3} diterima\)\. Jangan minta pelanggan membayar lagi\.$/,
    );
    await expect(created).not.toContainText('Minta pelanggan mentransfer');
  });
});
