import { DomainError } from '@/lib/errors';
import { mustLockCredit, personAction, type MatchChange } from '@/lib/reconcile/person-action';
import { activePayments, writeMatches } from '@/lib/reconcile/store';

/** Sets a transfer aside as "not an order" (an owner's top-up, a refund), with a note saying what it is. */
export async function markNotAnOrder(input: { mutationId: string; actor: string; note: string }): Promise<MatchChange> {
  const note = input.note.trim();
  if (!note) throw new DomainError('invalid', 'notAnOrderNeedsNote');
  return personAction(async (tx) => {
    const mutation = await mustLockCredit(tx, input.mutationId);
    if (mutation.matchState === 'ignored') return { mutationIds: [mutation.id], changed: false };
    if ((await activePayments(tx, [mutation.id])).length > 0) throw new DomainError('conflict', 'transferPaysAnOrder');
    await writeMatches(tx, {
      states: [{ mutationId: mutation.id, changed: true, state: 'ignored', candidates: null, ignoredNote: note }],
      history: [{ actor: input.actor, action: 'marked_not_an_order', mutationId: mutation.id, reason: note }],
    });
    return { mutationIds: [mutation.id], changed: true };
  });
}
