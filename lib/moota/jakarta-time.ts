/** Moota's timestamps carry no zone: they are wall-clock time in Asia/Jakarta (UTC+7, no DST). */

const JAKARTA_OFFSET_HOURS = 7;
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

export function formatJakartaDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('cannot format an invalid Date');
  const local = new Date(date.getTime() + JAKARTA_OFFSET_HOURS * 3_600_000);
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`
  );
}
