import { inTransaction, type Transaction } from '@/lib/db';
import { DomainError, violatedConstraint } from '@/lib/errors';
import { lockMutations, lockOrders, type LockedMutation, type LockedOrder } from '@/lib/reconcile/store';

/** What a person's action did: the transfers it touched, and whether anything changed (a double click changes nothing). */
export interface MatchChange {
  mutationIds: string[];
  changed: boolean;
}

/**
 * A person's action runs in one transaction with its history entry, and locks mutations before
 * orders (each in id order, as the worker does). A race lost to another person or the worker
 * comes back as a conflict to reload, not as an error.
 */
export async function personAction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(work);
  } catch (error) {
    const constraint = violatedConstraint(error);
    if (constraint === 'orders_open_payable_amount_key') throw new DomainError('conflict', 'orderCannotReopen');
    if (constraint?.startsWith('payments_')) throw new DomainError('conflict', 'matchedByOthers');
    throw error;
  }
}

/** Locks credits that can pay orders, or says why one cannot. */
export async function mustLockCredits(tx: Transaction, mutationIds: readonly string[]): Promise<Map<string, LockedMutation>> {
  const mutations = new Map((await lockMutations(tx, mutationIds)).map((mutation) => [mutation.id, mutation]));
  for (const id of mutationIds) {
    const mutation = mutations.get(id);
    if (!mutation) throw new DomainError('not_found', 'transferNotFound');
    if (mutation.type !== 'CR') throw new DomainError('invalid', 'debitCannotPay');
  }
  return mutations;
}

export async function mustLockCredit(tx: Transaction, mutationId: string): Promise<LockedMutation> {
  return (await mustLockCredits(tx, [mutationId])).get(mutationId)!;
}

export async function mustLockOrders(tx: Transaction, orderIds: readonly string[]): Promise<Map<string, LockedOrder>> {
  const orders = new Map((await lockOrders(tx, [...orderIds])).map((order) => [order.id, order]));
  for (const id of orderIds) if (!orders.has(id)) throw new DomainError('not_found', 'orderNotFound');
  return orders;
}
