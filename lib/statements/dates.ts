import { isDay, parseJakartaDateTime, startOfJakartaDay } from '@/lib/time/jakarta';
import type { DateFormat } from '@/lib/statements/types';

/** A booked day and, when the bank gives it, the time of day (HH:mm:ss, Jakarta). */
export interface StatementDate {
  day: string;
  time: string | null;
}

/** Why a date cell gave no day: not a date at all, or a day and month with no year to put them in. */
export type DateFailure = 'unreadable' | 'noYear';

/** Banks' own exports write the day first; only a mapping says otherwise. */
export type DateReading = DateFormat | 'day-first';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  mei: 5,
  may: 5,
  jun: 6,
  jul: 7,
  agu: 8,
  agt: 8,
  aug: 8,
  sep: 9,
  okt: 10,
  oct: 10,
  nov: 11,
  des: 12,
  dec: 12,
};

const TIME = /(?:[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$/.source;
const PATTERNS: Record<DateFormat | 'day-first', RegExp[]> = {
  'DD/MM/YYYY': [new RegExp(`^(?<d>\\d{1,2})/(?<m>\\d{1,2})/(?<y>\\d{4})${TIME}`)],
  'DD/MM/YY': [new RegExp(`^(?<d>\\d{1,2})/(?<m>\\d{1,2})/(?<y>\\d{2})${TIME}`)],
  'YYYY-MM-DD': [new RegExp(`^(?<y>\\d{4})-(?<m>\\d{1,2})-(?<d>\\d{1,2})${TIME}`)],
  'DD-MM-YYYY': [new RegExp(`^(?<d>\\d{1,2})-(?<m>\\d{1,2})-(?<y>\\d{4})${TIME}`)],
  'MM/DD/YYYY': [new RegExp(`^(?<m>\\d{1,2})/(?<d>\\d{1,2})/(?<y>\\d{4})${TIME}`)],
  'day-first': [
    new RegExp(`^(?<d>\\d{1,2})[/.-](?<m>\\d{1,2})(?:[/.-](?<y>\\d{4}|\\d{2}))?${TIME}`),
    new RegExp(`^(?<y>\\d{4})-(?<m>\\d{1,2})-(?<d>\\d{1,2})${TIME}`),
    new RegExp(`^(?<d>\\d{1,2})[ -](?<mon>[a-z]{3})[a-z]*[ -](?<y>\\d{4}|\\d{2})${TIME}`, 'i'),
  ],
};

const pad = (value: number) => String(value).padStart(2, '0');

/** The time of day from a cell of its own: "12:41:41", "12.41", or BRI's "124141". */
export function parseTimeCell(cell: string): string | null {
  const text = cell.trim();
  const compact = /^(\d{1,2})(\d{2})(\d{2})$/.exec(text);
  const spaced = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$/.exec(text);
  const parts = compact ?? spaced;
  if (!parts) return null;
  const [hour, minute, second] = [Number(parts[1]), Number(parts[2]), Number(parts[3] ?? '0')];
  if (hour > 23 || minute > 59 || second > 59) return null;
  return `${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

/**
 * A statement's date cell. `yearOf(month, day)` gives the year of a date written without one
 * (KlikBCA's `01/11`), from the statement's period; null when nothing says it.
 */
export function parseStatementDate(
  cell: string,
  reading: DateReading,
  yearOf: (month: number, day: number) => number | null = () => null,
): StatementDate | DateFailure {
  const text = cell.trim();
  for (const pattern of PATTERNS[reading]) {
    const match = pattern.exec(text);
    if (!match) continue;
    const groups = match.groups!;
    const month = groups.mon ? MONTHS[groups.mon.toLowerCase()] : Number(groups.m);
    const day = Number(groups.d);
    if (!month) return 'unreadable';
    let year: number | null;
    if (groups.y === undefined) year = yearOf(month, day);
    else year = groups.y.length === 2 ? 2000 + Number(groups.y) : Number(groups.y);
    if (year === null) return 'noYear';
    const date = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
    if (!isDay(date)) return 'unreadable';
    const [hour, minute, second] = match.slice(-3);
    if (hour === undefined) return { day: date, time: null };
    const time = parseTimeCell(`${hour}:${minute}:${second ?? '00'}`);
    return time === null ? 'unreadable' : { day: date, time };
  }
  return 'unreadable';
}

/** The instant of a booked day: its Jakarta midnight, or its time when the bank gives one. */
export function occurredAt({ day, time }: StatementDate): Date {
  return time === null ? startOfJakartaDay(day) : parseJakartaDateTime(`${day} ${time}`);
}

/**
 * The year a day and month without a year fall in, within the period `from`–`to` (YYYY-MM-DD);
 * a December–January statement puts December in the first year and January in the second.
 */
export function yearWithin(period: { from: string; to: string } | null, fallback: number | null) {
  return (month: number, day: number): number | null => {
    if (!period) return fallback;
    const first = Number(period.from.slice(0, 4));
    const last = Number(period.to.slice(0, 4));
    const key = `${pad(month)}-${pad(day)}`;
    for (let year = first; year <= last; year++) {
      const date = `${year}-${key}`;
      if (date >= period.from && date <= period.to) return year;
    }
    return first === last ? first : fallback;
  };
}
