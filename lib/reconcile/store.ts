import type { SqlExecutor } from '@/lib/db';
import type { MatchState } from '@/lib/generated/prisma/client';
import { uuidv7 } from '@/lib/ids';
import type { ClosedOrderFacts, MutationFacts, OrderFacts, OrderStatus } from '@/lib/reconcile/decide';
import { WAITING_FOR_ORDER, sqlList } from '@/lib/reconcile/states';

/*
 * The reconcile domain's SQL and row mapping, used by the worker and by people's actions alike.
 * Plain SQL rather than Prisma: bench:match showed Prisma's per-row cost to be most of the
 * worker's time, and a batch's writes go out as one statement.
 */

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
  const { rows } = (await sql.executeSql(`SELECT ${MUTATION_COLUMNS} FROM mutations WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [
    [...new Set(mutationIds)],
  ])) as { rows: MutationRow[] };
  return rows.map(mutationFromRow);
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

/**
 * Expired or cancelled orders at exactly one of these payable amounts that closed at or after
 * `since`: they may still be waiting for a late transfer. Read, not locked; one probe of
 * `orders_closed_payable_amount_idx` per amount.
 */
export async function recentlyClosedOrders(sql: SqlExecutor, amounts: readonly bigint[], since: Date): Promise<ClosedOrderFacts[]> {
  if (amounts.length === 0) return [];
  const { rows } = (await sql.executeSql(
    `SELECT ${ORDER_COLUMNS}, closed_at FROM orders
     WHERE status IN ('expired', 'cancelled') AND payable_amount = ANY($1::bigint[]) AND closed_at >= $2`,
    [[...new Set(amounts)], since],
  )) as { rows: (OrderRow & { closed_at: Date })[] };
  return rows.map((row) => ({ ...orderFromRow(row), closedAt: row.closed_at }));
}

/** Reads the given orders without locking them (a preview; the change itself locks). */
export async function readOrders(sql: SqlExecutor, orderIds: readonly string[]): Promise<LockedOrder[]> {
  if (orderIds.length === 0) return [];
  const { rows } = (await sql.executeSql(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = ANY($1::uuid[])`, [[...new Set(orderIds)]])) as {
    rows: OrderRow[];
  };
  return rows.map(orderFromRow);
}

/** Locks the given orders in id order. */
export async function lockOrders(sql: SqlExecutor, orderIds: string[]): Promise<LockedOrder[]> {
  if (orderIds.length === 0) return [];
  const { rows } = (await sql.executeSql(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [
    [...new Set(orderIds)],
  ])) as { rows: OrderRow[] };
  return rows.map(orderFromRow);
}

export interface ActivePayment {
  id: string;
  mutationId: string;
  orderId: string;
  amount: bigint;
  split: boolean;
}

/** The payments not undone that these transfers made, oldest first. */
export async function activePayments(sql: SqlExecutor, mutationIds: readonly string[]): Promise<ActivePayment[]> {
  if (mutationIds.length === 0) return [];
  const { rows } = (await sql.executeSql(
    `SELECT id, mutation_id, order_id, amount, split FROM payments
     WHERE mutation_id = ANY($1::uuid[]) AND undone_at IS NULL ORDER BY created_at, id`,
    [[...new Set(mutationIds)]],
  )) as { rows: { id: string; mutation_id: string; order_id: string; amount: bigint | string; split: boolean }[] };
  return rows.map((row) => ({ id: row.id, mutationId: row.mutation_id, orderId: row.order_id, amount: BigInt(row.amount), split: row.split }));
}

/** Orders among these that one transfer pays whole. */
export async function ordersPaidWhole(sql: SqlExecutor, orderIds: readonly string[]): Promise<Set<string>> {
  if (orderIds.length === 0) return new Set();
  const { rows } = (await sql.executeSql(
    `SELECT DISTINCT order_id FROM payments WHERE order_id = ANY($1::uuid[]) AND undone_at IS NULL AND NOT split`,
    [[...new Set(orderIds)]],
  )) as { rows: { order_id: string }[] };
  return new Set(rows.map((row) => row.order_id));
}

