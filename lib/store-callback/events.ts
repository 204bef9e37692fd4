import type { PaymentStatus } from '@/lib/reconcile/decide';

/**
 * What a store callback tells the store, one name per thing a store must tell apart: `order.paid`
 * means the order is paid in full (exactly or more), `order.underpaid` that money came in but not
 * enough, `order.unpaid` that a person undid a payment the store had heard of and the order is no
 * longer paid in full.
 */
export const ORDER_PAID = 'order.paid';
export const ORDER_UNDERPAID = 'order.underpaid';
export const ORDER_UNPAID = 'order.unpaid';

export type OrderPaymentEvent = typeof ORDER_PAID | typeof ORDER_UNDERPAID | typeof ORDER_UNPAID;

/** The statuses each event is sent with. */
export type StatusOf<E extends OrderPaymentEvent> = E extends typeof ORDER_PAID
  ? 'paid' | 'overpaid'
  : E extends typeof ORDER_UNDERPAID
    ? 'underpaid'
    : 'pending' | 'expired' | 'underpaid';

/** The events that tell a store money reached an order. */
export const MONEY_ARRIVED_EVENTS = [ORDER_PAID, ORDER_UNDERPAID] as const;

/** The event for an order money was allocated to. */
export function eventForStatus(status: PaymentStatus): OrderPaymentEvent {
  return status === 'underpaid' ? ORDER_UNDERPAID : ORDER_PAID;
}
