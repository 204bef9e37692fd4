/** Pure helpers of the finance work queue, safe to use in the browser and on the server. */

/** Where a page of the queue ends: the last item's arrival time and id (keyset pagination). */
export interface QueueCursor {
  receivedAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(`${cursor.receivedAt.toISOString()}|${cursor.id}`).toString('base64url');
}

/** The cursor in a `?cursor=` parameter, or null for anything that is not one. */
export function decodeCursor(text: string | null | undefined): QueueCursor | null {
  if (!text) return null;
  const [at, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !at || !id || !UUID.test(id)) return null;
  const receivedAt = new Date(at);
  return Number.isNaN(receivedAt.getTime()) ? null : { receivedAt, id };
}

export const MAX_PAGE_SIZE = 50;

/** A requested page size, capped to 1..MAX_PAGE_SIZE; anything unreadable gives the maximum. */
export function pageSize(requested: string | number | null | undefined): number {
  const n = typeof requested === 'number' ? requested : Number.parseInt(requested ?? '', 10);
  if (!Number.isFinite(n) || n <= 0) return MAX_PAGE_SIZE;
  return Math.min(Math.trunc(n), MAX_PAGE_SIZE);
}

/** What a search box text means: a rupiah amount ("150000", "Rp 150.000") or words (reference, customer). */
export function parseOrderSearch(text: string): { amount: bigint | null; words: string } {
  const words = text.trim().replace(/\s+/g, ' ').slice(0, 100);
  const digits = /^(rp\.?\s*)?[\d.\s]+$/i.test(words) ? words.replace(/\D/g, '') : '';
  return { amount: digits && digits.length <= 15 ? BigInt(digits) : null, words };
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
