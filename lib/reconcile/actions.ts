import { db, txExecutor, type Tx } from '@/lib/db';
import { DomainError, violatedConstraint } from '@/lib/errors';
import { Prisma, type MatchState } from '@/lib/generated/prisma/client';
import { recordHistory } from '@/lib/reconcile/history';
import { isPaid, settleOrders, statusForPaidAmount } from '@/lib/reconcile/ledger';
import { lockMutations, lockOrders, type LockedMutation, type LockedOrder } from '@/lib/reconcile/locks';
import type { Candidate } from '@/lib/reconcile/rules';

/**
 * What finance staff do in the work queue. Each runs in one transaction with its history entry,
 * locks mutations before orders (each in id order, as the worker does), and treats a repeat of
 * what is already true (a double click) as success.
 */

export interface Allocation {
  mutationId: string;
  orderId: string;
  amount: bigint;
}

export interface ActionResult {
  mutationIds: string[];
  changed: boolean;
}

const inTransaction = async <T>(work: (tx: Tx) => Promise<T>): Promise<T> => {
  try {
    return await db().$transaction(work);
  } catch (error) {
    const constraint = violatedConstraint(error);
    if (constraint === 'orders_open_payable_amount_key') {
      throw new DomainError('conflict', 'the order cannot be reopened: another open order now has the same payable amount; cancel that one first');
    }
    if (constraint?.startsWith('payments_')) {
      throw new DomainError('conflict', 'this transfer or order was matched by someone else just now; reload and try again');
    }
    throw error;
  }
};

async function mustLockMutations(tx: Tx, mutationIds: string[]): Promise<Map<string, LockedMutation>> {
  const mutations = new Map((await lockMutations(txExecutor(tx), mutationIds)).map((mutation) => [mutation.id, mutation]));
  for (const id of mutationIds) {
    const mutation = mutations.get(id);
    if (!mutation) throw new DomainError('not_found', 'this transfer does not exist');
    if (mutation.type !== 'CR') throw new DomainError('invalid', 'money going out (a debit) cannot pay an order');
  }
  return mutations;
}

const mustLockMutation = async (tx: Tx, mutationId: string) => (await mustLockMutations(tx, [mutationId])).get(mutationId)!;

async function mustLockOrders(tx: Tx, orderIds: string[]): Promise<Map<string, LockedOrder>> {
  const orders = new Map((await lockOrders(txExecutor(tx), orderIds)).map((order) => [order.id, order]));
  for (const id of orderIds) if (!orders.has(id)) throw new DomainError('not_found', 'this order does not exist');
  return orders;
}

const activePayments = (tx: Tx, where: Prisma.PaymentWhereInput) =>
  tx.payment.findMany({ where: { ...where, undoneAt: null }, orderBy: { createdAt: 'asc' } });

async function setState(tx: Tx, mutationId: string, matchState: MatchState, ignoredNote: string | null = null) {
  await tx.mutation.update({ where: { id: mutationId }, data: { matchState, matchCandidates: Prisma.DbNull, ignoredNote } });
}

