import type { SqlExecutor } from '@/lib/db';
import type { MatchState } from '@/lib/generated/prisma/client';
import type { MutationFacts, OrderFacts, OrderStatus } from '@/lib/reconcile/rules';

export interface LockedMutation extends MutationFacts {
  matchState: MatchState;
  matchCandidates: unknown;
  processing: 'received' | 'processed' | 'dead';
}

export interface MutationRow {
  id: string;
  type: 'CR' | 'DB';
  amount: bigint | string;
  account_number: string;
  description: string;
  note: string | null;
  payment_order_id: string | null;
  received_at: Date;
  match_state: MatchState;
  match_candidates: unknown;
  processing: LockedMutation['processing'];
}

/** The columns a mutation is matched on, as `mutationFromRow` reads them. */
export const MUTATION_COLUMNS = `id, type::text AS type, amount, account_number, description, note, payment_order_id, received_at,
  match_state::text AS match_state, match_candidates, processing::text AS processing`;

export const mutationFromRow = (row: MutationRow): LockedMutation => ({
  id: row.id,
  type: row.type,
  amount: BigInt(row.amount),
  accountNumber: row.account_number,
  description: row.description,
  note: row.note,
  paymentOrderId: row.payment_order_id,
  receivedAt: row.received_at,
  matchState: row.match_state,
  matchCandidates: row.match_candidates,
  processing: row.processing,
});

/**
 * Locks mutation rows, in id order, for the rest of the transaction; every change to a match goes
 * through here. Missing ids are left out.
 */
export async function lockMutations(sql: SqlExecutor, mutationIds: readonly string[]): Promise<LockedMutation[]> {
  if (mutationIds.length === 0) return [];
  const { rows } = (await sql.executeSql(
    `SELECT ${MUTATION_COLUMNS} FROM mutations WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [[...new Set(mutationIds)]],
  )) as { rows: MutationRow[] };
  return rows.map(mutationFromRow);
}

export async function lockMutation(sql: SqlExecutor, mutationId: string): Promise<LockedMutation | null> {
  return (await lockMutations(sql, [mutationId]))[0] ?? null;
}

export interface OrderRow {
  id: string;
  reference: string;
  amount: bigint | string;
  unique_code: number;
  payable_amount: bigint | string;
  account_number: string | null;
  status: OrderStatus;
  created_at: Date;
  expires_at: Date | null;
  paid_amount: bigint | string;
}

export interface LockedOrder extends OrderFacts {
  paidAmount: bigint;
}

export const orderFromRow = (row: OrderRow): LockedOrder => ({
  id: row.id,
  reference: row.reference,
  amount: BigInt(row.amount),
  uniqueCode: row.unique_code,
  payableAmount: BigInt(row.payable_amount),
  accountNumber: row.account_number,
  status: row.status,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  paidAmount: BigInt(row.paid_amount),
});

/** The columns an order is matched on, as `orderFromRow` reads them. */
export const ORDER_COLUMNS = `id, reference, amount, unique_code, payable_amount, account_number, status::text AS status,
  created_at, expires_at, paid_amount`;

/** What one transfer could pay: payable amounts in a range, or an order named by its reference key. */
export interface CandidateQuery {
  minAmount: bigint;
  maxAmount: bigint;
  referenceKeys: string[];
}

/**
 * Locks, in id order (so two workers cannot deadlock), the open orders any of these transfers
 * could pay. Rows another transaction paid meanwhile drop out when the lock is granted. The ids
 * are gathered first (`ANY(ARRAY(…))`) so that the rows are then reached through the primary key;
 * as `IN (…)` the planner misjudges the range join and walks the whole table.
 */
export async function lockCandidateOrders(sql: SqlExecutor, queries: readonly CandidateQuery[]): Promise<LockedOrder[]> {
  if (queries.length === 0) return [];
  const referenceKeys = [...new Set(queries.flatMap((query) => query.referenceKeys))];
  // Without a tolerance (the default) one index scan takes every amount; a range needs a join.
  const exact = queries.every((query) => query.minAmount === query.maxAmount);
  const byAmount = exact
    ? `SELECT id FROM orders WHERE status = 'pending' AND payable_amount = ANY($1::bigint[])`
    : `SELECT o.id FROM unnest($1::bigint[], $2::bigint[]) AS wanted(min_amount, max_amount)
         JOIN orders o ON o.status = 'pending' AND o.payable_amount BETWEEN wanted.min_amount AND wanted.max_amount`;
  const { rows } = (await sql.executeSql(
    `SELECT ${ORDER_COLUMNS} FROM orders
     WHERE status = 'pending' AND id = ANY(ARRAY(
       ${byAmount}
       UNION
       SELECT id FROM orders WHERE status = 'pending' AND reference_key = ANY($${exact ? 2 : 3}::text[])))
     ORDER BY id FOR UPDATE`,
    exact
      ? [[...new Set(queries.map((query) => query.minAmount))], referenceKeys]
      : [queries.map((query) => query.minAmount), queries.map((query) => query.maxAmount), referenceKeys],
  )) as { rows: OrderRow[] };
  return rows.map(orderFromRow);
}

/** Locks the given orders in id order. */
export async function lockOrders(sql: SqlExecutor, orderIds: string[]): Promise<LockedOrder[]> {
  if (orderIds.length === 0) return [];
  const { rows } = (await sql.executeSql(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [[...new Set(orderIds)]],
  )) as { rows: OrderRow[] };
  return rows.map(orderFromRow);
}
