import { db } from '@/lib/db';
import { Prisma, type MatchState } from '@/lib/generated/prisma/client';
import { searchedAmount } from '@/lib/money';
import { decodeAmountCursor, decodeCursor, encodeAmountCursor, encodeCursor, pageSize } from '@/lib/pagination';
import { isWaitingForPerson, sqlList, WAITING_FOR_PERSON } from '@/lib/reconcile/states';
import { parseOrderSearch, type QueueFilters, type QueueSort, type QueueState } from '@/lib/reconcile/work-queue-rules';
import { isSearchableText } from '@/lib/search-params';
import { containsPattern } from '@/lib/text';
import { jakartaDayRange } from '@/lib/time/jakarta';
import {
  DEFAULT_NEAR_AMOUNT_RUPIAH,
  mutationReferenceTokens,
  rankCandidates,
  type Candidate,
  type CandidateReason,
  type MatchSettings,
  type MutationFacts,
  type OrderFacts,
  type OrderStatus,
} from '@/lib/reconcile/decide';
import { loadSettings } from '@/lib/settings/store';

/** Expired orders this much older than a transfer are no longer offered for it. */
const RECENT_ORDER_DAYS = 60;
/** At most this many orders near the transfer's amount are looked at, nearest first. */
const NEAR_ORDERS_PER_TRANSFER = 20;
/** At most this many candidates are shown per transfer. */
const CANDIDATES_SHOWN = 5;
const DAY_MS = 86_400_000;

export interface QueueCandidate {
  orderId: string;
  reference: string;
  customerName: string | null;
  payableAmount: string;
  status: OrderStatus;
  createdAt: string;
  expiresAt: string | null;
  /** The transfer minus the payable amount: negative when the transfer is short, 0 when exact. */
  difference: string;
  reasons: CandidateReason[];
  /** Among the candidates the matcher stored: confirming it is a one-click "confirm". */
  stored: boolean;
}

export interface QueuePayment {
  orderId: string;
  reference: string;
  amount: string;
  split: boolean;
}

/** One transfer in the queue, shaped for JSON (money as strings of integer rupiah). */
export interface QueueItem {
  id: string;
  receivedAt: string;
  occurredAt: string;
  amount: string;
  accountNumber: string;
  bankLabel: string | null;
  description: string;
  note: string | null;
  paymentOrderId: string | null;
  state: MatchState;
  ignoredNote: string | null;
  candidates: QueueCandidate[];
  payments: QueuePayment[];
}

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
  /** On the first page only: what waits per state under the filters. */
  counts: Record<QueueState, QueueCount> | null;
}

interface OrderRow {
  id: string;
  reference: string;
  reference_key: string;
  customer_name: string | null;
  amount: bigint;
  unique_code: number;
  payable_amount: bigint;
  account_number: string | null;
  status: OrderStatus;
  created_at: Date;
  expires_at: Date | null;
}

