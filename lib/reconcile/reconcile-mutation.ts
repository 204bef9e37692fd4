import type { Tx } from '@/lib/db';
import { Prisma, type MatchState } from '@/lib/generated/prisma/client';
import { recordHistory, type HistoryAction } from '@/lib/reconcile/history';
import { settleOrder } from '@/lib/reconcile/ledger';
import { lockCandidateOrders, type LockedMutation } from '@/lib/reconcile/locks';
import { decideMatch, mutationReferenceTokens, type Decision, type MatchSettings } from '@/lib/reconcile/rules';

const SETTLED: ReadonlySet<MatchState> = new Set(['matched', 'ignored', 'debit']);

/**
 * Decides and applies the automatic match of one locked mutation: pays the order it matches, or
 * records what a person has to decide. A mutation a person or an earlier run settled is left alone.
 */
export async function reconcileLockedMutation(
  tx: Tx,
  mutation: LockedMutation,
  settings: MatchSettings,
  now = new Date(),
): Promise<Decision | null> {
  if (SETTLED.has(mutation.matchState)) return null;
  if (mutation.type === 'DB') {
    await tx.mutation.update({ where: { id: mutation.id }, data: { matchState: 'debit' } });
    return { kind: 'debit' };
  }

  const orders = await lockCandidateOrders(
    tx,
    mutation,
    { min: mutation.amount - settings.overpaidTolerance, max: mutation.amount + settings.underpaidTolerance },
    mutationReferenceTokens(mutation),
  );
  const decision = decideMatch(mutation, orders, settings);

  if (decision.kind === 'matched') {
    const order = orders.find((o) => o.id === decision.orderId)!;
    await tx.payment.create({
      data: { mutationId: mutation.id, orderId: order.id, amount: mutation.amount, createdBy: 'system' },
    });
    await settleOrder(tx, order, mutation.amount, decision.orderStatus, now);
    await setMatchState(tx, mutation, 'matched', null, {
      action: 'matched_automatically',
      orderId: order.id,
      details: { rule: decision.rule, orderStatus: decision.orderStatus },
    });
    return decision;
  }

  const [state, candidates, action]: [MatchState, Prisma.InputJsonValue | null, HistoryAction] =
    decision.kind === 'suggested'
      ? ['suggested', [{ orderId: decision.orderId, reasons: decision.reasons }], 'suggested']
      : decision.kind === 'review'
        ? ['review', decision.candidates as unknown as Prisma.InputJsonValue, 'needs_review']
        : ['unmatched', null, 'left_unmatched'];
  await setMatchState(tx, mutation, state, candidates, { action });
  return decision;
}

async function setMatchState(
  tx: Tx,
  mutation: LockedMutation,
  state: MatchState,
  candidates: Prisma.InputJsonValue | null,
  history: { action: HistoryAction; orderId?: string; details?: Prisma.InputJsonValue },
) {
  const unchanged =
    mutation.matchState === state && JSON.stringify(mutation.matchCandidates ?? null) === JSON.stringify(candidates);
  if (unchanged) return;
  await tx.mutation.update({
    where: { id: mutation.id },
    data: { matchState: state, matchCandidates: candidates ?? Prisma.DbNull },
  });
  await recordHistory(tx, {
    actor: 'system',
    action: history.action,
    mutationId: mutation.id,
    orderId: history.orderId,
    details: history.details ?? (candidates === null ? undefined : { candidates }),
  });
}
