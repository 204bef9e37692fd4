import type { DifferenceCategory } from '@/lib/differences/categories';
import { periodOf, type Granularity } from '@/lib/reports/periods';

/** Accepted differences of one category in one period: how many, and what was short and over (integer rupiah as strings). */
export interface DifferenceTotal {
  period: string;
  category: DifferenceCategory;
  count: number;
  /** The sum of the shortfalls accepted, as a positive amount. */
  short: string;
  over: string;
}

/** One Jakarta day's accepted differences of one category, as SQL sums them. */
export interface DifferenceDay {
  day: string;
  category: DifferenceCategory;
  count: number;
  short: bigint;
  over: bigint;
}

const add = (a: string, b: bigint) => (BigInt(a) + b).toString();

/** Folds per-day sums into the range's periods (and per category), keeping the order of periods then categories. */
export function foldDifferenceDays(
  days: readonly DifferenceDay[],
  granularity: Granularity,
): { periods: DifferenceTotal[]; categories: Omit<DifferenceTotal, 'period'>[] } {
  const periods = new Map<string, DifferenceTotal>();
  const categories = new Map<DifferenceCategory, Omit<DifferenceTotal, 'period'>>();
  for (const day of [...days].sort((a, b) => (a.day === b.day ? a.category.localeCompare(b.category) : a.day < b.day ? -1 : 1))) {
    const period = periodOf(day.day, granularity);
    const key = `${period}|${day.category}`;
    const row = periods.get(key) ?? { period, category: day.category, count: 0, short: '0', over: '0' };
    periods.set(key, { ...row, count: row.count + day.count, short: add(row.short, day.short), over: add(row.over, day.over) });
    const total = categories.get(day.category) ?? { category: day.category, count: 0, short: '0', over: '0' };
    categories.set(day.category, { ...total, count: total.count + day.count, short: add(total.short, day.short), over: add(total.over, day.over) });
  }
  return { periods: [...periods.values()], categories: [...categories.values()].sort((a, b) => a.category.localeCompare(b.category)) };
}
