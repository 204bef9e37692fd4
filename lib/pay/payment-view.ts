/** What a customer's payment page says about an order, worked out from the order alone (pure). */
import type { OrderStatus } from '@/lib/reconcile/decide';

export type PaymentView =
  | { kind: 'waiting'; due: bigint; expiresAt: Date | null }
  | { kind: 'paid'; received: bigint }
  | { kind: 'underpaid'; received: bigint; of: bigint; rest: bigint }
  | { kind: 'overpaid'; received: bigint; of: bigint; over: bigint }
  | { kind: 'expired' }
  | { kind: 'cancelled' };

export interface PayableOrder {
  status: OrderStatus;
  payableAmount: bigint;
  paidAmount: bigint;
  expiresAt: Date | null;
}

/** An open order past its time is expired to the customer even before the worker closes it. */
export function paymentView(order: PayableOrder, now: Date): PaymentView {
  switch (order.status) {
    case 'pending':
      return order.expiresAt !== null && order.expiresAt <= now
        ? { kind: 'expired' }
        : { kind: 'waiting', due: order.payableAmount, expiresAt: order.expiresAt };
    case 'paid':
      return { kind: 'paid', received: order.paidAmount };
    case 'underpaid':
      return { kind: 'underpaid', received: order.paidAmount, of: order.payableAmount, rest: order.payableAmount - order.paidAmount };
    case 'overpaid':
      return { kind: 'overpaid', received: order.paidAmount, of: order.payableAmount, over: order.paidAmount - order.payableAmount };
    case 'expired':
      return { kind: 'expired' };
    case 'cancelled':
      return { kind: 'cancelled' };
  }
}

/**
 * A formatted amount cut before its last `digits` digits, so the unique code's digits can be set
 * apart ("Rp 150." and "123"); separators inside the tail stay in it.
 */
export function splitLastDigits(formatted: string, digits: number): [string, string] {
  let seen = 0;
  for (let index = formatted.length - 1; index >= 0; index--) {
    if (/\d/.test(formatted[index]!)) seen++;
    if (seen === digits) return [formatted.slice(0, index), formatted.slice(index)];
  }
  return ['', formatted];
}

/** A payment view as JSON (money as strings of integer rupiah, times as ISO 8601). */
export type PaymentViewJson = { kind: PaymentView['kind'] } & Partial<
  Record<'due' | 'received' | 'of' | 'rest' | 'over' | 'expiresAt', string | null>
>;

export function paymentViewJson(view: PaymentView): PaymentViewJson {
  const json: PaymentViewJson = { kind: view.kind };
  for (const [name, value] of Object.entries(view)) {
    if (typeof value === 'bigint') json[name as 'due'] = value.toString();
    else if (value instanceof Date) json[name as 'expiresAt'] = value.toISOString();
    else if (value === null) json[name as 'expiresAt'] = null;
  }
  return json;
}
