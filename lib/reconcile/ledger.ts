import type { SqlExecutor } from '@/lib/db';
import type { LockedOrder } from '@/lib/reconcile/locks';
import type { PaymentStatus } from '@/lib/reconcile/rules';
import { enqueueOrderPaidCallbacks } from '@/lib/store-callback/enqueue';

const PAID: ReadonlySet<string> = new Set(['paid', 'underpaid', 'overpaid']);

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
 * Writes orders' new paid amounts and statuses (on locked rows), in one statement. Becoming paid
 * tells the store; losing every payment reopens an order, or expires it if its time has passed.
 */
export async function settleOrders(sql: SqlExecutor, settlements: readonly Settlement[], now: Date): Promise<void> {
  await writeSettlements(sql, settlements, now);
  await enqueueOrderPaidCallbacks(sql, newlyPaidOrderIds(settlements));
}

/** The orders' new paid amounts and statuses, as one UPDATE: the first half of `settleOrders`. */
export async function writeSettlements(sql: SqlExecutor, settlements: readonly Settlement[], now: Date): Promise<void> {
  if (settlements.length === 0) return;
  const rows = settlements.map(({ order, paidAmount, status }) => {
    if (paidAmount === 0n) {
      const expired = order.expiresAt !== null && order.expiresAt < now;
      return { id: order.id, paid: 0n, status: expired ? 'expired' : 'pending', paidAt: null, keepPaidAt: false, closedAt: expired ? now : null };
    }
    const next = status ?? statusForPaidAmount(paidAmount, order.payableAmount);
    return { id: order.id, paid: paidAmount, status: next, paidAt: now, keepPaidAt: PAID.has(order.status), closedAt: null };
  });
  // `orders.id = ANY($1)` lets the planner reach the rows through the primary key instead of hashing the whole table.
  await sql.executeSql(
    `UPDATE orders SET paid_amount = s.paid, status = s.status::order_status,
       paid_at = CASE WHEN s.keep_paid_at THEN orders.paid_at ELSE s.paid_at END, closed_at = s.closed_at
     FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::timestamptz[], $5::boolean[], $6::timestamptz[])
       AS s(id, paid, status, paid_at, keep_paid_at, closed_at)
     WHERE orders.id = s.id AND orders.id = ANY($1::uuid[])`,
    [
      rows.map((row) => row.id),
      rows.map((row) => row.paid),
      rows.map((row) => row.status),
      rows.map((row) => row.paidAt),
      rows.map((row) => row.keepPaidAt),
      rows.map((row) => row.closedAt),
    ],
  );
}

/**
 * The orders these settlements make paid (or under- or overpaid: any amount left does) that were
 * not: the store is told about them.
 */
export function newlyPaidOrderIds(settlements: readonly Settlement[]): string[] {
  return settlements.filter(({ order, paidAmount }) => paidAmount > 0n && !PAID.has(order.status)).map(({ order }) => order.id);
}

export const isPaid = (status: string) => PAID.has(status);
