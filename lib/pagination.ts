import { isUuid } from '@/lib/uuid';

/** Every list shows this many rows a page unless asked for another size. */
export const PAGE_SIZE = 50;
/** No list answers more rows than this in one page, whatever is asked. */
export const MAX_PAGE_SIZE = 200;

/** Where a page of a keyset-paginated list starts: after this (time, id) in the list's order. */
export interface Cursor {
  at: Date;
  id: string;
}

export interface Page<T> {
  rows: T[];
  /** Where the next page starts, or null on the last page. */
  nextCursor: string | null;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at.toISOString()}|${cursor.id}`, 'utf8').toString('base64url');
}

/** The cursor of a "next page" link, or null for a missing or tampered one (which shows page one). */
export function decodeCursor(text: string | null | undefined): Cursor | null {
  if (!text || text.length > 200) return null;
  const [iso, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !iso || !id || !isUuid(id)) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) || at.toISOString() !== iso ? null : { at, id };
}

/** Where a page of a list sorted by amount starts: after this (amount, id) in the list's order. */
export interface AmountCursor {
  amount: bigint;
  id: string;
}

export function encodeAmountCursor(cursor: AmountCursor): string {
  return Buffer.from(`${cursor.amount}|${cursor.id}`, 'utf8').toString('base64url');
}

/** The cursor of a "next page" of a list sorted by amount, or null for a missing, tampered or other list's one. */
export function decodeAmountCursor(text: string | null | undefined): AmountCursor | null {
  if (!text || text.length > 200) return null;
  const [amount, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !amount || !/^-?\d{1,19}$/.test(amount) || !id || !isUuid(id)) return null;
  return { amount: BigInt(amount), id };
}

/** The page size asked for, capped at MAX_PAGE_SIZE; anything but a whole number from 1 gives PAGE_SIZE. */
export function pageSize(requested: string | number | null | undefined): number {
  const value = typeof requested === 'number' ? requested : requested && /^\s*\d+\s*$/.test(requested) ? Number(requested) : NaN;
  if (!Number.isInteger(value) || value < 1) return PAGE_SIZE;
  return Math.min(value, MAX_PAGE_SIZE);
}

/**
 * A page from the `limit + 1` rows a query read: the extra row only says there is a next page,
 * which starts after the page's last row.
 */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor): Page<T> {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: encodeCursor(cursorOf(page[page.length - 1]!)) };
}

/**
 * The rows after a cursor in a list sorted newest first by a time column, then by id. The plain
 * bound lets the time index start at the cursor; the OR breaks ties by id.
 */
export function afterCursor<Field extends string>(field: Field, cursor: Cursor | null) {
  if (!cursor) return {};
  return {
    [field]: { lte: cursor.at },
    OR: [{ [field]: { lt: cursor.at } }, { [field]: cursor.at, id: { lt: cursor.id } }],
  } as { [K in Field]: { lte: Date } } & { OR: object[] };
}

/** Lists count their results up to this many: beyond it the number says "more than", and counting stays cheap. */
export const COUNT_CAP = 10_000;

/** How many rows a list's filters select, up to COUNT_CAP; `more` when there are more than that. */
export interface ResultCount {
  count: number;
  more: boolean;
}

/** The count of a list from the rows counted with `take: COUNT_CAP + 1`. */
export const resultCount = (counted: number): ResultCount =>
  counted > COUNT_CAP ? { count: COUNT_CAP, more: true } : { count: counted, more: false };
