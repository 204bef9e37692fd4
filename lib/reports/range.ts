import { addDays, daysBetween, GRANULARITIES, isDay, type Granularity } from '@/lib/reports/periods';

/** The longest range a report covers, in days; wider requests are refused. */
export const MAX_RANGE_DAYS = 731;
export const DEFAULT_RANGE_DAYS = 30;

export interface ReportRange {
  /** First Jakarta day, YYYY-MM-DD, included. */
  from: string;
  /** Last Jakarta day, YYYY-MM-DD, included. */
  to: string;
  granularity: Granularity;
}

export type RangeResult = { ok: true; range: ReportRange } | { ok: false; message: string };

/** The last `DEFAULT_RANGE_DAYS` days up to and including `today`, per day. */
export function defaultRange(today: string): ReportRange {
  return { from: addDays(today, -(DEFAULT_RANGE_DAYS - 1)), to: today, granularity: 'day' };
}

/**
 * Reads `from`, `to` and `granularity` from a query string; a missing value takes its default.
 * `today` is the current Jakarta day.
 */
export function parseRange(params: { get(name: string): string | null }, today: string): RangeResult {
  const fallback = defaultRange(today);
  const from = params.get('from') || fallback.from;
  const to = params.get('to') || fallback.to;
  const granularity = params.get('granularity') || fallback.granularity;
  if (!isDay(from)) return { ok: false, message: `from must be a day as YYYY-MM-DD, got ${JSON.stringify(from)}` };
  if (!isDay(to)) return { ok: false, message: `to must be a day as YYYY-MM-DD, got ${JSON.stringify(to)}` };
  if (!(GRANULARITIES as readonly string[]).includes(granularity)) {
    return { ok: false, message: `granularity must be one of ${GRANULARITIES.join(', ')}` };
  }
  const span = daysBetween(from, to);
  if (span < 0) return { ok: false, message: 'from must not be after to' };
  if (span + 1 > MAX_RANGE_DAYS) return { ok: false, message: `a range covers at most ${MAX_RANGE_DAYS} days` };
  return { ok: true, range: { from, to, granularity: granularity as Granularity } };
}

/** The same, for a page: anything unreadable falls back to the default range. */
export function rangeOrDefault(params: { get(name: string): string | null }, today: string): ReportRange {
  const result = parseRange(params, today);
  return result.ok ? result.range : defaultRange(today);
}

/** Page `searchParams` as something with `get`. */
export function paramsOf(searchParams: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) params.set(key, first);
  }
  return params;
}

/** The instants a range of Jakarta days covers: [start, end). */
export function rangeInstants(range: { from: string; to: string }): { start: Date; end: Date } {
  return { start: new Date(`${range.from}T00:00:00+07:00`), end: new Date(`${addDays(range.to, 1)}T00:00:00+07:00`) };
}
