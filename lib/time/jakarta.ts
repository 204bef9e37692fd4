/**
 * Jakarta time: the merchant's clock and calendar. Asia/Jakarta is UTC+7 all year (no DST).
 * Moota's timestamps carry no zone: they are Jakarta wall-clock time. Days are Jakarta calendar
 * days written YYYY-MM-DD; their arithmetic is plain calendar arithmetic.
 */

export const JAKARTA_TIME_ZONE = 'Asia/Jakarta';
const JAKARTA_OFFSET_HOURS = 7;
const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

type Parts = [year: number, month: number, day: number, hour: number, minute: number, second: number];

function impossiblePart([year, month, day, hour, minute, second]: Parts): string | undefined {
  if (month < 1 || month > 12) return `month ${month} does not exist`;
  if (day < 1 || day > daysInMonth(year, month)) return `${pad(year, 4)}-${pad(month)} has no day ${day}`;
  if (hour > 23) return `hour ${hour} does not exist`;
  if (minute > 59) return `minute ${minute} does not exist`;
  if (second > 59) return `second ${second} does not exist`;
  return undefined;
}

/** Moota's "2026-11-28 10:14:07" (Jakarta wall-clock time) as an instant. */
export function parseJakartaDateTime(text: string): Date {
  const match = DATE_TIME.exec(text.trim());
  if (!match) {
    throw new RangeError(`expected a Jakarta date-time like "2026-11-28 10:14:07", got ${JSON.stringify(text)}`);
  }
  const parts = match.slice(1).map((part) => Number(part ?? '0')) as Parts;
  const problem = impossiblePart(parts);
  if (problem) throw new RangeError(`invalid Jakarta date-time ${JSON.stringify(text)}: ${problem}`);

  const [year, month, day, hour, minute, second] = parts;
  // setUTCFullYear, unlike Date.UTC, does not turn years 0–99 into 1900–1999.
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  instant.setUTCHours(hour - JAKARTA_OFFSET_HOURS, minute, second, 0);
  return instant;
}

/** An instant as Jakarta wall-clock time, "2026-11-28 10:14:07". */
export function formatJakartaDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('cannot format an invalid Date');
  const local = new Date(date.getTime() + JAKARTA_OFFSET_HOURS * 3_600_000);
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`
  );
}

/** The Jakarta calendar day of a moment, as YYYY-MM-DD. */
export function jakartaDay(date: Date): string {
  return formatJakartaDateTime(date).slice(0, 10);
}

/** The instant a Jakarta calendar day (YYYY-MM-DD) starts. */
export function startOfJakartaDay(day: string): Date {
  return new Date(calendarDate(day).getTime() - JAKARTA_OFFSET_HOURS * 3_600_000);
}

/** The instants from the start of Jakarta day `from` up to (not including) the end of Jakarta day `to`. */
export function jakartaDayRange(from?: string | null, to?: string | null): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (from) range.gte = startOfJakartaDay(from);
  if (to) range.lt = startOfJakartaDay(addDays(to, 1));
  return range;
}

/** A YYYY-MM-DD day as midnight UTC, for plain calendar arithmetic (no time zone involved); throws for no real day. */
export function calendarDate(day: string): Date {
  if (!DAY_PATTERN.test(day)) throw new RangeError(`expected a day as YYYY-MM-DD, got ${JSON.stringify(day)}`);
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) {
    throw new RangeError(`no such day: ${day}`);
  }
  return date;
}

/** Whether a text is a real calendar day written YYYY-MM-DD. */
export function isDay(value: string): boolean {
  try {
    calendarDate(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(day: string, days: number): string {
  return new Date(calendarDate(day).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (0 when they are the same day). */
export function daysBetween(from: string, to: string): number {
  return Math.round((calendarDate(to).getTime() - calendarDate(from).getTime()) / DAY_MS);
}