/** Credits still waiting for an order that a new order could pay: near its amount, or naming its reference. */
export async function waitingCreditsFor(
  sql: SqlExecutor,
  query: { minAmount: bigint; maxAmount: bigint; referenceKey: string; since: Date; limit: number },
): Promise<string[]> {
  const { rows } = (await sql.executeSql(
    `SELECT id FROM mutations
     WHERE type = 'CR' AND match_state IN ${sqlList(WAITING_FOR_ORDER)} AND received_at >= $1
       AND (amount BETWEEN $2 AND $3 OR upper(payment_order_id) = $4 OR upper(description || ' ' || coalesce(note, '')) LIKE $5)
     ORDER BY received_at LIMIT $6`,
    [query.since, query.minAmount, query.maxAmount, query.referenceKey, `%${query.referenceKey}%`, query.limit],
  )) as { rows: { id: string }[] };
  return rows.map((row) => row.id);
}

/** What happened, in the merchant's words; stored as text so new actions need no migration. */
export type HistoryAction =
  | 'order_created'
  | 'order_cancelled'
  | 'order_expired'
  | 'matched_automatically'
  | 'suggested'
  | 'needs_review'
  | 'left_unmatched'
  | 'confirmed'
  | 'matched_by_hand'
  | 'split'
  | 'undone'
  | 'marked_not_an_order'
  | 'unmarked_not_an_order'
  | 'reprocess_requested'
  | 'difference_accepted';

export interface HistoryInput {
  actor: string;
  action: HistoryAction;
  mutationId?: string;
  orderId?: string;
  reason?: string | null;
  details?: Record<string, unknown>;
}

export interface NewPayment {
  mutationId: string;
  orderId: string;
  amount: bigint;
  split: boolean;
  createdBy: string;
}

/** An order's paid amount and status after a change, as `settlementRows` works them out. */
export interface OrderSettlementRow {
  id: string;
  paid: bigint;
  status: OrderStatus;
  paidAt: Date | null;
  keepPaidAt: boolean;
  closedAt: Date | null;
}

export interface MatchStateRow {
  mutationId: string;
  /** false: only the processing state is written. */
  changed: boolean;
  state: MatchState | null;
  candidates: unknown[] | null;
  ignoredNote: string | null;
}

/** Every write a change to matches makes; any part may be empty. */
export interface MatchWrites {
  newPayments?: readonly NewPayment[];
  undonePayments?: { ids: readonly string[]; at: Date; by: string; reason: string };
  settlements?: readonly OrderSettlementRow[];
  states?: readonly MatchStateRow[];
  /** Marks every mutation in `states` processed at this time. */
  processedAt?: Date | null;
  history?: readonly HistoryInput[];
}

// The writes do not read one another's effects, so they go as one statement: one round trip. A
// part with nothing to write is left out of it: a statement runs its tables' summary triggers even
// for no rows, and most transfers pay no order and undo no payment.
const WRITE_PARTS = {
  newPayments: `new_payments AS (
  INSERT INTO payments (id, mutation_id, order_id, amount, split, created_by)
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::boolean[], $6::text[]))`,
  undonePayments: `undone_payments AS (
  UPDATE payments SET undone_at = $1, undone_by = $2, undo_reason = $3 WHERE id = ANY($4::uuid[]))`,
  settlements: `settled_orders AS (
  UPDATE orders SET paid_amount = s.paid, status = s.status::order_status,
    paid_at = CASE WHEN s.keep_paid_at THEN orders.paid_at ELSE s.paid_at END, closed_at = s.closed_at
  FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::timestamptz[], $5::boolean[], $6::timestamptz[])
    AS s(id, paid, status, paid_at, keep_paid_at, closed_at)
  WHERE orders.id = s.id AND orders.id = ANY($1::uuid[]))`,
  states: `match_states AS (
  UPDATE mutations SET
    match_state = CASE WHEN c.changed THEN c.state::match_state ELSE match_state END,
    match_candidates = CASE WHEN c.changed THEN c.candidates::jsonb ELSE match_candidates END,
    ignored_note = CASE WHEN c.changed THEN c.note ELSE mutations.ignored_note END,
    processing = CASE WHEN $6::timestamptz IS NULL THEN processing ELSE 'processed' END,
    processed_at = coalesce($6::timestamptz, processed_at),
    process_attempts = process_attempts + CASE WHEN $6::timestamptz IS NULL THEN 0 ELSE 1 END,
    process_error = CASE WHEN $6::timestamptz IS NULL THEN process_error END
  FROM unnest($1::uuid[], $2::boolean[], $3::text[], $4::text[], $5::text[]) AS c(id, changed, state, candidates, note)
  WHERE mutations.id = c.id AND mutations.id = ANY($1::uuid[]))`,
  history: `history_entries AS (
  INSERT INTO history (id, actor, action, mutation_id, order_id, reason, details)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::jsonb[]))`,
} as const;

