import { beforeEach, describe, expect, test } from 'vitest';
import { createApiKey } from '@/lib/api-keys';
import { db } from '@/lib/db';
import { processMutations } from '@/lib/reconcile/process-mutations';
import { saveSettings } from '@/lib/settings/store';
import { resetDatabase } from '@/tests/support/database';
import { receiveTransfers } from '@/tests/support/mutations';
import * as orders from '@/app/api/orders/route';
import * as payStatus from '@/app/api/pay/[token]/route';
import { PAY_REQUESTS_PER_MINUTE } from '@/lib/pay/limit';

let key = '';
let caller = 0;

beforeEach(async () => {
  await resetDatabase();
  await saveSettings({ underpaidTolerance: 0, overpaidTolerance: 0 }, 'test');
  key = (await createApiKey('Toko Berkah', 'test')).key;
  caller++;
});

async function createOrder(reference: string, amount: number) {
  const response = await orders.POST(
    new Request('http://toko.example:3000/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ reference, amount }),
    }),
  );
  expect(response.status).toBe(201);
  return (await response.json()) as { reference: string; payable_amount: number; pay_url: string };
}

/** The payment page's poll, as the customer's browser sends it (each test from its own address). */
const poll = (token: string, headers: Record<string, string> = {}) =>
  payStatus.GET(
    new Request(`http://toko.example:3000/api/pay/${token}`, { headers: { 'x-cocok-peer-address': `198.51.100.${caller}`, ...headers } }),
    {
      params: Promise.resolve({ token }),
    },
  );

describe("the customer's payment link", () => {
  test('the order API gives an unguessable link on this address, not the reference', async () => {
    const order = await createOrder('INV-PAY-1', 150_000);
    expect(order.pay_url).toMatch(/^http:\/\/toko\.example:3000\/pay\/[A-Za-z0-9_-]{38}$/);
    expect(order.pay_url).not.toContain('INV-PAY-1');
    const other = await createOrder('INV-PAY-2', 150_000);
    expect(other.pay_url).not.toBe(order.pay_url);
  });

  test('its status: waiting with the amount and expiry, 304 while unchanged, paid once the transfer is matched', async () => {
    const order = await createOrder('INV-PAY-3', 150_000);
    const token = order.pay_url.split('/').at(-1)!;
    const first = await poll(token);
    expect(first.status).toBe(200);
    const waiting = await first.json();
    expect(waiting).toMatchObject({ kind: 'waiting', due: String(order.payable_amount) });
    expect(Date.parse(waiting.expiresAt)).toBeGreaterThan(Date.now());
    const tag = first.headers.get('etag')!;
    expect((await poll(token, { 'if-none-match': tag })).status).toBe(304);

    await processMutations(await receiveTransfers({ amount: order.payable_amount }));
    const paid = await poll(token, { 'if-none-match': tag });
    expect(paid.status).toBe(200);
    expect(await paid.json()).toEqual({ kind: 'paid', received: String(order.payable_amount) });
  });

  test('paid short: what came in, and the rest to transfer', async () => {
    const order = await createOrder('INV-PAY-4', 150_000);
    await processMutations(await receiveTransfers({ amount: 150_000, description: 'TRSF INV-PAY-4' }));
    const [mutation] = await db().mutation.findMany({ select: { id: true } });
    const { matchTransfer } = await import('@/lib/reconcile/confirm-match');
    const { id } = await db().order.findUniqueOrThrow({ where: { referenceKey: 'INV-PAY-4' }, select: { id: true } });
    await matchTransfer({ mutationId: mutation!.id, orderId: id, actor: 'finance@test', acknowledged: true, reason: 'named the order' });
    const answer = await poll(order.pay_url.split('/').at(-1)!);
    expect(await answer.json()).toEqual({
      kind: 'underpaid',
      received: '150000',
      of: String(order.payable_amount),
      rest: String(order.payable_amount - 150_000),
    });
  });

  test.each([
    ['a tampered token', (token: string) => `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`],
    ['a made-up token', () => 'A'.repeat(38)],
    ['the reference', () => 'INV-PAY-5'],
  ])('%s is a plain 404', async (_label, change) => {
    const order = await createOrder('INV-PAY-5', 150_000);
    const answer = await poll(change(order.pay_url.split('/').at(-1)!));
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ error: 'not_found' });
  });

  test('one address polling far faster than a page does is told to wait', async () => {
    const order = await createOrder('INV-PAY-6', 150_000);
    const token = order.pay_url.split('/').at(-1)!;
    const statuses: number[] = [];
    for (let i = 0; i < PAY_REQUESTS_PER_MINUTE; i++) statuses.push((await poll(token)).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const limited = await poll(token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    caller++;
    expect((await poll(token)).status).toBe(200);
  });
});
