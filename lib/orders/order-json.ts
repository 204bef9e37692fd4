import type { Order, OrderStatus } from '@/lib/generated/prisma/client';
import { rupiahToJson } from '@/lib/money';

/** An order as the store API shows it. */
export interface OrderJson {
  reference: string;
  amount: number;
  unique_code: number;
  payable_amount: number;
  status: OrderStatus;
  expires_at: string | null;
  paid_at: string | null;
  customer_name: string | null;
  paid_amount: number;
  created_at: string;
  /** The customer's payment page: a signed link, not the reference, so orders cannot be enumerated. */
  pay_url: string;
}

type OrderFields = Pick<
  Order,
  'reference' | 'amount' | 'uniqueCode' | 'payableAmount' | 'status' | 'expiresAt' | 'paidAt' | 'customerName' | 'paidAmount' | 'createdAt'
>;

export function orderJson(order: OrderFields, payUrl: string): OrderJson {
  return {
    reference: order.reference,
    amount: rupiahToJson(order.amount),
    unique_code: order.uniqueCode,
    payable_amount: rupiahToJson(order.payableAmount),
    status: order.status,
    expires_at: order.expiresAt?.toISOString() ?? null,
    paid_at: order.paidAt?.toISOString() ?? null,
    customer_name: order.customerName,
    paid_amount: rupiahToJson(order.paidAmount),
    created_at: order.createdAt.toISOString(),
    pay_url: payUrl,
  };
}
