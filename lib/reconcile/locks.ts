import type { Tx } from '@/lib/db';
import type { MatchState } from '@/lib/generated/prisma/client';
import type { MutationFacts, OrderFacts, OrderStatus } from '@/lib/reconcile/rules';

export interface LockedMutation extends MutationFacts {
  matchState: MatchState;
  matchCandidates: unknown;
  processing: 'received' | 'processed' | 'dead';
}

interface MutationRow {
  id: string;
  type: 'CR' | 'DB';
  amount: bigint;
  account_number: string;
  description: string;
  note: string | null;
  payment_order_id: string | null;
  received_at: Date;
  match_state: MatchState;
  match_candidates: unknown;
  processing: LockedMutation['processing'];
}

/** Locks a mutation row for the rest of the transaction; every change to its match goes through here. */
export async function lockMutation(tx: Tx, mutationId: string): Promise<LockedMutation | null> {
  const [row] = await tx.$queryRaw<MutationRow[]>`
    SELECT id, type::text AS type, amount, account_number, description, note, payment_order_id, received_at,
           match_state::text AS match_state, match_candidates, processing::text AS processing
    FROM mutations WHERE id = ${mutationId}::uuid FOR UPDATE`;
  if (!row) return null;
  return {
    id: row.id,
    type: row.type,
    amount: row.amount,
    accountNumber: row.account_number,
    description: row.description,
    note: row.note,
    paymentOrderId: row.payment_order_id,
    receivedAt: row.received_at,
    matchState: row.match_state,
    matchCandidates: row.match_candidates,
    processing: row.processing,
  };
}

interface OrderRow {
  id: string;
  reference: string;
  amount: bigint;
  unique_code: number;
  payable_amount: bigint;
  account_number: string | null;
  status: OrderStatus;
  created_at: Date;
  expires_at: Date | null;
  paid_amount: bigint;
}

export interface LockedOrder extends OrderFacts {
  paidAmount: bigint;
}

const toOrder = (row: OrderRow): LockedOrder => ({
  id: row.id,
  reference: row.reference,
  amount: row.amount,
  uniqueCode: row.unique_code,
  payableAmount: row.payable_amount,
  accountNumber: row.account_number,
  status: row.status,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  paidAmount: row.paid_amount,
});

const ORDER_COLUMNS = `id, reference, amount, unique_code, payable_amount, account_number, status::text AS status,
  created_at, expires_at, paid_amount`;

/**
 * Locks, in id order (so two workers cannot deadlock), the open orders this transfer could pay:
 * by VA order id, by payable amount within tolerance, or by a reference named in its text.
 * Rows another transaction paid meanwhile drop out when the lock is granted.
 */
export async function lockCandidateOrders(
  tx: Tx,
  mutation: MutationFacts,
  amountRange: { min: bigint; max: bigint },
  referenceKeys: string[],
): Promise<LockedOrder[]> {
  const rows = await tx.$queryRawUnsafe<OrderRow[]>(
    `SELECT ${ORDER_COLUMNS} FROM orders
     WHERE status = 'pending'
       AND (payable_amount BETWEEN $1 AND $2 OR reference_key = $3 OR reference_key = ANY($4::text[]))
     ORDER BY id FOR UPDATE`,
    amountRange.min,
    amountRange.max,
    mutation.paymentOrderId?.trim().toUpperCase() ?? '',
    referenceKeys,
  );
  return rows.map(toOrder);
}

/** Locks the given orders in id order. */
export async function lockOrders(tx: Tx, orderIds: string[]): Promise<LockedOrder[]> {
  if (orderIds.length === 0) return [];
  const rows = await tx.$queryRawUnsafe<OrderRow[]>(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [...new Set(orderIds)],
  );
  return rows.map(toOrder);
}
