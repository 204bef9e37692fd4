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

/** Why a range cannot be had, for a message in the reader's language. */
export type RangeProblem = 'notADay' | 'implausibleDay' | 'granularity' | 'backwards' | 'tooLong';

export type RangeResult = { ok: true; range: ReportRange } | { ok: false; problem: RangeProblem; message: string };

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
      if (!isDay(from)) return { ok: false, problem: 'notADay', message: `from must be a day as YYYY-MM-DD, got ${JSON.stringify(from)}` };
      if (!isDay(to)) return { ok: false, problem: 'notADay', message: `to must be a day as YYYY-MM-DD, got ${JSON.stringify(to)}` };
      for (const [field, day] of [
        ['from', from],
        ['to', to],
      ] as const) {
        if (!isPlausibleDay(day))
          return { ok: false, problem: 'implausibleDay', message: englishMessage('dayOutOfRange', { field, value: day, ...PLAUSIBLE_DAYS }) };
      }
      if (!(GRANULARITIES as readonly string[]).includes(granularity)) {
        return { ok: false, problem: 'granularity', message: `granularity must be one of ${GRANULARITIES.join(', ')}` };
      }
      const span = daysBetween(from, to);
      if (span < 0) return { ok: false, problem: 'backwards', message: 'from must not be after to' };
      if (span + 1 > MAX_RANGE_DAYS) return { ok: false, problem: 'tooLong', message: `a range covers at most ${MAX_RANGE_DAYS} days` };
      return { ok: true, range: { from, to, granularity: granularity as Granularity } };
    });
}

/** The range a report's query parameters ask for, or why it cannot be had. */
export function parseRange(params: SearchParams, today: string): RangeResult {
  try {
    return parseSearchParams(rangeParams(today), params);
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, problem: 'notADay', message: error.message };
    throw error;
  }
}

/**
 * The same, for a page: a range that cannot be had shows the default report, with the problem and
 * what was asked for so the page can say why instead of silently showing something else.
 */
export function rangeOrDefault(
  params: SearchParams,
  today: string,
): { range: ReportRange; refused: { problem: RangeProblem; from: string; to: string; granularity: string } | null } {
  const result = parseRange(params, today);
  if (result.ok) return { range: result.range, refused: null };
  const text = (name: string) => {
    const value = params instanceof URLSearchParams ? params.get(name) : params[name];
    return typeof value === 'string' ? value.slice(0, 40) : '';
  };
  const range = defaultRange(today);
  return {
    range,
    refused: {
      problem: result.problem,
      from: text('from') || range.from,
      to: text('to') || range.to,
      granularity: text('granularity') || range.granularity,
    },
  };
}

/** The instants a range of Jakarta days covers: [start, end). */
export function rangeInstants(range: { from: string; to: string }): { start: Date; end: Date } {
  return { start: startOfJakartaDay(range.from), end: startOfJakartaDay(addDays(range.to, 1)) };
}
