import type { PaymentStatus } from '@/lib/reconcile/decide';
import { isPaid } from '@/lib/reconcile/states';
import type { LockedOrder, OrderSettlementRow } from '@/lib/reconcile/store';

/** How a person's payment(s) leave an order: exact, short or over, no tolerance. */
export function statusForPaidAmount(paid: bigint, payable: bigint): PaymentStatus {
  if (paid === payable) return 'paid';
  return paid < payable ? 'underpaid' : 'overpaid';
}

export interface Settlement {
  /** Locked by this transaction. */
  order: LockedOrder;
  paidAmount: bigint;
  /** null: worked out from the paid amount. */
  status: PaymentStatus | null;
}

/**
 * Orders' new paid amounts and statuses. Losing every payment reopens an order, or expires it if
 * its time has passed; an order that was paid keeps the time it was first paid.
 */
export function settlementRows(settlements: readonly Settlement[], now: Date): OrderSettlementRow[] {
  return settlements.map(({ order, paidAmount, status }) => {
    if (paidAmount === 0n) {
      const expired = order.expiresAt !== null && order.expiresAt < now;
      return { id: order.id, paid: 0n, status: expired ? 'expired' : 'pending', paidAt: null, keepPaidAt: false, closedAt: expired ? now : null };
    }
    const next = status ?? statusForPaidAmount(paidAmount, order.payableAmount);
    return { id: order.id, paid: paidAmount, status: next, paidAt: now, keepPaidAt: isPaid(order.status), closedAt: null };
  });
}

/**
 * The orders whose store must hear of these settlements: those money now reaches that had none
 * (paid, underpaid or overpaid), and underpaid ones that got more (still short, or paid at last).
 * A paid order that gets more stays paid: nothing new to say.
 */
export function ordersToAnnounce(settlements: readonly Settlement[]): string[] {
  return settlements
    .filter(({ order, paidAmount }) => paidAmount > 0n && (!isPaid(order.status) || (order.status === 'underpaid' && paidAmount > order.paidAmount)))
    .map(({ order }) => order.id);
}
