import { db } from '@/lib/db';
import { mutationInBody } from '@/lib/moota/payload';
import type { MutationOrigin, MutationType, Prisma } from '@/lib/generated/prisma/client';
import { z } from 'zod';
import { jakartaDayRange } from '@/lib/time/jakarta';
import { amountRangeParams, dayRangeParams, isSearchableText, listParams, textParam, toQuery } from '@/lib/search-params';
import { afterCursor, COUNT_CAP, decodeCursor, PAGE_SIZE, type Page, pageOf, resultCount, type ResultCount } from '@/lib/pagination';
import { isUuid } from '@/lib/uuid';

/** What the mutations list is narrowed to; days are Jakarta calendar days of the bank's date. */
export interface MutationFilters {
  /** The account's Moota bank id. */
  account?: string;
  /** Only mutations the webhook never delivered (first seen by a sync or a statement). */
  gap?: boolean;
  origin?: MutationOrigin;
  type?: MutationType;
  from?: string;
  to?: string;
  min?: bigint;
  max?: bigint;
  q?: string;
}

/** The origins as the list's `origin` parameter names them. */
export const MUTATION_ORIGINS: readonly MutationOrigin[] = ['webhook', 'apiSync', 'statement'];

/** The mutations list's query parameters; a value that makes no sense is left out rather than failing the page. */
export const mutationFilterParams = z.object({
  account: z
    .string()
    .optional()
    .transform((account) => (account && account.length <= 100 ? account : undefined)),
  gap: z
    .string()
    .optional()
    .transform((gap) => (gap === '1' ? true : undefined)),
  origin: z
    .string()
    .optional()
    .transform((origin) => MUTATION_ORIGINS.find((known) => known === origin)),
  type: z
    .string()
    .optional()
    .transform((type) => (type === 'CR' || type === 'DB' ? type : undefined)),
  ...dayRangeParams,
  ...amountRangeParams,
  q: textParam(100),
}) satisfies z.ZodType<MutationFilters, Record<string, string>>;

export const mutationListParams = listParams(mutationFilterParams);

export function mutationFilterQuery(filters: MutationFilters): URLSearchParams {
  return toQuery({
    account: filters.account,
    gap: filters.gap ? '1' : undefined,
    origin: filters.origin,
    type: filters.type,
    from: filters.from,
    to: filters.to,
    min: filters.min,
    max: filters.max,
    q: filters.q,
  });
}

/**
 * The Prisma condition for the filters. Every list is ordered by occurred_at, which has an index
 * of its own, one with the account in front, and one with the account in front over the gaps only.
 */
export function mutationWhere(filters: MutationFilters): Prisma.MutationWhereInput {
  const and: Prisma.MutationWhereInput[] = [];
  if (filters.account) and.push({ bankId: filters.account });
  if (filters.gap) and.push({ webhookSeenAt: null });
  if (filters.origin) and.push({ origin: filters.origin });
  if (filters.type) and.push({ type: filters.type });
  const occurred = jakartaDayRange(filters.from, filters.to);
  if (occurred.gte || occurred.lt) and.push({ occurredAt: occurred });
  if (filters.min !== undefined) and.push({ amount: { gte: filters.min } });
  if (filters.max !== undefined) and.push({ amount: { lte: filters.max } });
  if (isSearchableText(filters.q)) {
    and.push({
      OR: [{ description: { contains: filters.q, mode: 'insensitive' } }, { note: { contains: filters.q, mode: 'insensitive' } }],
    });
  }
  return { AND: and };
}

export const mutationListSelect = {
  id: true,
  mootaId: true,
  occurredAt: true,
  accountNumber: true,
  bankLabel: true,
  bankType: true,
  type: true,
  amount: true,
  balance: true,
  description: true,
  note: true,
  matchState: true,
  sandbox: true,
  origin: true,
  webhookSeenAt: true,
  payments: { where: { undoneAt: null }, select: { amount: true, order: { select: { reference: true } } } },
} satisfies Prisma.MutationSelect;

export type MutationListRow = Prisma.MutationGetPayload<{ select: typeof mutationListSelect }>;

/** Newest mutations first (by the bank's date), one page after `cursor`, keyset on (occurred_at, id). */
export async function listMutations(filters: MutationFilters, cursor?: string | null, limit = PAGE_SIZE): Promise<Page<MutationListRow>> {
  const rows = await db().mutation.findMany({
    where: { AND: [mutationWhere(filters), afterCursor('occurredAt', decodeCursor(cursor)) as Prisma.MutationWhereInput] },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: mutationListSelect,
  });
  return pageOf(rows, limit, (row) => ({ at: row.occurredAt, id: row.id }));
}

/** How many mutations the filters select, counted up to COUNT_CAP. */
export async function countMutations(filters: MutationFilters): Promise<ResultCount> {
  return resultCount(await db().mutation.count({ where: mutationWhere(filters), take: COUNT_CAP + 1 }));
}

/** Every mutation the filters select, newest first, read in keyset batches so memory stays flat. */
export async function* eachMutation(filters: MutationFilters, batchSize = 1000): AsyncGenerator<MutationListRow> {
  let cursor: string | null = null;
  do {
    const page: Page<MutationListRow> = await listMutations(filters, cursor, batchSize);
    yield* page.rows;
    cursor = page.nextCursor;
  } while (cursor);
}

/**
 * One mutation with everything known about it, and `raw`: the item as Moota sent it (secrets
 * redacted), from its delivery's body. Null for an unknown or malformed id.
 */
export async function getMutationDetail(id: string) {
  if (!isUuid(id)) return null;
  const mutation = await db().mutation.findUnique({
    where: { id },
    include: {
      delivery: { select: { id: true, receivedAt: true, body: true } },
      payments: {
        orderBy: { createdAt: 'asc' },
        include: { order: { select: { reference: true, status: true, payableAmount: true, customerName: true } } },
      },
      history: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    },
  });
  if (!mutation) return null;
  const { body, ...delivery } = mutation.delivery;
  return { ...mutation, delivery, raw: mutationInBody(body, mutation.mootaId) };
}

export type MutationDetail = NonNullable<Awaited<ReturnType<typeof getMutationDetail>>>;
