import type { MatchState } from '@/lib/generated/prisma/client';
import type { OrderStatus } from '@/lib/reconcile/decide';

/** Credits a person has to decide on: the work queue. */
export const WAITING_FOR_PERSON = ['unmatched', 'suggested', 'review'] as const satisfies readonly MatchState[];

/** Credits still waiting for an order: not yet looked at, or waiting for a person. */
export const WAITING_FOR_ORDER = ['pending', ...WAITING_FOR_PERSON] as const satisfies readonly MatchState[];

/** Mutations the matcher leaves alone: a person or an earlier run settled them. */
export const SETTLED = ['matched', 'ignored', 'debit'] as const satisfies readonly MatchState[];

/** Orders that money has been allocated to, whether the amount was exact or not. */
export const PAID = ['paid', 'underpaid', 'overpaid'] as const satisfies readonly OrderStatus[];

const member =
  <T extends string>(group: readonly T[]) =>
  (value: string): value is T =>
    (group as readonly string[]).includes(value);

export const isWaitingForPerson = member(WAITING_FOR_PERSON);
export const isSettled = member(SETTLED);
export const isPaid = member(PAID);

/** A group as an SQL list literal, e.g. `('paid', 'underpaid', 'overpaid')`; the values are fixed names, never input. */
export const sqlList = (group: readonly string[]) => `(${group.map((value) => `'${value}'`).join(', ')})`;
