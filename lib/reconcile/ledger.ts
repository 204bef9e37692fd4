import type { Tx } from '@/lib/db';
import type { LockedOrder } from '@/lib/reconcile/locks';
import type { PaymentStatus } from '@/lib/reconcile/rules';
import { enqueueOrderPaidCallback } from '@/lib/store-callback/enqueue';

const PAID: ReadonlySet<string> = new Set(['paid', 'underpaid', 'overpaid']);

/** How a person's payment(s) leave an order: exact, short or over, no tolerance. */
export function statusForPaidAmount(paid: bigint, payable: bigint): PaymentStatus {
  if (paid === payable) return 'paid';
  return paid < payable ? 'underpaid' : 'overpaid';
}

/**
 * Writes an order's new paid amount and status (on a locked row). Becoming paid tells the store;
 * losing every payment reopens it, or expires it if its time has passed.
 */
export async function settleOrder(
  tx: Tx,
  order: LockedOrder,
  paidAmount: bigint,
  status: PaymentStatus | null,
  now: Date,
): Promise<void> {
  if (paidAmount === 0n) {
    const expired = order.expiresAt !== null && order.expiresAt < now;
    await tx.order.update({
      where: { id: order.id },
      data: { paidAmount: 0n, paidAt: null, status: expired ? 'expired' : 'pending', closedAt: expired ? now : null },
    });
    return;
  }
  const next = status ?? statusForPaidAmount(paidAmount, order.payableAmount);
  await tx.order.update({
    where: { id: order.id },
    data: { paidAmount, status: next, paidAt: PAID.has(order.status) ? undefined : now, closedAt: null },
  });
  if (!PAID.has(order.status)) await enqueueOrderPaidCallback(tx, order.id);
}

export const isPaid = (status: string) => PAID.has(status);
