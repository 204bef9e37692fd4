import type { PaymentStatus } from '@/lib/reconcile/decide';

/**
 * What a store callback tells the store, one name per thing a store must tell apart: `order.paid`
 * means the order is paid in full (exactly or more), `order.underpaid` that money came in but not
 * enough. An undone payment will be an event of its own (`order.unpaid`), never one of these.
 */
export const ORDER_PAID = 'order.paid';
export const ORDER_UNDERPAID = 'order.underpaid';

export type OrderPaymentEvent = typeof ORDER_PAID | typeof ORDER_UNDERPAID;

/** The statuses each event is sent with. */
export type StatusOf<E extends OrderPaymentEvent> = E extends typeof ORDER_PAID ? 'paid' | 'overpaid' : 'underpaid';

/** The event for an order money was allocated to. */
export function eventForStatus(status: PaymentStatus): OrderPaymentEvent {
  return status === 'underpaid' ? ORDER_UNDERPAID : ORDER_PAID;
}
