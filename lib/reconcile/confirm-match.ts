import { DomainError } from '@/lib/errors';
import { confirmDepartures } from '@/lib/reconcile/confirm-check';
import type { Candidate } from '@/lib/reconcile/decide';
import type { Transaction } from '@/lib/db';
import { mustLockCredit, mustLockOrders, personAction, type MatchChange } from '@/lib/reconcile/person-action';
import { ordersToAnnounce, settlementRows, statusForPaidAmount } from '@/lib/reconcile/settle-orders';
import { isPaid } from '@/lib/reconcile/states';
import { activePayments, writeMatches, type LockedMutation } from '@/lib/reconcile/store';
import { announceOrdersPaid } from '@/lib/reconcile/orders-paid';

const storedCandidates = (mutation: LockedMutation) => (Array.isArray(mutation.matchCandidates) ? (mutation.matchCandidates as Candidate[]) : []);

/**
 * Pays an order with the whole transfer. A confirmation when the matcher offered that order, a
 * match by hand otherwise; with `suggestionOnly`, refused when the order is no longer offered.
 */
export async function matchTransfer(input: MatchInput): Promise<MatchChange & { confirmed: boolean }> {
  return personAction((tx) => matchLocked(tx, input));
}

interface MatchInput {
  mutationId: string;
  orderId: string;
  actor: string;
  reason?: string | null;
  suggestionOnly?: boolean;
  /**
   * Whether the person acknowledged how this match departs from the exact rule (a different
   * amount, an order no longer open). `false` refuses such a match; `true` needs a reason. Left
   * out, nothing is asked: bulk confirmation asked in its own dialog.
   */
  acknowledged?: boolean;
}

async function matchLocked(tx: Transaction, input: MatchInput): Promise<MatchChange & { confirmed: boolean }> {
  const mutation = await mustLockCredit(tx, input.mutationId);
  const confirmed = storedCandidates(mutation).some((candidate) => candidate.orderId === input.orderId);
  const existing = await activePayments(tx, [mutation.id]);
  if (existing.length === 1 && !existing[0]!.split && existing[0]!.orderId === input.orderId) {
    return { mutationIds: [mutation.id], changed: false, confirmed };
  }
  if (existing.length > 0) throw new DomainError('conflict', 'transferAlreadyMatched');
  if (mutation.matchState === 'ignored') throw new DomainError('conflict', 'transferIsNotAnOrder');
  if (input.suggestionOnly && !confirmed) throw new DomainError('conflict', 'suggestionChanged');
  const order = (await mustLockOrders(tx, [input.orderId])).get(input.orderId)!;
  if (order.status === 'cancelled') throw new DomainError('conflict', 'orderCancelled', { reference: order.reference });
  if (isPaid(order.status)) throw new DomainError('conflict', 'orderAlreadyPaid', { reference: order.reference });
  const departures = confirmDepartures(mutation.amount, { ...order, orderId: order.id }).map((departure) => departure.kind);
  const reason = input.reason?.trim() || null;
  if (input.acknowledged !== undefined && departures.length > 0) {
    if (!input.acknowledged) throw new DomainError('conflict', 'matchNeedsAcknowledgement', { reference: order.reference });
    if (!reason) throw new DomainError('invalid', 'matchNeedsReason', { reference: order.reference });
  }

  const now = new Date();
  const settlements = [{ order, paidAmount: mutation.amount, status: statusForPaidAmount(mutation.amount, order.payableAmount) }];
  await writeMatches(tx, {
    newPayments: [{ mutationId: mutation.id, orderId: order.id, amount: mutation.amount, split: false, createdBy: input.actor }],
    settlements: settlementRows(settlements, now),
    states: [{ mutationId: mutation.id, changed: true, state: 'matched', candidates: null, ignoredNote: null }],
    history: [
      {
        actor: input.actor,
        action: confirmed ? 'confirmed' : 'matched_by_hand',
        mutationId: mutation.id,
        orderId: order.id,
        reason,
        details: { amount: String(mutation.amount), payable: String(order.payableAmount), ...(departures.length > 0 && { departures }) },
      },
    ],
  });
  await announceOrdersPaid(tx, ordersToAnnounce(settlements));
  return { mutationIds: [mutation.id], changed: true, confirmed };
}

export interface ConfirmSeveralResult {
  confirmed: string[];
  failed: { mutationId: string; error: DomainError }[];
}

/**
 * Confirms the top suggestion of each transfer, each on its own; says which went through and why
 * the others did not. With `answer` the person acknowledged the departures in one question: each
 * one that departs from the exact rule then needs its reason.
 */
export async function confirmSuggestions(
  mutationIds: readonly string[],
  actor: string,
  answer?: { reason: string | null },
): Promise<ConfirmSeveralResult> {
  const result: ConfirmSeveralResult = { confirmed: [], failed: [] };
  for (const mutationId of [...new Set(mutationIds)]) {
    try {
      await personAction(async (tx) => {
        const mutation = await mustLockCredit(tx, mutationId);
        const top = mutation.matchState === 'suggested' ? storedCandidates(mutation)[0] : undefined;
        if (!top) throw new DomainError('conflict', 'noSuggestionLeft');
        return matchLocked(tx, {
          mutationId,
          orderId: top.orderId,
          actor,
          suggestionOnly: true,
          ...(answer && { acknowledged: true, reason: answer.reason }),
        });
      });
      result.confirmed.push(mutationId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      result.failed.push({ mutationId, error });
    }
  }
  return result;
}
