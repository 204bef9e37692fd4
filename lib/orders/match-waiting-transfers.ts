import { db, inSqlTransaction } from '@/lib/db';
import type { Order } from '@/lib/generated/prisma/client';
import { lockMutation } from '@/lib/reconcile/locks';
import { reconcileLockedMutations } from '@/lib/reconcile/reconcile-mutations';
import type { MatchSettings } from '@/lib/reconcile/rules';

const MAX_WAITING = 50;

/**
 * Matching does not depend on which came first: a new order looks for credits that arrived
 * shortly before it and are still waiting, and runs the same matching on each of them.
 */
export async function matchWaitingTransfers(order: Order, settings: MatchSettings): Promise<void> {
  const since = new Date(order.createdAt.getTime() - settings.lateOrderMinutes * 60_000);
  const waiting = await db().$queryRaw<{ id: string }[]>`
    SELECT id FROM mutations
    WHERE type = 'CR' AND match_state IN ('pending', 'unmatched', 'suggested', 'review') AND received_at >= ${since}
      AND (amount BETWEEN ${order.payableAmount - settings.underpaidTolerance} AND ${order.payableAmount + settings.overpaidTolerance}
           OR upper(payment_order_id) = ${order.referenceKey}
           OR upper(description || ' ' || coalesce(note, '')) LIKE ${`%${order.referenceKey}%`})
    ORDER BY received_at LIMIT ${MAX_WAITING}`;
  for (const { id } of waiting) {
    const matched = await inSqlTransaction(async (sql) => {
      const mutation = await lockMutation(sql, id);
      if (!mutation) return false;
      const decision = (await reconcileLockedMutations(sql, [mutation], settings)).get(id);
      return decision?.kind === 'matched' && decision.orderId === order.id;
    });
    if (matched) return;
  }
}
