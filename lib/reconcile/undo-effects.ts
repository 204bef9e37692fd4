import type { OrderStatus } from '@/lib/reconcile/decide';
import { settlementRows } from '@/lib/reconcile/settle-orders';
import type { LockedOrder } from '@/lib/reconcile/store';

/** What undoing a transfer's match does to one order it paid. */
export interface UndoEffect {
  orderId: string;
  reference: string;
  statusBefore: OrderStatus;
  statusAfter: OrderStatus;
  paidBefore: bigint;
  paidAfter: bigint;
  /** The store was told this order was paid (or underpaid) and will be told, `order.unpaid`, that the money is gone. */
  storeTold: boolean;
  /** The difference a person accepted for this order (paid minus payable), taken back with the payment; null when none. */
  acceptedDifference: bigint | null;
}

/**
 * Per order a transfer paid: its status and paid amount now and after the undo, and whether the
 * store hears of it. `toldStore` holds the orders whose store last heard `order.paid` or
 * `order.underpaid` (and still has a callback configured). An order still paid in full after the
 * undo (an overpayment that shrank) has nothing new to tell.
 */
export function undoEffects(input: {
  payments: readonly { orderId: string; amount: bigint }[];
  orders: ReadonlyMap<string, LockedOrder>;
  toldStore: ReadonlySet<string>;
  /** The differences accepted for these orders, by order. */
  accepted?: ReadonlyMap<string, bigint>;
  now: Date;
}): UndoEffect[] {
  const taken = new Map<string, bigint>();
  for (const payment of input.payments) taken.set(payment.orderId, (taken.get(payment.orderId) ?? 0n) + payment.amount);
  return [...taken].map(([orderId, amount]) => {
    const order = input.orders.get(orderId);
    if (!order) throw new Error(`order ${orderId} of a payment being undone was not read`);
    const [after] = settlementRows([{ order, paidAmount: order.paidAmount - amount, status: null }], input.now);
    return {
      orderId,
      reference: order.reference,
      statusBefore: order.status,
      statusAfter: after!.status,
      paidBefore: order.paidAmount,
      paidAfter: after!.paid,
      storeTold: input.toldStore.has(orderId) && after!.status !== 'paid' && after!.status !== 'overpaid',
      acceptedDifference: input.accepted?.get(orderId) ?? null,
    };
  });
}

/** An effect as history keeps it and the page shows it (JSON: money as strings of integer rupiah). */
export interface UndoEffectRecord {
  reference: string;
  statusBefore: OrderStatus;
  statusAfter: OrderStatus;
  paidBefore: string;
  paidAfter: string;
  storeTold: boolean;
  acceptedDifference: string | null;
}

export const effectsForHistory = (effects: readonly UndoEffect[]): UndoEffectRecord[] =>
  effects.map((effect) => ({
    reference: effect.reference,
    statusBefore: effect.statusBefore,
    statusAfter: effect.statusAfter,
    paidBefore: String(effect.paidBefore),
    paidAfter: String(effect.paidAfter),
    storeTold: effect.storeTold,
    acceptedDifference: effect.acceptedDifference === null ? null : String(effect.acceptedDifference),
  }));
