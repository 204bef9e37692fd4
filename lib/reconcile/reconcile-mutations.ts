import type { SqlExecutor } from '@/lib/db';
import { StatementBatch } from '@/lib/database/statement-batch';
import type { MatchState } from '@/lib/generated/prisma/client';
import { uuidv7 } from '@/lib/ids';
import { recordHistory, type HistoryInput } from '@/lib/reconcile/history';
import { newlyPaidOrderIds, writeSettlements, type Settlement } from '@/lib/reconcile/ledger';
import { lockCandidateOrders, type CandidateQuery, type LockedMutation, type LockedOrder } from '@/lib/reconcile/locks';
import { enqueueOrderPaidCallbacks } from '@/lib/store-callback/enqueue';
import { decideMatch, mutationReferenceTokens, type Decision, type MatchSettings } from '@/lib/reconcile/rules';

const SETTLED: ReadonlySet<MatchState> = new Set(['matched', 'ignored', 'debit']);

interface StateChange {
  mutation: LockedMutation;
  state: MatchState;
  candidates: unknown[] | null;
  history: Omit<HistoryInput, 'actor' | 'mutationId'> | null;
}

/**
 * Decides and applies the automatic match of locked mutations, in id order, as if one after the
 * other: an order the first of them pays is no longer open for the next. Pays the orders they
 * match, or records what a person has to decide. Mutations a person or an earlier run settled are
 * left alone (their decision is null). A fixed number of statements, however many mutations.
 * With `processedAt`, the same write also marks every one of them processed.
 */
export async function reconcileLockedMutations(
  sql: SqlExecutor,
  mutations: readonly LockedMutation[],
  settings: MatchSettings,
  options: { now?: Date; processedAt?: Date } = {},
): Promise<Map<string, Decision | null>> {
  const now = options.now ?? new Date();
  const decisions = new Map<string, Decision | null>();
  const open = [...mutations].sort((a, b) => (a.id < b.id ? -1 : 1)).filter((mutation) => {
    if (SETTLED.has(mutation.matchState)) decisions.set(mutation.id, null);
    return !SETTLED.has(mutation.matchState);
  });
  const credits = open.filter((mutation) => mutation.type === 'CR');
  const queries = new Map(credits.map((mutation) => [mutation.id, candidateQuery(mutation, settings)]));
  const candidates = indexCandidates(await lockCandidateOrders(sql, [...queries.values()]));

  const changes: StateChange[] = [];
  const payments: { mutationId: string; orderId: string; amount: bigint }[] = [];
  const settlements: Settlement[] = [];
  for (const mutation of open) {
    if (mutation.type === 'DB') {
      decisions.set(mutation.id, { kind: 'debit' });
      changes.push({ mutation, state: 'debit', candidates: null, history: null });
      continue;
    }
    const decision = decideMatch(mutation, candidates.for(queries.get(mutation.id)!), settings);
    decisions.set(mutation.id, decision);
    if (decision.kind === 'matched') {
      const order = candidates.byId.get(decision.orderId)!;
      payments.push({ mutationId: mutation.id, orderId: order.id, amount: mutation.amount });
      settlements.push({ order: { ...order }, paidAmount: mutation.amount, status: decision.orderStatus });
      // The next transfer in this batch sees the order as the database will: paid.
      order.status = decision.orderStatus;
      order.paidAmount = mutation.amount;
      changes.push({
        mutation,
        state: 'matched',
        candidates: null,
        history: { action: 'matched_automatically', orderId: order.id, details: { rule: decision.rule, orderStatus: decision.orderStatus } },
      });
    } else if (decision.kind === 'suggested') {
      const candidates = [{ orderId: decision.orderId, reasons: decision.reasons }];
      changes.push({ mutation, state: 'suggested', candidates, history: { action: 'suggested', details: { candidates } } });
    } else if (decision.kind === 'review') {
      const { candidates } = decision;
      changes.push({ mutation, state: 'review', candidates, history: { action: 'needs_review', details: { candidates } } });
    } else {
      changes.push({ mutation, state: 'unmatched', candidates: null, history: { action: 'left_unmatched' } });
    }
  }

  // The writes below do not read one another's effects: one statement, one round trip.
  const writes = new StatementBatch();
  if (payments.length > 0) {
    await writes.executeSql(
      `INSERT INTO payments (id, mutation_id, order_id, amount, created_by)
       SELECT *, 'system' FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[])`,
      [
        payments.map(() => uuidv7(now.getTime())),
        payments.map((payment) => payment.mutationId),
        payments.map((payment) => payment.orderId),
        payments.map((payment) => payment.amount),
      ],
    );
  }
  await writeSettlements(writes, settlements, now);
  await writeMatchStates(writes, mutations, changes, options.processedAt ?? null);
  await writes.run(sql);
  await enqueueOrderPaidCallbacks(sql, newlyPaidOrderIds(settlements));
  return decisions;
}

