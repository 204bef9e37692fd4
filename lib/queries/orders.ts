import { db } from '@/lib/db';
import { searchedAmount } from '@/lib/money';
import type { OrderStatus, Prisma } from '@/lib/generated/prisma/client';
import { z } from 'zod';
import { jakartaDayRange } from '@/lib/time/jakarta';
import { amountRangeParams, dayRangeParams, isSearchableText, listParams, textParam, toQuery } from '@/lib/search-params';
import { isStorableText } from '@/lib/text';
import { afterCursor, COUNT_CAP, decodeCursor, PAGE_SIZE, type Page, pageOf, resultCount, type ResultCount } from '@/lib/pagination';

export const ORDER_STATUSES: readonly OrderStatus[] = ['pending', 'paid', 'underpaid', 'overpaid', 'expired', 'cancelled'];

/** What the orders list is narrowed to; days are Jakarta calendar days (YYYY-MM-DD), amounts are payable amounts. */
export interface OrderFilters {
  status?: OrderStatus;
  from?: string;
  to?: string;
  min?: bigint;
  max?: bigint;
  q?: string;
}

/** The orders list's query parameters; a value that makes no sense is left out rather than failing the page. */
export const orderFilterParams = z.object({
  status: z
    .string()
    .optional()
    .transform((status) => ORDER_STATUSES.find((known) => known === status)),
  ...dayRangeParams,
  ...amountRangeParams,
  q: textParam(100),
}) satisfies z.ZodType<OrderFilters, Record<string, string>>;

export const orderListParams = listParams(orderFilterParams);

export function orderFilterQuery(filters: OrderFilters): URLSearchParams {
  return toQuery({ status: filters.status, from: filters.from, to: filters.to, min: filters.min, max: filters.max, q: filters.q });
}

/** The Prisma condition for the filters; status and creation time are indexed together. */
export function orderWhere(filters: OrderFilters): Prisma.OrderWhereInput {
  const and: Prisma.OrderWhereInput[] = [];
  if (filters.status) and.push({ status: filters.status });
  const created = jakartaDayRange(filters.from, filters.to);
  if (created.gte || created.lt) and.push({ createdAt: created });
  if (filters.min !== undefined) and.push({ payableAmount: { gte: filters.min } });
  if (filters.max !== undefined) and.push({ payableAmount: { lte: filters.max } });
  const amount = filters.q ? searchedAmount(filters.q) : null;
  const words = isSearchableText(filters.q) ? filters.q : null;
  if (amount !== null || words !== null) {
    and.push({
      OR: [
        ...(words !== null
          ? [{ referenceKey: { contains: words.toUpperCase() } }, { customerName: { contains: words, mode: 'insensitive' as const } }]
          : []),
        ...(amount !== null ? [{ payableAmount: amount }, { amount }] : []),
      ],
    });
  }
  return { AND: and };
}

export const orderListSelect = {
  id: true,
  reference: true,
  customerName: true,
  amount: true,
  uniqueCode: true,
  payableAmount: true,
  paidAmount: true,
  status: true,
  source: true,
  createdAt: true,
  expiresAt: true,
  paidAt: true,
} satisfies Prisma.OrderSelect;

export type OrderListRow = Prisma.OrderGetPayload<{ select: typeof orderListSelect }>;

/** Newest orders first, one page after `cursor`, keyset on (created_at, id). */
export async function listOrders(filters: OrderFilters, cursor?: string | null, limit = PAGE_SIZE): Promise<Page<OrderListRow>> {
  const rows = await db().order.findMany({
    where: { AND: [orderWhere(filters), afterCursor('createdAt', decodeCursor(cursor)) as Prisma.OrderWhereInput] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: orderListSelect,
  });
  return pageOf(rows, limit, (row) => ({ at: row.createdAt, id: row.id }));
}

/** How many orders the filters select, counted up to COUNT_CAP. */
export async function countOrders(filters: OrderFilters): Promise<ResultCount> {
  return resultCount(await db().order.count({ where: orderWhere(filters), take: COUNT_CAP + 1 }));
}

/** One order with what paid it (undone payments included), who did what, and what the store was told; null when there is none. */
export async function getOrderDetail(reference: string) {
  // No order can have a reference the database could not store: there is nothing to look up.
  if (!isStorableText(reference)) return null;
  return db().order.findUnique({
    where: { referenceKey: reference.trim().toUpperCase() },
    include: {
      payments: {
        orderBy: { createdAt: 'asc' },
        include: {
          mutation: {
            select: { id: true, occurredAt: true, amount: true, type: true, description: true, accountNumber: true, bankLabel: true },
          },
        },
      },
      history: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      differences: { where: { undoneAt: null } },
      callbacks: {
        orderBy: { createdAt: 'asc' },
        include: { attempts: { orderBy: { attemptedAt: 'asc' } } },
      },
    },
  });
}

export type OrderDetail = NonNullable<Awaited<ReturnType<typeof getOrderDetail>>>;
