import type { SqlExecutor } from '@/lib/db';
import type { MatchState } from '@/lib/generated/prisma/client';
import { decideMatch, mutationReferenceTokens, type ClosedOrderFacts, type Decision, type MatchSettings } from '@/lib/reconcile/decide';
import { ordersToAnnounce, settlementRows, type Settlement } from '@/lib/reconcile/settle-orders';
import { isSettled } from '@/lib/reconcile/states';
import {
  lockCandidateOrders,
  recentlyClosedOrders,
  writeMatches,
  type CandidateQuery,
  type HistoryInput,
  type LockedMutation,
  type LockedOrder,
  type NewPayment,
} from '@/lib/reconcile/store';
import { announceOrdersPaid } from '@/lib/reconcile/orders-paid';
import { SYSTEM_ACTOR } from '@/lib/actors';

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
export async function matchAutomatically(
  sql: SqlExecutor,
  mutations: readonly LockedMutation[],
  settings: MatchSettings,
  options: { now?: Date; processedAt?: Date } = {},
): Promise<Map<string, Decision | null>> {
  const now = options.now ?? new Date();
  const decisions = new Map<string, Decision | null>();
  const open = [...mutations]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .filter((mutation) => {
      if (isSettled(mutation.matchState)) decisions.set(mutation.id, null);
      return !isSettled(mutation.matchState);
    });
  const credits = open.filter((mutation) => mutation.type === 'CR');
  const queries = new Map(credits.map((mutation) => [mutation.id, candidateQuery(mutation, settings)]));
  const candidates = indexCandidates(await lockCandidateOrders(sql, [...queries.values()]));
  const closed = await closedOrdersByAmount(sql, credits, settings);

  const changes: StateChange[] = [];
  const payments: NewPayment[] = [];
  const settlements: Settlement[] = [];
  for (const mutation of open) {
    if (mutation.type === 'DB') {
      decisions.set(mutation.id, { kind: 'debit' });
      changes.push({ mutation, state: 'debit', candidates: null, history: null });
      continue;
    }
    const decision = decideMatch(mutation, candidates.for(queries.get(mutation.id)!), settings, closed.get(mutation.amount));
    decisions.set(mutation.id, decision);
    if (decision.kind === 'matched') {
      const order = candidates.byId.get(decision.orderId)!;
      payments.push({ mutationId: mutation.id, orderId: order.id, amount: mutation.amount, split: false, createdBy: SYSTEM_ACTOR });
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

  const { states, history } = matchStateWrites(mutations, changes, options.processedAt ?? null);
  await writeMatches(sql, {
    newPayments: payments,
    settlements: settlementRows(settlements, now),
    states,
    processedAt: options.processedAt,
    history,
  });
  await announceOrdersPaid(sql, ordersToAnnounce(settlements));
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

/** Expired or cancelled orders that may still hold one of these transfers' amounts, by amount. */
async function closedOrdersByAmount(sql: SqlExecutor, credits: readonly LockedMutation[], settings: MatchSettings) {
  const byAmount = new Map<bigint, ClosedOrderFacts[]>();
  if (credits.length === 0 || settings.closedAmountHoldDays === 0) return byAmount;
  const earliest = Math.min(...credits.map((mutation) => mutation.receivedAt.getTime()));
  const since = new Date(earliest - settings.closedAmountHoldDays * 24 * 60 * 60_000);
  const amounts = credits.map((mutation) => mutation.amount);
  for (const order of await recentlyClosedOrders(sql, amounts, since)) {
    byAmount.set(order.payableAmount, [...(byAmount.get(order.payableAmount) ?? []), order]);
  }
  return byAmount;
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

/** The match states that changed (with `processedAt`, every mutation, to mark it processed) and their history. */
function matchStateWrites(mutations: readonly LockedMutation[], changes: readonly StateChange[], processedAt: Date | null) {
  const changed = new Map(
    changes
      .filter(
        ({ mutation, state, candidates }) =>
          mutation.matchState !== state || JSON.stringify(mutation.matchCandidates ?? null) !== JSON.stringify(candidates),
      )
      .map((change) => [change.mutation.id, change]),
  );
  const rows = processedAt ? mutations : mutations.filter((mutation) => changed.has(mutation.id));
  return {
    states: rows.map((mutation) => {
      const change = changed.get(mutation.id);
      return { mutationId: mutation.id, changed: !!change, state: change?.state ?? null, candidates: change?.candidates ?? null, ignoredNote: null };
    }),
    history: [...changed.values()].flatMap(({ mutation, history }): HistoryInput[] =>
      history ? [{ actor: SYSTEM_ACTOR, mutationId: mutation.id, ...history }] : [],
    ),
  };
}
