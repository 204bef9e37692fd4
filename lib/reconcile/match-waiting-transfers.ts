import { inTransaction, poolExecutor } from '@/lib/db';
import type { Order } from '@/lib/generated/prisma/client';
import type { MatchSettings } from '@/lib/reconcile/decide';
import { matchAutomatically } from '@/lib/reconcile/match-automatically';
import { lockMutations, waitingCreditsFor } from '@/lib/reconcile/store';

const MAX_WAITING = 50;

/**
 * Matching does not depend on which came first: a new order looks for credits that arrived
 * shortly before it and are still waiting, and runs the same matching on each of them.
 */
export async function matchWaitingTransfers(order: Order, settings: MatchSettings): Promise<void> {
  const waiting = await waitingCreditsFor(poolExecutor(), {
    minAmount: order.payableAmount - settings.underpaidTolerance,
    maxAmount: order.payableAmount + settings.overpaidTolerance,
    referenceKey: order.referenceKey,
    since: new Date(order.createdAt.getTime() - settings.lateOrderMinutes * 60_000),
    limit: MAX_WAITING,
  });
  for (const id of waiting) {
    const matched = await inTransaction(async (tx) => {
      const mutations = await lockMutations(tx, [id]);
      if (mutations.length === 0) return false;
      const decision = (await matchAutomatically(tx, mutations, settings)).get(id);
      return decision?.kind === 'matched' && decision.orderId === order.id;
    });
    if (matched) return;
  }
}
