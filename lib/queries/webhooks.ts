import { db } from '@/lib/db';
import { REFUSED_CALLS_LOGGED_PER_MINUTE } from '@/lib/intake/store-delivery';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { DeliveryOutcome, MutationOrigin, ProcessingState, SignatureResult } from '@/lib/generated/prisma/enums';
import { afterCursor, decodeCursor, pageOf, pageSize } from '@/lib/pagination';
import { dayParam, listParams } from '@/lib/search-params';
import { jakartaDayRange } from '@/lib/time/jakarta';
import { isUuid } from '@/lib/uuid';
import { z } from 'zod';

export interface DeliveryFilters {
  /** Rejected calls, or accepted ones with a mutation whose processing was given up. */
  failedOnly: boolean;
  /** Jakarta calendar days (YYYY-MM-DD), both included. */
  from: string | null;
  to: string | null;
  /** Where the calls came from: Moota's webhook, a sync's pages of Moota's API, or a statement file. */
  source: MutationOrigin | null;
  /** The pages one sync run read. */
  syncRunId: string | null;
}

export const DELIVERY_SOURCES = ['webhook', 'apiSync', 'statement'] as const satisfies readonly MutationOrigin[];

/** Where a call's mutations are: none brought, all processed, some still waiting, or some dead. */
export type ProcessingSummary =
  | { state: 'none' }
  | { state: 'processed'; total: number }
  | { state: 'waiting'; waiting: number; total: number }
  | { state: 'dead'; dead: number; total: number };

export interface DeliveryRow {
  id: string;
  receivedAt: string;
  sourceAddress: string;
  signature: SignatureResult;
  httpStatus: number;
  outcome: DeliveryOutcome;
  reason: string | null;
  accepted: number;
  duplicates: number;
  source: MutationOrigin;
  syncRunId: string | null;
  processing: ProcessingSummary;
  /** Refused calls from the same address in the same minute after this one, counted but not logged. */
  moreRefused: number;
}

export interface DeliveryPage {
  items: DeliveryRow[];
  nextCursor: string | null;
}

/** The webhook log's query parameters: anything malformed is dropped rather than refused. */
export const deliveryFilterParams = z
  .object({
    failed: z
      .string()
      .optional()
      .transform((failed) => failed === '1' || failed === 'true'),
    from: dayParam.transform((day) => day ?? null),
    to: dayParam.transform((day) => day ?? null),
    source: z
      .string()
      .optional()
      .transform((source) => DELIVERY_SOURCES.find((known) => known === source) ?? null),
    run: z
      .string()
      .optional()
      .transform((run) => (run && isUuid(run) ? run : null)),
  })
  .transform(({ failed, run, ...rest }): DeliveryFilters => ({ failedOnly: failed, ...rest, syncRunId: run }));

export const deliveryListParams = listParams(deliveryFilterParams);

export function summarizeProcessing(counts: Partial<Record<ProcessingState, number>>): ProcessingSummary {
  const received = counts.received ?? 0;
  const processed = counts.processed ?? 0;
  const dead = counts.dead ?? 0;
  const total = received + processed + dead;
  if (total === 0) return { state: 'none' };
  if (dead > 0) return { state: 'dead', dead, total };
  if (received > 0) return { state: 'waiting', waiting: received, total };
  return { state: 'processed', total };
}

/** A stored body as people read it: indented when it is JSON, as it is otherwise. */
export function prettyBody(body: string): { text: string; json: boolean } {
  if (body.trim() === '') return { text: '', json: false };
  try {
    return { text: JSON.stringify(JSON.parse(body), null, 2), json: true };
  } catch {
    return { text: body, json: false };
  }
}

