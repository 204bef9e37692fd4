import { startOfJakartaDay } from '@/lib/format';
import { parseCsvAmount } from '@/lib/orders/csv-import';

export type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

/** One value of a query parameter, trimmed; empty counts as absent. */
export function param(params: SearchParams, name: string): string | undefined {
  const raw = params instanceof URLSearchParams ? params.get(name) : params[name];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value : undefined;
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

/** Query parameters for the filters that are set, in a stable order. */
export function toQuery(values: Record<string, string | bigint | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined && value !== '') query.set(name, String(value));
  return query;
}
