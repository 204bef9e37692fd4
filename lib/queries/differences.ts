import { db } from '@/lib/db';
import type { DifferenceCategory } from '@/lib/differences/categories';
import { foldDifferenceDays, type DifferenceDay, type DifferenceTotal } from '@/lib/differences/totals';
import { rangeInstants, type ReportRange } from '@/lib/reports/range';

export interface DifferenceEntry {
  id: string;
  reference: string;
  amount: string;
  category: DifferenceCategory;
  reason: string;
  acceptedAt: string;
  acceptedBy: string;
}

export interface DifferencesReport {
  range: ReportRange;
  /** Per period (its key) and category, in order; only what happened. */
  periods: DifferenceTotal[];
  /** Per category over the whole range. */
  categories: Omit<DifferenceTotal, 'period'>[];
  /** The differences themselves, newest first, up to ENTRIES_SHOWN. */
  entries: DifferenceEntry[];
  /** How many there are in all. */
  entryCount: number;
}

const ENTRIES_SHOWN = 200;

/** The accepted differences that hold, accepted within the range's Jakarta days: what an accountant books to an adjustment account. */
export async function differencesReport(range: ReportRange): Promise<DifferencesReport> {
  const { start, end } = rangeInstants(range);
  const [days, entries, [counted]] = await Promise.all([
    db().$queryRaw<DifferenceDay[]>`
      SELECT to_char(accepted_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS day, category::text AS category, count(*)::int AS count,
             coalesce(-sum(amount) FILTER (WHERE amount < 0), 0)::bigint AS short, coalesce(sum(amount) FILTER (WHERE amount > 0), 0)::bigint AS over
      FROM accepted_differences
      WHERE undone_at IS NULL AND accepted_at >= ${start} AND accepted_at < ${end}
      GROUP BY 1, 2`,
    db().acceptedDifference.findMany({
      where: { undoneAt: null, acceptedAt: { gte: start, lt: end } },
      orderBy: [{ acceptedAt: 'desc' }, { id: 'desc' }],
      take: ENTRIES_SHOWN,
      select: { id: true, amount: true, category: true, reason: true, acceptedAt: true, acceptedBy: true, order: { select: { reference: true } } },
    }),
    db().$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM accepted_differences WHERE undone_at IS NULL AND accepted_at >= ${start} AND accepted_at < ${end}`,
  ]);
  return {
    range,
    ...foldDifferenceDays(days, range.granularity),
    entries: entries.map((entry) => ({
      id: entry.id,
      reference: entry.order.reference,
      amount: entry.amount.toString(),
      category: entry.category,
      reason: entry.reason,
      acceptedAt: entry.acceptedAt.toISOString(),
      acceptedBy: entry.acceptedBy,
    })),
    entryCount: counted?.count ?? 0,
  };
}
