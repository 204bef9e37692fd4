import { beforeEach, describe, expect, test } from 'vitest';
import { db } from '@/lib/db';
import { createOrder } from '@/lib/orders/create-order';
import { processMutations } from '@/lib/reconcile/process-mutations';
import { openOrdersToPractiseOn, practiceTransferState, sendPracticeTransfer, SANDBOX_SOURCE_ADDRESS } from '@/lib/sandbox/send-practice-transfer';
import { saveSettings } from '@/lib/settings/store';
import { resetDatabase } from '@/tests/support/database';

const SECRET = 'sandbox-test-secret';

const order = async (reference: string, amount: number) => (await createOrder({ reference, amount }, 'api', 'store')).order;

beforeEach(async () => {
  await resetDatabase();
  await db().setting.deleteMany();
  await saveSettings({ underpaidTolerance: 0, overpaidTolerance: 0, webhookSecrets: [SECRET] }, 'test');
});

describe('sendPracticeTransfer', () => {
  test('a practice VA transfer for an order pays it, in a sandbox account, stored like a signed webhook delivery', async () => {
    const made = await order('SBX-1001', 150_000);
    const sent = await sendPracticeTransfer({ kind: 'va', reference: 'sbx-1001' }, 'finance@test');
    expect(sent).toMatchObject({ reference: 'SBX-1001', amount: made.payableAmount });

    const stored = await db().mutation.findUniqueOrThrow({ where: { id: sent.mutationId }, include: { delivery: true } });
    expect(stored).toMatchObject({
      sandbox: true,
      bankId: 'sandbox-bniva',
      bankType: 'bniva',
      paymentOrderId: 'SBX-1001',
      amount: made.payableAmount,
      origin: 'webhook',
      processing: 'received',
    });
    expect(stored.delivery).toMatchObject({
      source: 'webhook',
      outcome: 'accepted',
      signature: 'valid',
      sourceAddress: SANDBOX_SOURCE_ADDRESS,
      accepted: 1,
    });
    const headers = stored.delivery.headers as Record<string, string>;
    expect(headers['x-cocok-sandbox-by']).toBe('finance@test');
    // Signed over the raw body with the webhook's secret; what is stored is redacted, as for Moota's deliveries.
    expect(headers.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.delivery.body).toContain('"payment_detail":{"order_id":"SBX-1001"');
    expect(await db().account.findUniqueOrThrow({ where: { mootaBankId: 'sandbox-bniva' } })).toMatchObject({
      sandbox: true,
      sandboxSetBy: 'moota',
      label: 'Sandbox BNI Virtual Account',
    });
    expect(await practiceTransferState(sent.mutationId)).toEqual({ matchState: 'pending', sandbox: true, order: null });

    await processMutations([sent.mutationId]);

    expect(await db().order.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({ status: 'paid', paidAmount: made.payableAmount });
    expect(await practiceTransferState(sent.mutationId)).toEqual({
      matchState: 'matched',
      sandbox: true,
      order: { reference: 'SBX-1001', status: 'paid' },
    });
  });

  test('a bank transfer of an order payable amount pays it by the amount alone', async () => {
    const made = await order('SBX-2001', 99_000);
    const sent = await sendPracticeTransfer({ kind: 'bank', reference: 'SBX-2001' }, 'owner@test');
    await processMutations([sent.mutationId]);
    expect((await practiceTransferState(sent.mutationId)).order).toEqual({ reference: 'SBX-2001', status: 'paid' });
    expect(await db().mutation.findUniqueOrThrow({ where: { id: sent.mutationId } })).toMatchObject({ bankId: 'sandbox-bca', sandbox: true });
    expect(await db().order.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({ status: 'paid' });
  });

  test('a bank transfer short of the payable amount is left for a person', async () => {
    await order('SBX-3001', 120_000);
    const sent = await sendPracticeTransfer({ kind: 'bank', reference: 'SBX-3001', short: 2_000n }, 'finance@test');
    await processMutations([sent.mutationId]);
    const state = await practiceTransferState(sent.mutationId);
    expect(state.order).toBeNull();
    expect(['suggested', 'review', 'unmatched']).toContain(state.matchState);
    expect(await db().order.findUniqueOrThrow({ where: { referenceKey: 'SBX-3001' } })).toMatchObject({ status: 'pending' });
  });

  test('two practice transfers sent at the same instant are two mutations', async () => {
    const now = new Date();
    const first = await sendPracticeTransfer({ kind: 'qris', amount: 25_000n }, 'finance@test', now);
    const second = await sendPracticeTransfer({ kind: 'qris', amount: 25_000n }, 'finance@test', now);
    expect(second.mutationId).not.toBe(first.mutationId);
    expect(await db().mutation.count({ where: { bankId: 'sandbox-qris', sandbox: true } })).toBe(2);
  });

  test('refuses an order that does not exist, storing nothing', async () => {
    await expect(sendPracticeTransfer({ kind: 'va', reference: 'NOPE-1' }, 'finance@test')).rejects.toMatchObject({ code: 'orderNotFound' });
    expect(await db().delivery.count()).toBe(0);
  });
});

describe('openOrdersToPractiseOn', () => {
  test('lists open orders newest first, by the start of their reference in any case', async () => {
    await order('SBX-1', 10_000);
    await order('SBX-2', 20_000);
    await order('OTHER-3', 30_000);
    await db().order.update({ where: { referenceKey: 'SBX-1' }, data: { createdAt: new Date('2026-01-01T00:00:00Z') } });
    await db().order.update({ where: { referenceKey: 'OTHER-3' }, data: { status: 'cancelled' } });
    expect((await openOrdersToPractiseOn()).map((o) => o.reference)).toEqual(['SBX-2', 'SBX-1']);
    expect((await openOrdersToPractiseOn('sbx-1')).map((o) => o.reference)).toEqual(['SBX-1']);
    expect(await openOrdersToPractiseOn('other')).toEqual([]);
  });
});
