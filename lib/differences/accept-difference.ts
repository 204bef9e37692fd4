import { DomainError } from '@/lib/errors';
import type { SqlExecutor, Transaction } from '@/lib/db';
import { uuidv7 } from '@/lib/ids';
import { categoriesFor, openDifference, type DifferenceCategory } from '@/lib/differences/categories';
import { mustLockOrders, personAction } from '@/lib/reconcile/person-action';
import { recordHistory } from '@/lib/reconcile/store';
import { enqueueOrderPaymentCallbacks } from '@/lib/store-callback/enqueue';
import { refuseUnstorableText } from '@/lib/text';

export interface AcceptDifferenceInput {
  orderId: string;
  category: DifferenceCategory;
  reason: string;
  actor: string;
}

/**
 * A person accepts what an underpaid or overpaid order was paid short or over: the order is paid
 * from then on, the difference is recorded with its category for the books, and a store that
 * heard "underpaid" now hears `order.paid` (one that heard of an overpayment already heard "paid").
 */
export async function acceptDifference(input: AcceptDifferenceInput): Promise<{ reference: string; amount: bigint }> {
  const reason = input.reason.trim();
  refuseUnstorableText({ reason });
  if (!reason) throw new DomainError('invalid', 'differenceNeedsReason');
  return personAction(async (tx) => {
    const order = (await mustLockOrders(tx, [input.orderId])).get(input.orderId)!;
    const amount = openDifference(order);
    if (amount === null) throw new DomainError('conflict', 'differenceNothingToAccept', { reference: order.reference });
    if (!categoriesFor(amount).includes(input.category)) throw new DomainError('invalid', 'differenceCategoryDoesNotFit');
    await tx.$executeRaw`
      INSERT INTO accepted_differences (id, order_id, amount, category, reason, accepted_by)
      VALUES (${uuidv7()}::uuid, ${order.id}::uuid, ${amount}, ${input.category}::difference_category, ${reason}, ${input.actor})`;
    await tx.$executeRaw`UPDATE orders SET status = 'paid' WHERE id = ${order.id}::uuid`;
    await recordHistory(tx, {
      actor: input.actor,
      action: 'difference_accepted',
      orderId: order.id,
      reason,
      details: { difference: String(amount), category: input.category, before: order.status },
    });
    if (order.status === 'underpaid') await enqueueOrderPaymentCallbacks(tx, [order.id]);
    return { reference: order.reference, amount };
  });
}

/** Takes back the accepted differences of these orders (their payments are being undone), in that transaction. */
export async function undoAcceptedDifferences(tx: Transaction, orderIds: readonly string[], actor: string, at: Date): Promise<void> {
  if (orderIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE accepted_differences SET undone_at = ${at}, undone_by = ${actor}
    WHERE order_id = ANY(${[...orderIds]}::uuid[]) AND undone_at IS NULL`;
}

/** The differences accepted for these orders that still hold, by order. */
export async function acceptedDifferences(sql: SqlExecutor, orderIds: readonly string[]): Promise<Map<string, bigint>> {
  if (orderIds.length === 0) return new Map();
  const { rows } = (await sql.executeSql(
    `SELECT order_id, amount::text AS amount FROM accepted_differences WHERE order_id = ANY($1::uuid[]) AND undone_at IS NULL`,
    [[...orderIds]],
  )) as { rows: { order_id: string; amount: string }[] };
  return new Map(rows.map((row) => [row.order_id, BigInt(row.amount)]));
}
