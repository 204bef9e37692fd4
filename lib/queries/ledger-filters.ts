import { startOfJakartaDay } from '@/lib/format';
import { parseCsvAmount } from '@/lib/orders/csv-import';

/** Lists of orders and mutations show this many rows a page, and never more. */
export const PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

/** One value of a query parameter, trimmed; empty counts as absent. */
export function param(params: SearchParams, name: string): string | undefined {
  const raw = params instanceof URLSearchParams ? params.get(name) : params[name];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value : undefined;
}

/** Where a page of a keyset-paginated list starts: after this (time, id), newest first. */
export interface Cursor {
  at: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at.toISOString()}|${cursor.id}`, 'utf8').toString('base64url');
}

/** The cursor of a "next page" link, or null for a missing or tampered one (which shows page one). */
export function decodeCursor(text: string | undefined | null): Cursor | null {
  if (!text || text.length > 200) return null;
  const [iso, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !iso || !id || !isUuid(id)) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) || at.toISOString() !== iso ? null : { at, id };
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day typed as YYYY-MM-DD, if it is a real one. */
export function parseDay(text: string | undefined): string | undefined {
  const match = text ? DAY.exec(text) : null;
  if (!match) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text!) ? text : undefined;
}

/** The instants from the start of Jakarta day `from` up to (not including) the end of Jakarta day `to`. */
export function jakartaDayRange(from?: string, to?: string): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (from) range.gte = startOfJakartaDay(from);
  if (to) range.lt = new Date(startOfJakartaDay(to).getTime() + 24 * 3600 * 1000);
  return range;
}

/** An amount bound typed in a filter ("150000", "150.000", "Rp 150.000"), or undefined if it is not one. */
export function parseAmountBound(text: string | undefined): bigint | undefined {
  if (!text) return undefined;
  const parsed = parseCsvAmount(text);
  if ('error' in parsed) return undefined;
  const amount = BigInt(parsed.amount);
  return amount >= 0n ? amount : undefined;
}

/** The page size asked for, within 1…MAX_PAGE_SIZE. */
export function pageSize(text: string | undefined): number {
  const value = text && /^\d+$/.test(text) ? Number(text) : PAGE_SIZE;
  return Math.min(Math.max(value, 1), MAX_PAGE_SIZE);
}

/** Query parameters for the filters that are set, in a stable order. */
export function toQuery(values: Record<string, string | bigint | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined && value !== '') query.set(name, String(value));
  return query;
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
