import { poolExecutor, type SqlExecutor } from '@/lib/db';
import { acceptedDifferences, undoAcceptedDifferences } from '@/lib/differences/accept-difference';
import { DomainError } from '@/lib/errors';
import { mustLockCredit, mustLockOrders, personAction, type MatchChange } from '@/lib/reconcile/person-action';
import { settlementRows } from '@/lib/reconcile/settle-orders';
import { activePayments, readOrders, writeMatches, type ActivePayment, type LockedOrder } from '@/lib/reconcile/store';
import { effectsForHistory, undoEffects, type UndoEffect } from '@/lib/reconcile/undo-effects';
import { enqueueOrderUnpaidCallbacks, ordersToldPaid } from '@/lib/store-callback/enqueue';

/** What undoing a transfer's match would do, shown before a person confirms it. */
export type UndoPreview = { kind: 'payments'; effects: UndoEffect[] } | { kind: 'notAnOrder'; note: string | null } | { kind: 'nothing' };

async function effectsOf(sql: SqlExecutor, payments: readonly ActivePayment[], orders: ReadonlyMap<string, LockedOrder>, now: Date) {
  const toldStore = await ordersToldPaid(sql, [...orders.keys()]);
  return undoEffects({ payments, orders, toldStore, accepted: await acceptedDifferences(sql, [...orders.keys()]), now });
}

/** The preview of `undoMatch`, read without locking; the undo itself works it out again on locked rows. */
export async function previewUndo(mutationId: string, now = new Date()): Promise<UndoPreview> {
  const sql = poolExecutor();
  const { rows } = (await sql.executeSql(`SELECT match_state::text AS match_state, ignored_note FROM mutations WHERE id = $1::uuid AND type = 'CR'`, [
    mutationId,
  ])) as { rows: { match_state: string; ignored_note: string | null }[] };
  const mutation = rows[0];
  if (!mutation) throw new DomainError('not_found', 'transferNotFound');
  if (mutation.match_state === 'ignored') return { kind: 'notAnOrder', note: mutation.ignored_note };
  const payments = await activePayments(sql, [mutationId]);
  if (payments.length === 0) return { kind: 'nothing' };
  const orders = new Map(
    (
      await readOrders(
        sql,
        payments.map((p) => p.orderId),
      )
    ).map((order) => [order.id, order]),
  );
  return { kind: 'payments', effects: await effectsOf(sql, payments, orders, now) };
}

/**
 * Takes back every payment a transfer made (or its "not an order"), automatic or by hand; the
 * orders reopen (or expire), the transfer waits again, and a store that heard the order was paid
 * hears `order.unpaid`. History records the reason and, per order, what the undo changed.
 */
export async function undoMatch(input: { mutationId: string; actor: string; reason: string }): Promise<MatchChange & { effects: UndoEffect[] }> {
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
      return { mutationIds: [mutation.id], changed: true, effects: [] };
    }
    const payments = await activePayments(tx, [mutation.id]);
    if (payments.length === 0) return { mutationIds: [mutation.id], changed: false, effects: [] };
    const orders = await mustLockOrders(
      tx,
      payments.map((p) => p.orderId),
    );
    const now = new Date();
    const effects = await effectsOf(tx, payments, orders, now);
    const settlements = payments.map((payment) => {
      const order = orders.get(payment.orderId)!;
      return { order, paidAmount: order.paidAmount - payment.amount, status: null };
    });
    const byOrder = new Map(effectsForHistory(effects).map((effect, index) => [effects[index]!.orderId, effect]));
    await undoAcceptedDifferences(tx, [...orders.keys()], input.actor, now);
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
        details: { amount: String(p.amount), ...byOrder.get(p.orderId) },
      })),
    });
    await enqueueOrderUnpaidCallbacks(
      tx,
      effects.filter((effect) => effect.storeTold).map((effect) => effect.orderId),
    );
    return { mutationIds: [mutation.id], changed: true, effects };
  });
}
