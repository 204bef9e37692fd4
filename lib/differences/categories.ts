/** Pure rules of accepted differences, safe in the browser and on the server. */
import type { OrderStatus } from '@/lib/reconcile/decide';

/** Where an accountant books an accepted difference. */
export const DIFFERENCE_CATEGORIES = ['bank_fee', 'customer_rounding', 'discount', 'refund_owed', 'other'] as const;
export type DifferenceCategory = (typeof DIFFERENCE_CATEGORIES)[number];

/** A shortfall is a cost (a bank fee, rounding, a discount given); money over is owed back or kept. */
const SHORT: readonly DifferenceCategory[] = ['bank_fee', 'customer_rounding', 'discount', 'other'];
const OVER: readonly DifferenceCategory[] = ['refund_owed', 'customer_rounding', 'other'];

/** The categories that fit a difference (paid minus payable): none for no difference. */
export function categoriesFor(difference: bigint): readonly DifferenceCategory[] {
  if (difference === 0n) return [];
  return difference < 0n ? SHORT : OVER;
}

/** What an order was paid short (negative) or over, while it is left underpaid or overpaid; null otherwise. */
export function openDifference(order: { status: OrderStatus; paidAmount: bigint; payableAmount: bigint }): bigint | null {
  if (order.status !== 'underpaid' && order.status !== 'overpaid') return null;
  const difference = order.paidAmount - order.payableAmount;
  return difference === 0n ? null : difference;
}
