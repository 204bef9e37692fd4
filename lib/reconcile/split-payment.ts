import { DomainError } from '@/lib/errors';
import { formatRupiah } from '@/lib/money';
import { mustLockCredits, mustLockOrders, personAction, type MatchChange } from '@/lib/reconcile/person-action';
import { ordersToAnnounce, settlementRows, statusForPaidAmount } from '@/lib/reconcile/settle-orders';
import { activePayments, ordersPaidWhole, writeMatches } from '@/lib/reconcile/store';
import { announceOrdersPaid } from '@/lib/reconcile/orders-paid';

export interface Allocation {
  mutationId: string;
  orderId: string;
  amount: bigint;
}

const sum = (amounts: readonly { amount: bigint }[]) => amounts.reduce((total, item) => total + item.amount, 0n);

/**
 * Records partial payments: one transfer across several orders, several transfers onto one
 * order, or both. No transfer gives out more than it brought in.
 */
export async function splitPayment(input: { allocations: Allocation[]; actor: string; reason?: string | null }): Promise<MatchChange> {
  const { allocations } = input;
  if (allocations.length === 0) throw new DomainError('invalid', 'splitNeedsAnOrder');
  const pairs = new Set(allocations.map((a) => `${a.mutationId}/${a.orderId}`));
  if (pairs.size !== allocations.length) throw new DomainError('invalid', 'splitOrderTwice');
  if (allocations.some((a) => a.amount <= 0n)) throw new DomainError('invalid', 'splitAmountNotPositive');

  return personAction(async (tx) => {
    const mutationIds = [...new Set(allocations.map((a) => a.mutationId))].sort();
    const mutations = await mustLockCredits(tx, mutationIds);
    const orders = await mustLockOrders(tx, [...new Set(allocations.map((a) => a.orderId))]);
    const payments = await activePayments(tx, mutationIds);

    const allocatedAfter = new Map<string, bigint>();
    for (const mutation of mutations.values()) {
      if (mutation.matchState === 'ignored') throw new DomainError('conflict', 'splitNotAnOrder');
      const made = payments.filter((p) => p.mutationId === mutation.id);
      if (made.some((p) => !p.split)) throw new DomainError('conflict', 'splitAlreadyMatchedWhole');
      if (made.some((p) => pairs.has(`${mutation.id}/${p.orderId}`))) throw new DomainError('conflict', 'splitPartRecorded');
      const before = sum(made);
      const after = before + sum(allocations.filter((a) => a.mutationId === mutation.id));
      if (after > mutation.amount) {
        throw new DomainError('invalid', 'splitTooMuch', { amount: formatRupiah(mutation.amount), left: formatRupiah(mutation.amount - before) });
      }
      allocatedAfter.set(mutation.id, after);
    }
    const paidWhole = await ordersPaidWhole(tx, [...orders.keys()]);
    for (const order of orders.values()) {
      if (order.status === 'cancelled') throw new DomainError('conflict', 'orderCancelled', { reference: order.reference });
      if (paidWhole.has(order.id)) throw new DomainError('conflict', 'orderPaidWhole', { reference: order.reference });
    }

    const now = new Date();
    const settlements = [...orders.values()].map((order) => {
      const paid = order.paidAmount + sum(allocations.filter((a) => a.orderId === order.id));
      return { order, paidAmount: paid, status: statusForPaidAmount(paid, order.payableAmount) };
    });
    await writeMatches(tx, {
      newPayments: allocations.map((a) => ({ ...a, split: true, createdBy: input.actor })),
      settlements: settlementRows(settlements, now),
      states: [...mutations.values()].map((mutation) => ({
        mutationId: mutation.id,
        changed: true,
        state: allocatedAfter.get(mutation.id) === mutation.amount ? 'matched' : 'review',
        candidates: null,
        ignoredNote: null,
      })),
      history: allocations.map((a) => ({
        actor: input.actor,
        action: 'split',
        mutationId: a.mutationId,
        orderId: a.orderId,
        reason: input.reason,
        details: { amount: String(a.amount) },
      })),
    });
    await announceOrdersPaid(tx, ordersToAnnounce(settlements));
    return { mutationIds, changed: true };
  });
}
