/**
 * Calendar periods of reports. Days are Jakarta calendar days written YYYY-MM-DD; a period is
 * keyed by the day it starts (weeks start on Monday, as ISO weeks and PostgreSQL's
 * `date_trunc('week', …)` do), so keys from SQL and keys made here line up.
 */
import { addDays, calendarDate } from '@/lib/time/jakarta';

export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const DAY_MS = 86_400_000;

/** The key of the period a day falls in. */
export function periodOf(day: string, granularity: Granularity): string {
  const date = calendarDate(day);
  if (granularity === 'day') return day;
  if (granularity === 'month') return `${day.slice(0, 7)}-01`;
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return addDays(day, -sinceMonday);
}

function nextPeriod(key: string, granularity: Granularity): string {
  if (granularity === 'day') return addDays(key, 1);
  if (granularity === 'week') return addDays(key, 7);
  const date = calendarDate(key);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

/** Every period touching the days `from`..`to` (both included), in order. */
export function periodKeys(from: string, to: string, granularity: Granularity): string[] {
  const last = periodOf(to, granularity);
  const keys: string[] = [];
  for (let key = periodOf(from, granularity); key <= last; key = nextPeriod(key, granularity)) keys.push(key);
  return keys;
}

/** The ISO 8601 week of a day: the year it belongs to may differ from the calendar year. */
export function isoWeek(day: string): { year: number; week: number } {
  const date = calendarDate(day);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return { year, week };
}

/** A short, language-neutral name of a period: `2026-11-28`, `2026-W48`, `2026-11`. */
export function periodLabel(key: string, granularity: Granularity): string {
  if (granularity === 'day') return key;
  if (granularity === 'month') return key.slice(0, 7);
  const { year, week } = isoWeek(key);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface PeriodWords {
  /** "Hari ini, {day}" */
  today: (day: string) => string;
  /** "Minggu {week} ({days})" */
  week: (week: number, days: string) => string;
}

const dateFormats = new Map<string, { day: Intl.DateTimeFormat; dayOfYear: Intl.DateTimeFormat; month: Intl.DateTimeFormat }>();

function formatsFor(locale: string) {
  const tag = locale === 'id' ? 'id-ID' : 'en-GB';
  let formats = dateFormats.get(tag);
  if (!formats) {
    formats = {
      day: new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
      dayOfYear: new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
      month: new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
    };
    dateFormats.set(tag, formats);
  }
  return formats;
}

/**
 * The name people read for a period, in their language: "5 Nov" (with the year when it is not
 * this year's), "Hari ini, 2 Des", "Minggu 45 (3–9 Nov)", "November 2026". `today` is the current
 * Jakarta day; keys are those of `periodKeys`.
 */
export function periodName(key: string, granularity: Granularity, locale: string, today: string, words: PeriodWords): string {
  const formats = formatsFor(locale);
  const date = calendarDate(key);
  const thisYear = key.slice(0, 4) === today.slice(0, 4);
  if (granularity === 'month') return formats.month.format(date);
  if (granularity === 'day') {
    const day = (thisYear ? formats.day : formats.dayOfYear).format(date);
    return key === today ? words.today(day) : day;
  }
  const last = calendarDate(addDays(key, 6));
  const sameYear = thisYear && last.getUTCFullYear() === date.getUTCFullYear();
  return words.week(isoWeek(key).week, (sameYear ? formats.day : formats.dayOfYear).formatRange(date, last));
}

/**
 * One row per period key, in order: the row SQL returned for it, or `empty(key)` where nothing
 * happened. Rows for keys outside the list are a bug in the caller and throw.
 */
export function fillPeriods<T extends { period: string }>(rows: readonly T[], keys: readonly string[], empty: (period: string) => T): T[] {
  const byKey = new Map(rows.map((row) => [row.period, row]));
  const known = new Set(keys);
  for (const row of rows) {
    if (!known.has(row.period)) throw new RangeError(`a row for period ${row.period} lies outside the requested periods`);
  }
  return keys.map((key) => byKey.get(key) ?? empty(key));
}
