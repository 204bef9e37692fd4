import type { Tx } from '@/lib/db';
import { uuidv7 } from '@/lib/ids';
import { enqueueStoreCallbacks } from '@/lib/jobs/queue';
import { rupiahToJson } from '@/lib/money';
import { loadSettings } from '@/lib/settings/store';

export const ORDER_PAID = 'order.paid';

const PAID_STATUSES = new Set(['paid', 'underpaid', 'overpaid']);

/** The JSON body of an `order.paid` callback, exactly as the store receives it. */
export type OrderPaidPayload = {
  id: string;
  event: typeof ORDER_PAID;
  created_at: string;
  order: {
    reference: string;
    amount: number;
    unique_code: number;
    payable_amount: number;
    paid_amount: number;
    status: 'paid' | 'underpaid' | 'overpaid';
    paid_at: string | null;
    customer_name: string | null;
  };
  payments: {
    mutation_id: string;
    amount: number;
    account_number: string;
    bank_type: string | null;
    occurred_at: string;
  }[];
};

/**
 * Records an `order.paid` callback for each order and enqueues its delivery, in the transaction
 * that marks the orders paid: a callback exists if and only if that change commits. Does nothing
 * while no store callback is configured.
 */
export async function enqueueOrderPaidCallbacks(tx: Tx, orderIds: readonly string[]): Promise<void> {
  if (orderIds.length === 0 || !(await loadSettings()).storeCallback) return;

  const orders = await tx.order.findMany({
    where: { id: { in: [...orderIds] } },
    include: {
      payments: { where: { undoneAt: null }, include: { mutation: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    },
  });
  const createdAt = new Date();
  const callbacks = orders.map((order) => {
    if (!PAID_STATUSES.has(order.status)) {
      throw new Error(`order ${order.reference} is ${order.status}: only a paid, underpaid or overpaid order has an order.paid callback`);
    }
    // The payload carries the callback's own id, so the id is made here rather than by the database.
    const id = uuidv7(createdAt.getTime());
    const payload: OrderPaidPayload = {
      id,
      event: ORDER_PAID,
      created_at: createdAt.toISOString(),
      order: {
        reference: order.reference,
        amount: rupiahToJson(order.amount),
        unique_code: order.uniqueCode,
        payable_amount: rupiahToJson(order.payableAmount),
        paid_amount: rupiahToJson(order.paidAmount),
        status: order.status as OrderPaidPayload['order']['status'],
        paid_at: order.paidAt?.toISOString() ?? null,
        customer_name: order.customerName,
      },
      payments: order.payments.map((payment) => ({
        mutation_id: payment.mutation.mootaId,
        amount: rupiahToJson(payment.amount),
        account_number: payment.mutation.accountNumber,
        bank_type: payment.mutation.bankType,
        occurred_at: payment.mutation.occurredAt.toISOString(),
      })),
    };
    return { id, orderId: order.id, event: ORDER_PAID, payload, createdAt };
  });
  if (callbacks.length < new Set(orderIds).size) throw new Error('an order paid in this transaction no longer exists');
  await tx.storeCallback.createMany({ data: callbacks });
  await enqueueStoreCallbacks(tx, callbacks.map((callback) => callback.id));
}
