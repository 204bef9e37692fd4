import { randomUUID } from 'node:crypto';
import { storeAcceptedDelivery } from '@/lib/intake/store-delivery';
import { parseDelivery } from '@/lib/moota/payload';

let counter = 0;

export interface TestTransfer {
  amount: bigint | number;
  type?: 'CR' | 'DB';
  description?: string;
  note?: string | null;
  /** An account named here is its own Moota account (`bnk_<number>`); without one, `bnk_test`. */
  accountNumber?: string;
  bankId?: string;
  paymentOrderId?: string;
  mootaId?: string;
  /** The bank's date and time as Moota sends it (Jakarta); without one, 2026-11-28 10:00:00. */
  date?: string;
}

/** A Moota-shaped mutation, stored the way the webhook stores it. Returns the mutation ids. */
export async function receiveTransfers(...transfers: TestTransfer[]): Promise<string[]> {
  const body = transfers.map((t) => ({
    mutation_id: t.mootaId ?? `test-${++counter}-${randomUUID().slice(0, 8)}`,
    bank_id: t.bankId ?? (t.accountNumber ? `bnk_${t.accountNumber}` : 'bnk_test'),
    account_number: t.accountNumber ?? '8730112233',
    date: t.date ?? '2026-11-28 10:00:00',
    description: t.description ?? 'TRSF E-BANKING CR',
    note: t.note ?? null,
    amount: Number(t.amount),
    type: t.type ?? 'CR',
    balance: 0,
    ...(t.paymentOrderId && { payment_detail: { order_id: t.paymentOrderId } }),
  }));
  const parsed = parseDelivery(body);
  if (!parsed.ok) throw new Error(parsed.error);
  await storeAcceptedDelivery(
    { receivedAt: new Date(), sourceAddress: '127.0.0.1', headers: {}, bodyBytes: 0 },
    JSON.stringify(body),
    parsed.mutations,
  );
  const { db } = await import('@/lib/db');
  const rows = await db().mutation.findMany({ where: { mootaId: { in: body.map((m) => m.mutation_id) } }, select: { id: true, mootaId: true } });
  return body.map((m) => rows.find((r) => r.mootaId === m.mutation_id)!.id);
}