function candidateQuery(mutation: LockedMutation, settings: MatchSettings): CandidateQuery {
  const referenceKeys = mutationReferenceTokens(mutation);
  const orderKey = mutation.paymentOrderId?.trim().toUpperCase();
  if (orderKey) referenceKeys.push(orderKey);
  return {
    minAmount: mutation.amount - settings.overpaidTolerance,
    maxAmount: mutation.amount + settings.underpaidTolerance,
    referenceKeys,
  };
}

/**
 * The locked orders, looked up the way the database preselected them for each transfer: by payable
 * amount (sorted, for a range) and by reference key. `decideMatch` re-checks every fact.
 */
function indexCandidates(orders: readonly LockedOrder[]) {
  const byAmount = [...orders].sort((a, b) => (a.payableAmount < b.payableAmount ? -1 : a.payableAmount > b.payableAmount ? 1 : 0));
  const byKey = new Map(orders.map((order) => [order.reference.toUpperCase(), order]));
  const firstAtLeast = (amount: bigint) => {
    let low = 0;
    let high = byAmount.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (byAmount[middle]!.payableAmount < amount) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return {
    byId: new Map(orders.map((order) => [order.id, order])),
    for(query: CandidateQuery): LockedOrder[] {
      const found: LockedOrder[] = [];
      for (let i = firstAtLeast(query.minAmount); i < byAmount.length && byAmount[i]!.payableAmount <= query.maxAmount; i++) {
        found.push(byAmount[i]!);
      }
      for (const key of query.referenceKeys) {
        const order = byKey.get(key);
        if (order) found.push(order);
      }
      return found;
    },
  };
}

/**
 * Writes the changed match states (and, with `processedAt`, every mutation's processing state) in
 * one statement, and their history in another.
 */
async function writeMatchStates(
  sql: SqlExecutor,
  mutations: readonly LockedMutation[],
  changes: readonly StateChange[],
  processedAt: Date | null,
) {
  const changed = new Map(
    changes
      .filter(
        ({ mutation, state, candidates }) =>
          mutation.matchState !== state || JSON.stringify(mutation.matchCandidates ?? null) !== JSON.stringify(candidates),
      )
      .map((change) => [change.mutation.id, change]),
  );
  const rows = processedAt ? mutations : mutations.filter((mutation) => changed.has(mutation.id));
  if (rows.length === 0) return;
  await sql.executeSql(
    `UPDATE mutations SET
       match_state = CASE WHEN c.changed THEN c.state::match_state ELSE match_state END,
       match_candidates = CASE WHEN c.changed THEN c.candidates::jsonb ELSE match_candidates END,
       processing = CASE WHEN $5::timestamptz IS NULL THEN processing ELSE 'processed' END,
       processed_at = coalesce($5::timestamptz, processed_at),
       process_attempts = process_attempts + CASE WHEN $5::timestamptz IS NULL THEN 0 ELSE 1 END,
       process_error = CASE WHEN $5::timestamptz IS NULL THEN process_error END
     FROM unnest($1::uuid[], $2::boolean[], $3::text[], $4::text[]) AS c(id, changed, state, candidates)
     WHERE mutations.id = c.id AND mutations.id = ANY($1::uuid[])`,
    [
      rows.map((mutation) => mutation.id),
      rows.map((mutation) => changed.has(mutation.id)),
      rows.map((mutation) => changed.get(mutation.id)?.state ?? null),
      rows.map((mutation) => {
        const candidates = changed.get(mutation.id)?.candidates ?? null;
        return candidates === null ? null : JSON.stringify(candidates);
      }),
      processedAt,
    ],
  );
  await recordHistory(
    sql,
    [...changed.values()].flatMap(({ mutation, history }) => (history ? [{ actor: 'system', mutationId: mutation.id, ...history }] : [])),
  );
}
