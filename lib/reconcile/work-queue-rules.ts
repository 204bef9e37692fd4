/** Pure helpers of the finance work queue, safe to use in the browser and on the server. */
import { z } from 'zod';
import { searchedAmount } from '@/lib/money';
import { WAITING_FOR_PERSON } from '@/lib/reconcile/states';
import { amountRangeParams, dayRangeParams, pageParams, textParam, toQuery } from '@/lib/search-params';
import { jakartaDay } from '@/lib/time/jakarta';
import { isUuid } from '@/lib/uuid';

/** The transfers' order in the queue: by the bank's time, oldest or newest first, or largest amount first. */
export const QUEUE_SORTS = ['oldest', 'newest', 'amount'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export type QueueState = (typeof WAITING_FOR_PERSON)[number];

/** What the queue is narrowed to; days are Jakarta calendar days of the bank's date. */
export interface QueueFilters {
  /** One of the states waiting for a person; none means all three. */
  state?: QueueState;
  /** The account's Moota bank id. */
  account?: string;
  from?: string;
  to?: string;
  min?: bigint;
  max?: bigint;
  /** An amount in any form people type it ("150.615", "150rb"), or words found in the description or note. */
  q?: string;
  sort: QueueSort;
}

/** The queue's filters as the page's URL holds them; what makes no sense is left out. */
export const queueFilterParams = z.object({
  state: z
    .string()
    .optional()
    .transform((state) => WAITING_FOR_PERSON.find((known) => known === state)),
  account: z
    .string()
    .optional()
    .transform((account) => (account && account.length <= 100 ? account : undefined)),
  ...dayRangeParams,
  ...amountRangeParams,
  q: textParam(100),
  sort: z
    .string()
    .optional()
    .transform((sort): QueueSort => QUEUE_SORTS.find((known) => known === sort) ?? 'oldest'),
}) satisfies z.ZodType<QueueFilters, Record<string, string>>;

/** The filters as query parameters, the default sort left out; `state: null` leaves the state out too (for the tabs). */
export function queueFilterQuery(filters: QueueFilters, change: { state?: QueueState | null } = {}): URLSearchParams {
  const state = change.state === null ? undefined : (change.state ?? filters.state);
  return toQuery({
    state,
    account: filters.account,
    from: filters.from,
    to: filters.to,
    min: filters.min,
    max: filters.max,
    q: filters.q,
    sort: filters.sort === 'oldest' ? undefined : filters.sort,
  });
}

/** Whether anything narrows the queue (the sort does not). */
export const isNarrowed = (filters: QueueFilters): boolean =>
  [filters.account, filters.from, filters.to, filters.min, filters.max, filters.q].some((value) => value !== undefined);

/** The work queue's query parameters: its filters, its page, and `keep`, the transfers just acted on, as comma-separated ids. */
export const queueParams = z.record(z.string(), z.string()).transform((values) => ({
  filters: queueFilterParams.parse(values),
  ...z.object(pageParams).parse(values),
  keep: (values.keep ?? '').split(',').filter(isUuid),
}));

/** Where one transfer is in the queue: the queue narrowed to its account, bank day and amount, scrolled to its card. */
export function queueHrefFor(mutation: { id: string; amount: bigint; occurredAt: Date; bankId: string }): string {
  const day = jakartaDay(mutation.occurredAt);
  const query = queueFilterQuery({ sort: 'oldest', account: mutation.bankId, from: day, to: day, q: mutation.amount.toString() });
  return `/unmatched?${query}#item-${mutation.id}`;
}

/** The order search's query parameter. */
export const orderSearchParams = z.object({ q: z.string().default('') });

/** What a search box text means: a rupiah amount ("150000", "Rp 150.000", "150rb") or words (reference, customer). */
export function parseOrderSearch(text: string): { amount: bigint | null; words: string } {
  const words = text.trim().replace(/\s+/g, ' ').slice(0, 100);
  return { amount: searchedAmount(words), words };
}

export interface SplitCheck {
  total: bigint;
  remaining: bigint;
  problem: 'empty' | 'not_positive' | 'duplicate' | 'too_much' | null;
}

/** Whether the amounts of a split may be recorded: each more than zero, each order once, in sum at most the transfer. */
export function checkSplit(transfer: bigint, parts: readonly { orderId: string; amount: bigint | null }[]): SplitCheck {
  const total = parts.reduce((sum, part) => sum + (part.amount ?? 0n), 0n);
  const remaining = transfer - total;
  const problem =
    parts.length === 0
      ? 'empty'
      : parts.some((part) => part.amount === null || part.amount <= 0n)
        ? 'not_positive'
        : new Set(parts.map((part) => part.orderId)).size !== parts.length
          ? 'duplicate'
          : total > transfer
            ? 'too_much'
            : null;
  return { total, remaining, problem };
}
