import type { SqlExecutor } from '@/lib/db';
import { uuidv7 } from '@/lib/ids';
import { enqueueStoreCallbacks } from '@/lib/jobs/queue';
import { rupiahToJson } from '@/lib/money';
import type { PaymentStatus } from '@/lib/reconcile/decide';
import { isPaid } from '@/lib/reconcile/states';
import { loadSettings } from '@/lib/settings/store';
import { eventForStatus, MONEY_ARRIVED_EVENTS, ORDER_UNPAID, type OrderPaymentEvent, type StatusOf } from '@/lib/store-callback/events';

export { ORDER_PAID, ORDER_UNDERPAID, ORDER_UNPAID } from '@/lib/store-callback/events';

/** The JSON body of an `order.paid`, `order.underpaid` or `order.unpaid` callback, exactly as the store receives it. */
export type OrderPaymentPayload = { [E in OrderPaymentEvent]: OrderPaymentBody<E> }[OrderPaymentEvent];

interface OrderPaymentBody<E extends OrderPaymentEvent> {
  id: string;
  event: E;
  created_at: string;
  order: {
    reference: string;
    amount: number;
    unique_code: number;
    payable_amount: number;
    paid_amount: number;
    status: StatusOf<E>;
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
}

interface PaidOrderRow {
  id: string;
  reference: string;
  amount: string | bigint;
  unique_code: number;
  payable_amount: string | bigint;
  paid_amount: string | bigint;
  status: string;
  paid_at: Date | null;
  customer_name: string | null;
  payments: { mutation_id: string; amount: string; account_number: string; bank_type: string | null; occurred_at: string }[];
}

/**
 * Records a callback for each order money was allocated to — `order.paid` when it is paid in full,
 * `order.underpaid` when not — and enqueues its delivery, in the transaction that changed the
 * orders: a callback exists if and only if that change commits. Does nothing while no store
 * callback is configured. Every callback about a payment is made here or in
 * `enqueueOrderUnpaidCallbacks` beside it.
 */
export async function enqueueOrderPaymentCallbacks(sql: SqlExecutor, orderIds: readonly string[]): Promise<void> {
  await recordCallbacks(sql, orderIds, (order) => {
    if (!isPaid(order.status)) {
      throw new Error(`order ${order.reference} is ${order.status}: only a paid, underpaid or overpaid order has a payment callback`);
    }
    return eventForStatus(order.status as PaymentStatus);
  });
}

/**
 * Tells the stores of these orders, `order.unpaid`, that a payment they heard of was undone: the
 * order's new status (open, expired, or underpaid by what is left) and paid amount. In the
 * transaction that undid it; nothing while no store callback is configured.
 */
export async function enqueueOrderUnpaidCallbacks(sql: SqlExecutor, orderIds: readonly string[]): Promise<void> {
  await recordCallbacks(sql, orderIds, (order) => {
    if (order.status === 'paid' || order.status === 'overpaid') {
      throw new Error(`order ${order.reference} is still ${order.status}: an order paid in full has no order.unpaid callback`);
    }
    return ORDER_UNPAID;
  });
}

/**
 * Among these orders, those whose store last heard that money reached them (`order.paid` or
 * `order.underpaid`, not since taken back by `order.unpaid`) and that a store callback would
 * reach now: the ones an undo must tell.
 */
export async function ordersToldPaid(sql: SqlExecutor, orderIds: readonly string[]): Promise<Set<string>> {
  if (orderIds.length === 0 || !(await loadSettings()).storeCallback) return new Set();
  const { rows } = (await sql.executeSql(
    `SELECT DISTINCT ON (order_id) order_id, event FROM store_callbacks
     WHERE order_id = ANY($1::uuid[]) AND event = ANY($2::text[])
     ORDER BY order_id, created_at DESC, id DESC`,
    [[...new Set(orderIds)], [...MONEY_ARRIVED_EVENTS, ORDER_UNPAID]],
  )) as { rows: { order_id: string; event: string }[] };
  return new Set(rows.filter((row) => row.event !== ORDER_UNPAID).map((row) => row.order_id));
}

async function recordCallbacks(sql: SqlExecutor, orderIds: readonly string[], eventOf: (order: PaidOrderRow) => OrderPaymentEvent): Promise<void> {
  if (orderIds.length === 0 || !(await loadSettings()).storeCallback) return;

  const { rows: orders } = (await sql.executeSql(
    `SELECT o.id, o.reference, o.amount, o.unique_code, o.payable_amount, o.paid_amount, o.status::text AS status,
            o.paid_at, o.customer_name,
            coalesce((SELECT jsonb_agg(jsonb_build_object(
                        'mutation_id', m.moota_id, 'amount', p.amount::text, 'account_number', m.account_number,
                        'bank_type', m.bank_type, 'occurred_at', m.occurred_at) ORDER BY p.created_at, p.id)
                      FROM payments p JOIN mutations m ON m.id = p.mutation_id
                      WHERE p.order_id = o.id AND p.undone_at IS NULL), '[]') AS payments
     FROM orders o WHERE o.id = ANY($1::uuid[])`,
    [[...new Set(orderIds)]],
  )) as { rows: PaidOrderRow[] };
  if (orders.length < new Set(orderIds).size) throw new Error('an order changed in this transaction no longer exists');

  const createdAt = new Date();
  const callbacks = orders.map((order) => {
    const event = eventOf(order);
    // The payload carries the callback's own id, so the id is made here rather than by the database.
    const id = uuidv7(createdAt.getTime());
    const payload = {
      id,
      event,
      created_at: createdAt.toISOString(),
      order: {
        reference: order.reference,
        amount: rupiahToJson(BigInt(order.amount)),
        unique_code: order.unique_code,
        payable_amount: rupiahToJson(BigInt(order.payable_amount)),
        paid_amount: rupiahToJson(BigInt(order.paid_amount)),
        status: order.status,
        paid_at: order.paid_at?.toISOString() ?? null,
        customer_name: order.customer_name,
      },
      payments: order.payments.map((payment) => ({
        mutation_id: payment.mutation_id,
        amount: rupiahToJson(BigInt(payment.amount)),
        account_number: payment.account_number,
        bank_type: payment.bank_type,
        occurred_at: new Date(payment.occurred_at).toISOString(),
      })),
    } as OrderPaymentPayload;
    return { id, orderId: order.id, payload };
  });
  await sql.executeSql(
    `INSERT INTO store_callbacks (id, order_id, event, payload, created_at)
     SELECT id, order_id, event, payload, $4::timestamptz
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $5::jsonb[]) AS c(id, order_id, event, payload)`,
    [
      callbacks.map((callback) => callback.id),
      callbacks.map((callback) => callback.orderId),
      callbacks.map((callback) => callback.payload.event),
      createdAt,
      callbacks.map((callback) => JSON.stringify(callback.payload)),
    ],
  );
  await enqueueStoreCallbacks(
    sql,
    callbacks.map((callback) => callback.id),
  );
}