/** Pays an order with the whole transfer: a confirmed suggestion, or a person's own choice. */
export async function matchMutationToOrder(
  input: { mutationId: string; orderId: string; actor: string; reason?: string | null; confirming?: boolean },
): Promise<ActionResult> {
  return inTransaction(async (tx) => {
    const mutation = await mustLockMutation(tx, input.mutationId);
    const existing = await activePayments(tx, { mutationId: mutation.id });
    if (existing.length === 1 && !existing[0]!.split && existing[0]!.orderId === input.orderId) {
      return { mutationIds: [mutation.id], changed: false };
    }
    if (existing.length > 0) throw new DomainError('conflict', 'this transfer is already matched; undo that match first');
    if (mutation.matchState === 'ignored') throw new DomainError('conflict', 'this transfer is marked "not an order"; undo that first');
    if (input.confirming) {
      const candidates = (mutation.matchCandidates ?? []) as Candidate[];
      if (!candidates.some((candidate) => candidate.orderId === input.orderId)) {
        throw new DomainError('conflict', 'this suggestion has changed since the page was loaded; reload and check again');
      }
    }
    const order = (await mustLockOrders(tx, [input.orderId])).get(input.orderId)!;
    if (order.status === 'cancelled') throw new DomainError('conflict', `order ${order.reference} is cancelled`);
    if (isPaid(order.status)) throw new DomainError('conflict', `order ${order.reference} is already ${order.status}; undo its payment first`);

    await tx.payment.create({ data: { mutationId: mutation.id, orderId: order.id, amount: mutation.amount, createdBy: input.actor } });
    await settleOrders(txExecutor(tx), [{ order, paidAmount: mutation.amount, status: statusForPaidAmount(mutation.amount, order.payableAmount) }], new Date());
    await setState(tx, mutation.id, 'matched');
    await recordHistory(txExecutor(tx), {
      actor: input.actor,
      action: input.confirming ? 'confirmed' : 'matched_by_hand',
      mutationId: mutation.id,
      orderId: order.id,
      reason: input.reason,
      details: { amount: String(mutation.amount) },
    });
    return { mutationIds: [mutation.id], changed: true };
  });
}

/**
 * Records partial payments: one transfer across several orders, several transfers onto one
 * order, or both. No transfer gives out more than it brought in.
 */
export async function splitPayment(input: { allocations: Allocation[]; actor: string; reason?: string | null }): Promise<ActionResult> {
  const { allocations } = input;
  if (allocations.length === 0) throw new DomainError('invalid', 'add at least one order to pay');
  const pairs = new Set(allocations.map((a) => `${a.mutationId}/${a.orderId}`));
  if (pairs.size !== allocations.length) throw new DomainError('invalid', 'each order may appear once per transfer');
  if (allocations.some((a) => a.amount <= 0n)) throw new DomainError('invalid', 'every amount must be more than Rp 0');

  return inTransaction(async (tx) => {
    const mutationIds = [...new Set(allocations.map((a) => a.mutationId))].sort();
    const mutations = await mustLockMutations(tx, mutationIds);
    const orders = await mustLockOrders(tx, [...new Set(allocations.map((a) => a.orderId))]);

    const allocatedBefore = new Map<string, bigint>();
    for (const mutation of mutations.values()) {
      if (mutation.matchState === 'ignored') throw new DomainError('conflict', 'a transfer marked "not an order" cannot be split');
      const payments = await activePayments(tx, { mutationId: mutation.id });
      if (payments.some((p) => !p.split)) throw new DomainError('conflict', 'a transfer is already matched whole; undo that match first');
      if (payments.some((p) => pairs.has(`${mutation.id}/${p.orderId}`))) {
        throw new DomainError('conflict', 'part of this split is already recorded; reload and check');
      }
      const before = payments.reduce((sum, p) => sum + p.amount, 0n);
      const adding = allocations.filter((a) => a.mutationId === mutation.id).reduce((sum, a) => sum + a.amount, 0n);
      if (before + adding > mutation.amount) {
        throw new DomainError('invalid', `the amounts add up to more than the transfer of Rp ${mutation.amount} (Rp ${mutation.amount - before} is left to allocate)`);
      }
      allocatedBefore.set(mutation.id, before);
    }
    for (const order of orders.values()) {
      if (order.status === 'cancelled') throw new DomainError('conflict', `order ${order.reference} is cancelled`);
      const whole = await tx.payment.count({ where: { orderId: order.id, undoneAt: null, split: false } });
      if (whole > 0) throw new DomainError('conflict', `order ${order.reference} is already paid by one transfer; undo that first`);
    }

    await tx.payment.createMany({
      data: allocations.map((a) => ({ mutationId: a.mutationId, orderId: a.orderId, amount: a.amount, split: true, createdBy: input.actor })),
    });
    await settleOrders(
      txExecutor(tx),
      [...orders.values()].map((order) => {
        const paid = order.paidAmount + allocations.filter((a) => a.orderId === order.id).reduce((sum, a) => sum + a.amount, 0n);
        return { order, paidAmount: paid, status: statusForPaidAmount(paid, order.payableAmount) };
      }),
      new Date(),
    );
    for (const mutation of mutations.values()) {
      const allocated = allocatedBefore.get(mutation.id)! + allocations.filter((a) => a.mutationId === mutation.id).reduce((s, a) => s + a.amount, 0n);
      await setState(tx, mutation.id, allocated === mutation.amount ? 'matched' : 'review');
    }
    await recordHistory(
      txExecutor(tx),
      allocations.map((a) => ({
        actor: input.actor,
        action: 'split' as const,
        mutationId: a.mutationId,
        orderId: a.orderId,
        reason: input.reason,
        details: { amount: String(a.amount) },
      })),
    );
    return { mutationIds, changed: true };
  });
}