const toFacts = (row: OrderRow): OrderFacts => ({
  id: row.id,
  reference: row.reference,
  amount: row.amount,
  uniqueCode: row.unique_code,
  payableAmount: row.payable_amount,
  accountNumber: row.account_number,
  status: row.status,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

const storedCandidates = (value: Prisma.JsonValue | null): Candidate[] =>
  Array.isArray(value) ? (value as unknown as Candidate[]).filter((c) => typeof c?.orderId === 'string') : [];

/**
 * The orders some transfers of a page could pay, in one statement: per transfer the open or
 * recently expired orders whose payable amount is near its amount (nearest first, capped), the
 * orders its text or VA order id names, and the candidates the matcher stored.
 *
 * The nearest expired orders are read from orders_expired_payable_amount_idx outwards from the
 * amount, above and below it, each side in the order that ranks it: a year of expired orders
 * near a common amount is then a few index entries per transfer, not every one in the window.
 */
async function preselectOrders(mutations: readonly (MutationFacts & { stored: Candidate[] })[], near: bigint): Promise<OrderRow[]> {
  if (mutations.length === 0) return [];
  const keys = [
    ...new Set(
      mutations.flatMap((m) => [...mutationReferenceTokens(m), ...(m.paymentOrderId?.trim() ? [m.paymentOrderId.trim().toUpperCase()] : [])]),
    ),
  ];
  const storedIds = [...new Set(mutations.flatMap((m) => m.stored.map((c) => c.orderId)))];
  return db().$queryRawUnsafe<OrderRow[]>(
    `WITH picked AS (
       SELECT near.id FROM unnest($1::bigint[], $2::timestamptz[]) AS m(amount, received_at)
       CROSS JOIN LATERAL (
         SELECT c.id FROM (
           (SELECT o.id, o.payable_amount FROM orders o
            WHERE o.status = 'pending' AND o.payable_amount BETWEEN m.amount - $3 AND m.amount + $3
            ORDER BY abs(o.payable_amount - m.amount), o.id LIMIT $5)
           UNION ALL
           (SELECT o.id, o.payable_amount FROM orders o
            WHERE o.status = 'expired' AND o.created_at >= m.received_at - make_interval(days => $4)
              AND o.payable_amount >= m.amount AND o.payable_amount <= m.amount + $3
            ORDER BY o.payable_amount, o.id LIMIT $5)
           UNION ALL
           (SELECT o.id, o.payable_amount FROM orders o
            WHERE o.status = 'expired' AND o.created_at >= m.received_at - make_interval(days => $4)
              AND o.payable_amount < m.amount AND o.payable_amount >= m.amount - $3
            ORDER BY o.payable_amount DESC, o.id LIMIT $5)
         ) c
         ORDER BY abs(c.payable_amount - m.amount), c.id
         LIMIT $5
       ) near
       UNION
       SELECT id FROM orders WHERE reference_key = ANY($6::text[]) AND status IN ('pending', 'expired')
       UNION
       SELECT id FROM orders WHERE id = ANY($7::uuid[])
     )
     SELECT o.id, o.reference, o.reference_key, o.customer_name, o.amount, o.unique_code, o.payable_amount,
            o.account_number, o.status::text AS status, o.created_at, o.expires_at
     FROM orders o JOIN picked USING (id)`,
    mutations.map((m) => m.amount.toString()),
    mutations.map((m) => m.receivedAt),
    near,
    RECENT_ORDER_DAYS,
    NEAR_ORDERS_PER_TRANSFER,
    keys,
    storedIds,
  );
}

/** Ranks, for one transfer, the preselected orders that concern it; stored candidates are never left out. */
export function candidatesFor(
  mutation: MutationFacts & { stored: Candidate[] },
  orders: readonly OrderRow[],
  settings: MatchSettings,
  near: bigint,
): QueueCandidate[] {
  const tokens = new Set(mutationReferenceTokens(mutation));
  const orderId = mutation.paymentOrderId?.trim().toUpperCase() ?? '';
  const storedIds = new Set(mutation.stored.map((c) => c.orderId));
  const recentSince = mutation.receivedAt.getTime() - RECENT_ORDER_DAYS * DAY_MS;
  const relevant = orders.filter((o) => {
    const distance = o.payable_amount > mutation.amount ? o.payable_amount - mutation.amount : mutation.amount - o.payable_amount;
    const recent = o.status === 'pending' || (o.status === 'expired' && o.created_at.getTime() >= recentSince);
    return storedIds.has(o.id) || tokens.has(o.reference_key) || o.reference_key === orderId || (recent && distance <= near);
  });
  const byId = new Map(relevant.map((o) => [o.id, o]));
  const shape = (row: OrderRow, reasons: CandidateReason[]): QueueCandidate => ({
    orderId: row.id,
    reference: row.reference,
    customerName: row.customer_name,
    payableAmount: row.payable_amount.toString(),
    status: row.status,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    difference: (mutation.amount - row.payable_amount).toString(),
    reasons,
    stored: storedIds.has(row.id),
  });
  const ranked = rankCandidates(mutation, relevant.map(toFacts), settings, { nearAmountRupiah: near }).map((c) =>
    shape(byId.get(c.order.id)!, c.reasons),
  );
  const rankedIds = new Set(ranked.map((c) => c.orderId));
  const storedLeftOut = mutation.stored
    .filter((c) => !rankedIds.has(c.orderId) && byId.has(c.orderId))
    .map((c) => shape(byId.get(c.orderId)!, c.reasons));
  // Stored candidates first: they are what the matcher asked a person to confirm.
  const all = [...ranked, ...storedLeftOut];
  return [...all.filter((c) => c.stored), ...all.filter((c) => !c.stored)].slice(0, Math.max(CANDIDATES_SHOWN, storedIds.size));
}

interface QueueRow {
  id: string;
  type: 'CR';
  receivedAt: Date;
  occurredAt: Date;
  amount: bigint;
  accountNumber: string;
  bankLabel: string | null;
  description: string;
  note: string | null;
  paymentOrderId: string | null;
  matchState: MatchState;
  matchCandidates: Prisma.JsonValue | null;
  ignoredNote: string | null;
}

/**
 * The states are written out so that the planner can read the queue off the partial indexes that
 * hold only the transfers waiting for a person (credits all); the same condition through Prisma
 * compares with casts it cannot prove those indexes cover.
 */
const waitingIn = (states: readonly QueueState[]) => Prisma.sql`match_state IN ${Prisma.raw(sqlList(states))}`;

/** The credits the filters narrow the queue to, whatever their state. */
function narrowing(filters: QueueFilters): Prisma.Sql {
  const and: Prisma.Sql[] = [Prisma.sql`type = 'CR'`];
  if (filters.account) and.push(Prisma.sql`bank_id = ${filters.account}`);
  const occurred = jakartaDayRange(filters.from, filters.to);
  if (occurred.gte) and.push(Prisma.sql`occurred_at >= ${occurred.gte}`);
  if (occurred.lt) and.push(Prisma.sql`occurred_at < ${occurred.lt}`);
  if (filters.min !== undefined) and.push(Prisma.sql`amount >= ${filters.min}`);
  if (filters.max !== undefined) and.push(Prisma.sql`amount <= ${filters.max}`);
  const amount = filters.q ? searchedAmount(filters.q) : null;
  if (amount !== null) and.push(Prisma.sql`amount = ${amount}`);
  else if (isSearchableText(filters.q)) {
    const pattern = containsPattern(filters.q);
    and.push(Prisma.sql`(description ILIKE ${pattern} OR note ILIKE ${pattern})`);
  }
  return Prisma.join(and, ' AND ');
}

/** Each sort's order, and where its next page starts after a row. */
const SORTS: Record<
  QueueSort,
  { orderBy: Prisma.Sql; after: (cursor: string | null | undefined) => Prisma.Sql | null; cursorOf: (row: QueueRow) => string }
> = {
  oldest: {
    orderBy: Prisma.sql`occurred_at, id`,
    after: (text) => {
      const cursor = decodeCursor(text);
      return cursor && Prisma.sql`(occurred_at, id) > (${cursor.at}, ${cursor.id}::uuid)`;
    },
    cursorOf: (row) => encodeCursor({ at: row.occurredAt, id: row.id }),
  },
  newest: {
    orderBy: Prisma.sql`occurred_at DESC, id DESC`,
    after: (text) => {
      const cursor = decodeCursor(text);
      return cursor && Prisma.sql`(occurred_at, id) < (${cursor.at}, ${cursor.id}::uuid)`;
    },
    cursorOf: (row) => encodeCursor({ at: row.occurredAt, id: row.id }),
  },
  amount: {
    orderBy: Prisma.sql`amount DESC, id DESC`,
    after: (text) => {
      const cursor = decodeAmountCursor(text);
      return cursor && Prisma.sql`(amount, id) < (${cursor.amount}, ${cursor.id}::uuid)`;
    },
    cursorOf: (row) => encodeAmountCursor({ amount: row.amount, id: row.id }),
  },
};

/** Credits waiting for a person that the filters select, in the sort's order, plus the `keep` ones. */
function waitingTransfers(filters: QueueFilters, take: number, cursor: string | null | undefined, keep: readonly string[]): Promise<QueueRow[]> {
  const sort = SORTS[filters.sort];
  const waiting = waitingIn(filters.state ? [filters.state] : WAITING_FOR_PERSON);
  const after = sort.after(cursor);
  return db().$queryRaw<QueueRow[]>`
    SELECT id, 'CR' AS type, received_at AS "receivedAt", occurred_at AS "occurredAt", amount, account_number AS "accountNumber",
           bank_label AS "bankLabel", description, note, payment_order_id AS "paymentOrderId", match_state::text AS "matchState",
           match_candidates AS "matchCandidates", ignored_note AS "ignoredNote"
    FROM mutations
    WHERE ${narrowing(filters)}
      AND ${keep.length > 0 ? Prisma.sql`(${waiting} OR id = ANY(${[...keep]}::uuid[]))` : waiting}
      ${after ? Prisma.sql`AND ${after}` : Prisma.empty}
    ORDER BY ${sort.orderBy}
    LIMIT ${take}`;
}

/** How many transfers wait in a state, and their sum (integer rupiah as a string). */
export interface QueueCount {
  count: number;
  amount: string;
}

/** Per state, the transfers the filters select (the state picked aside), for the tabs and the totals. */
async function countWaiting(filters: QueueFilters): Promise<Record<QueueState, QueueCount>> {
  const rows = await db().$queryRaw<{ state: QueueState; count: number; amount: bigint }[]>`
    SELECT match_state::text AS state, count(*)::int AS count, coalesce(sum(amount), 0)::bigint AS amount
    FROM mutations
    WHERE ${narrowing(filters)} AND ${waitingIn(WAITING_FOR_PERSON)}
    GROUP BY match_state`;
  const counts = Object.fromEntries(WAITING_FOR_PERSON.map((state) => [state, { count: 0, amount: '0' }])) as Record<QueueState, QueueCount>;
  for (const row of rows) counts[row.state] = { count: row.count, amount: row.amount.toString() };
  return counts;
}

export const DEFAULT_QUEUE_FILTERS: QueueFilters = { sort: 'oldest' };

/**
 * A page of the work queue: credits waiting for a person (unmatched, suggested, review) that the
 * filters select, in their sort's order, each with its ranked candidate orders; the first page also
 * counts them per state. `keep` adds transfers this person just acted on, whatever their state now,
 * so they stay in their place with the result (and an undo).
 */
export async function listQueue(
  options: { filters?: QueueFilters; cursor?: string | null; limit?: string | number | null; keep?: readonly string[] } = {},
): Promise<QueuePage> {
  const filters = options.filters ?? DEFAULT_QUEUE_FILTERS;
  const limit = pageSize(options.limit);
  const keep = (options.keep ?? []).slice(0, 200);
  const [rows, counts] = await Promise.all([
    waitingTransfers(filters, limit + 1, options.cursor, keep),
    options.cursor ? null : countWaiting(filters),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? SORTS[filters.sort].cursorOf(last) : null;

  const settings = (await loadSettings()).match;
  const near = DEFAULT_NEAR_AMOUNT_RUPIAH;
  const waiting = page.filter((m) => isWaitingForPerson(m.matchState)).map((m) => ({ ...m, stored: storedCandidates(m.matchCandidates) }));
  const orders = await preselectOrders(waiting, near);
  const payments =
    page.length === 0
      ? []
      : await db().payment.findMany({
          where: { mutationId: { in: page.map((m) => m.id) }, undoneAt: null },
          orderBy: { createdAt: 'asc' },
          select: { mutationId: true, orderId: true, amount: true, split: true, order: { select: { reference: true } } },
        });

  const items = page.map((m): QueueItem => {
    const inQueue = isWaitingForPerson(m.matchState);
    return {
      id: m.id,
      receivedAt: m.receivedAt.toISOString(),
      occurredAt: m.occurredAt.toISOString(),
      amount: m.amount.toString(),
      accountNumber: m.accountNumber,
      bankLabel: m.bankLabel,
      description: m.description,
      note: m.note,
      paymentOrderId: m.paymentOrderId,
      state: m.matchState,
      ignoredNote: m.ignoredNote,
      candidates: inQueue ? candidatesFor({ ...m, stored: storedCandidates(m.matchCandidates) }, orders, settings, near) : [],
      payments: payments
        .filter((p) => p.mutationId === m.id)
        .map((p) => ({ orderId: p.orderId, reference: p.order.reference, amount: p.amount.toString(), split: p.split })),
    };
  });
  return { items, nextCursor, counts };
}

export interface OrderHit {
  id: string;
  reference: string;
  customerName: string | null;
  payableAmount: string;
  paidAmount: string;
  status: OrderStatus;
  createdAt: string;
  expiresAt: string | null;
}

const SEARCH_LIMIT = 20;

/**
 * Orders a person can pay by hand, for the "match to another order" and split pickers: open,
 * expired or underpaid ones whose reference starts with, or customer contains, the text, or
 * whose payable or base amount is the number typed. Newest first.
 */
export async function searchOrders(text: string): Promise<OrderHit[]> {
  const { amount, words } = parseOrderSearch(text);
  if (words.length === 0) return [];
  const rows = await db().order.findMany({
    where: {
      status: { in: ['pending', 'expired', 'underpaid'] },
      OR: [
        { referenceKey: { startsWith: words.toUpperCase() } },
        ...(isSearchableText(words) ? [{ customerName: { contains: words, mode: 'insensitive' as const } }] : []),
        ...(amount !== null ? [{ payableAmount: amount }, { amount }] : []),
      ],
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: SEARCH_LIMIT,
    select: { id: true, reference: true, customerName: true, payableAmount: true, paidAmount: true, status: true, createdAt: true, expiresAt: true },
  });
  return rows.map((o) => ({
    id: o.id,
    reference: o.reference,
    customerName: o.customerName,
    payableAmount: o.payableAmount.toString(),
    paidAmount: o.paidAmount.toString(),
    status: o.status,
    createdAt: o.createdAt.toISOString(),
    expiresAt: o.expiresAt?.toISOString() ?? null,
  }));
}
