import { DomainError } from '@/lib/errors';
import { mustLockCredit, mustLockOrders, personAction, type MatchChange } from '@/lib/reconcile/person-action';
import { settlementRows } from '@/lib/reconcile/settle-orders';
import { activePayments, writeMatches } from '@/lib/reconcile/store';

/** Takes back every payment a transfer made (or its "not an order"); the orders reopen (or expire) and the transfer waits again. */
export async function undoMatch(input: { mutationId: string; actor: string; reason: string }): Promise<MatchChange> {
  const reason = input.reason.trim();
  if (!reason) throw new DomainError('invalid', 'undoNeedsReason');
  return personAction(async (tx) => {
    const mutation = await mustLockCredit(tx, input.mutationId);
    const unmatched = { mutationId: mutation.id, changed: true, state: 'unmatched', candidates: null, ignoredNote: null } as const;
    if (mutation.matchState === 'ignored') {
      await writeMatches(tx, {
        states: [unmatched],
        history: [{ actor: input.actor, action: 'unmarked_not_an_order', mutationId: mutation.id, reason }],
      });
      return { mutationIds: [mutation.id], changed: true };
    }
    const payments = await activePayments(tx, [mutation.id]);
    if (payments.length === 0) return { mutationIds: [mutation.id], changed: false };
    const orders = await mustLockOrders(
      tx,
      payments.map((p) => p.orderId),
    );
    const now = new Date();
    const settlements = payments.map((payment) => {
      const order = orders.get(payment.orderId)!;
      return { order, paidAmount: order.paidAmount - payment.amount, status: null };
    });
    await writeMatches(tx, {
      undonePayments: { ids: payments.map((p) => p.id), at: now, by: input.actor, reason },
      settlements: settlementRows(settlements, now),
      states: [unmatched],
      history: payments.map((p) => ({
        actor: input.actor,
        action: 'undone',
        mutationId: mutation.id,
        orderId: p.orderId,
        reason,
        details: { amount: String(p.amount) },
      })),
    });
    return { mutationIds: [mutation.id], changed: true };
  });
}