/** Takes back every payment a transfer made; the orders reopen (or expire) and the transfer waits again. */
export async function undoMatch(input: { mutationId: string; actor: string; reason: string }): Promise<ActionResult> {
  const reason = input.reason.trim();
  if (!reason) throw new DomainError('invalid', 'say why the match is being undone');
  return inTransaction(async (tx) => {
    const mutation = await mustLockMutation(tx, input.mutationId);
    if (mutation.matchState === 'ignored') {
      await setState(tx, mutation.id, 'unmatched');
      await recordHistory(txExecutor(tx), { actor: input.actor, action: 'unmarked_not_an_order', mutationId: mutation.id, reason });
      return { mutationIds: [mutation.id], changed: true };
    }
    const payments = await activePayments(tx, { mutationId: mutation.id });
    if (payments.length === 0) return { mutationIds: [mutation.id], changed: false };
    const orders = await mustLockOrders(tx, payments.map((p) => p.orderId));
    const now = new Date();
    await tx.payment.updateMany({
      where: { id: { in: payments.map((p) => p.id) } },
      data: { undoneAt: now, undoneBy: input.actor, undoReason: reason },
    });
    await settleOrders(
      txExecutor(tx),
      payments.map((payment) => {
        const order = orders.get(payment.orderId)!;
        return { order, paidAmount: order.paidAmount - payment.amount, status: null };
      }),
      now,
    );
    await setState(tx, mutation.id, 'unmatched');
    await recordHistory(
      txExecutor(tx),
      payments.map((p) => ({
        actor: input.actor,
        action: 'undone' as const,
        mutationId: mutation.id,
        orderId: p.orderId,
        reason,
        details: { amount: String(p.amount) },
      })),
    );
    return { mutationIds: [mutation.id], changed: true };
  });
}

/** Sets a transfer aside as "not an order" (an owner's top-up, a refund), with a note saying what it is. */
export async function markNotAnOrder(input: { mutationId: string; actor: string; note: string }): Promise<ActionResult> {
  const note = input.note.trim();
  if (!note) throw new DomainError('invalid', 'add a note saying what this transfer is');
  return inTransaction(async (tx) => {
    const mutation = await mustLockMutation(tx, input.mutationId);
    if (mutation.matchState === 'ignored') return { mutationIds: [mutation.id], changed: false };
    if ((await activePayments(tx, { mutationId: mutation.id })).length > 0) {
      throw new DomainError('conflict', 'this transfer pays an order; undo that match first');
    }
    await setState(tx, mutation.id, 'ignored', note);
    await recordHistory(txExecutor(tx), { actor: input.actor, action: 'marked_not_an_order', mutationId: mutation.id, reason: note });
    return { mutationIds: [mutation.id], changed: true };
  });
}
