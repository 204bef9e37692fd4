import { inTransaction } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Order } from '@/lib/generated/prisma/client';
import { recordHistory } from '@/lib/reconcile/store';
import { lockOrders } from '@/lib/reconcile/store';
import { refuseUnstorableText } from '@/lib/text';
import { SYSTEM_ACTOR } from '@/lib/actors';

/** Cancels an open order; its payable amount stays held for `closedAmountHoldDays`. Cancelling twice is not an error. */
export async function cancelOrder(reference: string, actor: string, reason?: string | null): Promise<Order> {
  refuseUnstorableText({ reference, reason });
  return inTransaction(async (tx) => {
    const found = await tx.order.findUnique({ where: { referenceKey: reference.trim().toUpperCase() }, select: { id: true } });
    if (!found) throw new DomainError('not_found', 'orderReferenceNotFound', { reference });
    const [order] = await lockOrders(tx, [found.id]);
    if (order!.status === 'cancelled') return tx.order.findUniqueOrThrow({ where: { id: found.id } });
    if (order!.status !== 'pending' && order!.status !== 'expired') {
      throw new DomainError('conflict', 'orderCannotCancel', { reference });
    }
    const cancelled = await tx.order.update({ where: { id: found.id }, data: { status: 'cancelled', closedAt: new Date() } });
    await recordHistory(tx, { actor, action: 'order_cancelled', orderId: found.id, reason: reason ?? null });
    return cancelled;
  });
}

/** Expires open orders whose time has passed; returns how many. */
export async function expireOrders(now = new Date()): Promise<number> {
  return inTransaction(async (tx) => {
    const expired = await tx.$queryRaw<{ id: string }[]>`
      UPDATE orders SET status = 'expired', closed_at = ${now}
      WHERE id IN (SELECT id FROM orders WHERE status = 'pending' AND expires_at < ${now} ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    await recordHistory(
      tx,
      expired.map(({ id }) => ({ actor: SYSTEM_ACTOR, action: 'order_expired' as const, orderId: id })),
    );
    return expired.length;
  });
}