/** The parts that have something to write, as one statement, each part's parameters numbered after the ones before. */
function writeStatement(parts: readonly { part: keyof typeof WRITE_PARTS; values: unknown[] }[]) {
  let offset = 0;
  const ctes = parts.map(({ part, values }) => {
    const cte = WRITE_PARTS[part].replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    offset += values.length;
    return cte;
  });
  return { text: `WITH\n${ctes.join(',\n')}\nSELECT 1 AS done`, values: parts.flatMap((part) => part.values) };
}

// The reach through the primary key (`id = ANY(…)`) beside the join keeps the planner from hashing whole tables.
/** Writes payments, undone payments, orders' settlements, match states and history in one statement. */
export async function writeMatches(sql: SqlExecutor, writes: MatchWrites): Promise<void> {
  const payments = writes.newPayments ?? [];
  const settlements = writes.settlements ?? [];
  const states = writes.states ?? [];
  const history = writes.history ?? [];
  const undone = writes.undonePayments;
  const at = Date.now();
  const parts: { part: keyof typeof WRITE_PARTS; values: unknown[] }[] = [];
  if (payments.length > 0) {
    parts.push({
      part: 'newPayments',
      values: [
        payments.map(() => uuidv7(at)),
        payments.map((payment) => payment.mutationId),
        payments.map((payment) => payment.orderId),
        payments.map((payment) => payment.amount),
        payments.map((payment) => payment.split),
        payments.map((payment) => payment.createdBy),
      ],
    });
  }
  if (undone && undone.ids.length > 0) {
    parts.push({ part: 'undonePayments', values: [undone.at, undone.by, undone.reason, [...undone.ids]] });
  }
  if (settlements.length > 0) {
    parts.push({
      part: 'settlements',
      values: [
        settlements.map((row) => row.id),
        settlements.map((row) => row.paid),
        settlements.map((row) => row.status),
        settlements.map((row) => row.paidAt),
        settlements.map((row) => row.keepPaidAt),
        settlements.map((row) => row.closedAt),
      ],
    });
  }
  if (states.length > 0) {
    parts.push({
      part: 'states',
      values: [
        states.map((row) => row.mutationId),
        states.map((row) => row.changed),
        states.map((row) => row.state),
        states.map((row) => (row.candidates === null ? null : JSON.stringify(row.candidates))),
        states.map((row) => row.ignoredNote),
        writes.processedAt ?? null,
      ],
    });
  }
  if (history.length > 0) {
    parts.push({
      part: 'history',
      values: [
        history.map(() => uuidv7(at)),
        history.map((entry) => entry.actor),
        history.map((entry) => entry.action),
        history.map((entry) => entry.mutationId ?? null),
        history.map((entry) => entry.orderId ?? null),
        history.map((entry) => entry.reason ?? null),
        history.map((entry) => (entry.details === undefined ? null : JSON.stringify(entry.details))),
      ],
    });
  }
  if (parts.length === 0) return;
  const statement = writeStatement(parts);
  await sql.executeSql(statement.text, statement.values);
}

/** Appends history entries, in whatever transaction `sql` belongs to. */
export async function recordHistory(sql: SqlExecutor, entries: HistoryInput | readonly HistoryInput[]): Promise<void> {
  await writeMatches(sql, { history: Array.isArray(entries) ? entries : [entries as HistoryInput] });
}
