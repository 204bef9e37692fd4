import { z } from 'zod';
import { GRANULARITIES, type Granularity } from '@/lib/reports/periods';
import { DomainError, englishMessage } from '@/lib/errors';
import { isPlausibleDay, parseSearchParams, PLAUSIBLE_DAYS, type SearchParams } from '@/lib/search-params';
import { addDays, daysBetween, isDay, startOfJakartaDay } from '@/lib/time/jakarta';

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
 * The report range's query parameters `from`, `to` and `granularity`; a missing value takes its
 * default. `today` is the current Jakarta day.
 */
export function rangeParams(today: string) {
  const fallback = defaultRange(today);
  return z
    .object({
      from: z.string().default(fallback.from),
      to: z.string().default(fallback.to),
      granularity: z.string().default(fallback.granularity),
    })
    .transform(({ from, to, granularity }): RangeResult => {
      if (!isDay(from)) return { ok: false, message: `from must be a day as YYYY-MM-DD, got ${JSON.stringify(from)}` };
      if (!isDay(to)) return { ok: false, message: `to must be a day as YYYY-MM-DD, got ${JSON.stringify(to)}` };
      for (const [field, day] of [
        ['from', from],
        ['to', to],
      ] as const) {
        if (!isPlausibleDay(day)) return { ok: false, message: englishMessage('dayOutOfRange', { field, value: day, ...PLAUSIBLE_DAYS }) };
      }
      if (!(GRANULARITIES as readonly string[]).includes(granularity)) {
        return { ok: false, message: `granularity must be one of ${GRANULARITIES.join(', ')}` };
      }
      const span = daysBetween(from, to);
      if (span < 0) return { ok: false, message: 'from must not be after to' };
      if (span + 1 > MAX_RANGE_DAYS) return { ok: false, message: `a range covers at most ${MAX_RANGE_DAYS} days` };
      return { ok: true, range: { from, to, granularity: granularity as Granularity } };
    });
}

/** The range a report's query parameters ask for, or why it cannot be had. */
export function parseRange(params: SearchParams, today: string): RangeResult {
  try {
    return parseSearchParams(rangeParams(today), params);
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, message: error.message };
    throw error;
  }
}

/** The same, for a page: anything unreadable falls back to the default range. */
export function rangeOrDefault(params: SearchParams, today: string): ReportRange {
  const result = parseRange(params, today);
  return result.ok ? result.range : defaultRange(today);
}

/** The instants a range of Jakarta days covers: [start, end). */
export function rangeInstants(range: { from: string; to: string }): { start: Date; end: Date } {
  return { start: startOfJakartaDay(range.from), end: startOfJakartaDay(addDays(range.to, 1)) };
}