/** Webhook calls, newest first, one page at a time. */
export async function listDeliveries(filters: DeliveryFilters, options: { cursor?: string | null; limit?: number } = {}): Promise<DeliveryPage> {
  const limit = pageSize(options.limit);
  const after = decodeCursor(options.cursor);
  const range = jakartaDayRange(filters.from, filters.to);
  const and: Prisma.DeliveryWhereInput[] = [];
  if (range.gte || range.lt) and.push({ receivedAt: range });
  if (filters.failedOnly) and.push({ OR: [{ outcome: { in: ['rejected', 'partial'] } }, { mutations: { some: { processing: 'dead' } } }] });
  if (filters.source) and.push({ source: filters.source });
  if (filters.syncRunId) and.push({ syncRunId: filters.syncRunId });
  if (after) {
    and.push(afterCursor('receivedAt', after) as Prisma.DeliveryWhereInput);
  }
  const rows = await db().delivery.findMany({
    where: { AND: and },
    orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: {
      id: true,
      receivedAt: true,
      sourceAddress: true,
      signature: true,
      httpStatus: true,
      outcome: true,
      reason: true,
      accepted: true,
      duplicates: true,
      source: true,
      syncRunId: true,
    },
  });
  const page = pageOf(rows, limit, (row) => ({ at: row.receivedAt, id: row.id }));
  const counts = await processingCounts(page.rows.filter((row) => row.accepted > 0).map((row) => row.id));
  const more = await moreRefusedCalls(page.rows.filter((row) => row.outcome === 'rejected').map((row) => row.id));
  return {
    items: page.rows.map((row) => ({
      ...row,
      receivedAt: row.receivedAt.toISOString(),
      processing: summarizeProcessing(counts.get(row.id) ?? {}),
      moreRefused: more.get(row.id) ?? 0,
    })),
    nextCursor: page.nextCursor,
  };
}

/** For the last logged refused call of a minute, how many more from its address were only counted. */
async function moreRefusedCalls(deliveryIds: string[]): Promise<Map<string, number>> {
  if (deliveryIds.length === 0) return new Map();
  const counters = await db().refusedCallCount.findMany({
    where: { lastDeliveryId: { in: deliveryIds }, calls: { gt: REFUSED_CALLS_LOGGED_PER_MINUTE } },
    select: { lastDeliveryId: true, calls: true },
  });
  return new Map(counters.map((counter) => [counter.lastDeliveryId!, counter.calls - REFUSED_CALLS_LOGGED_PER_MINUTE]));
}

async function processingCounts(deliveryIds: string[]): Promise<Map<string, Partial<Record<ProcessingState, number>>>> {
  const counts = new Map<string, Partial<Record<ProcessingState, number>>>();
  if (deliveryIds.length === 0) return counts;
  const groups = await db().mutation.groupBy({
    by: ['deliveryId', 'processing'],
    where: { deliveryId: { in: deliveryIds } },
    _count: { _all: true },
  });
  for (const group of groups) {
    const entry = counts.get(group.deliveryId) ?? {};
    entry[group.processing] = group._count._all;
    counts.set(group.deliveryId, entry);
  }
  return counts;
}

export interface DeliveryMutation {
  id: string;
  mootaId: string;
  type: 'CR' | 'DB';
  amount: string;
  description: string;
  accountNumber: string;
  occurredAt: string;
  processing: ProcessingState;
  processAttempts: number;
  processError: string | null;
  matchState: string;
}

export interface DeliveryDetail extends Omit<DeliveryRow, 'processing'> {
  headers: Record<string, string>;
  body: string;
  bodyBytes: number;
  bodyTruncated: boolean;
  mutations: DeliveryMutation[];
  processing: ProcessingSummary;
}

/** One call with everything it brought; null when there is no such call. */
export async function getDelivery(id: string): Promise<DeliveryDetail | null> {
  if (!isUuid(id)) return null;
  const row = await db().delivery.findUnique({
    where: { id },
    include: {
      mutations: {
        orderBy: { occurredAt: 'asc' },
        select: {
          id: true,
          mootaId: true,
          type: true,
          amount: true,
          description: true,
          accountNumber: true,
          occurredAt: true,
          processing: true,
          processAttempts: true,
          processError: true,
          matchState: true,
        },
      },
    },
  });
  if (!row) return null;
  const counts: Partial<Record<ProcessingState, number>> = {};
  for (const m of row.mutations) counts[m.processing] = (counts[m.processing] ?? 0) + 1;
  const headers = (row.headers && typeof row.headers === 'object' && !Array.isArray(row.headers) ? row.headers : {}) as Record<string, string>;
  return {
    id: row.id,
    receivedAt: row.receivedAt.toISOString(),
    sourceAddress: row.sourceAddress,
    signature: row.signature,
    httpStatus: row.httpStatus,
    outcome: row.outcome,
    reason: row.reason,
    accepted: row.accepted,
    duplicates: row.duplicates,
    source: row.source,
    syncRunId: row.syncRunId,
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)])),
    body: row.body,
    bodyBytes: row.bodyBytes,
    bodyTruncated: row.bodyTruncated,
    processing: summarizeProcessing(counts),
    moreRefused: row.outcome === 'rejected' ? ((await moreRefusedCalls([row.id])).get(row.id) ?? 0) : 0,
    mutations: row.mutations.map((m) => ({
      ...m,
      amount: m.amount.toString(),
      occurredAt: m.occurredAt.toISOString(),
    })),
  };
}
