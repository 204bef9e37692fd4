import { accountName } from '@/lib/accounts/account-name';
import { db } from '@/lib/db';
import { fillPeriods, periodKeys, periodLabel } from '@/lib/reports/periods';
import type { ReportRange } from '@/lib/reports/range';
import { averageRupiah, ratio, sumAmounts } from '@/lib/reports/totals';

/** History actions that settle a credit, and which of them a person did. */
export const MATCH_ACTIONS = ['matched_automatically', 'confirmed', 'matched_by_hand', 'split'] as const;

export interface RevenueRow {
  period: string;
  label: string;
  orders: number;
  /** Integer rupiah as decimal strings. */
  revenue: string;
  averageOrder: string | null;
}

export interface AccountRevenueRow {
  accountNumber: string;
  bankLabel: string | null;
  /** Label and masked number. */
  name: string;
  orders: number;
  revenue: string;
}

export interface MatchTrendRow {
  period: string;
  label: string;
  automatic: number;
  byHand: number;
  /** automatic / (automatic + byHand), or null when nothing was matched. */
  automaticShare: number | null;
  /** Median minutes from receiving a transfer to its match, one decimal. */
  medianMinutes: number | null;
}

export interface RevenueReport {
  range: ReportRange;
  rows: RevenueRow[];
  byAccount: AccountRevenueRow[];
  matching: MatchTrendRow[];
  totals: { orders: number; revenue: string; averageOrder: string | null; automatic: number; byHand: number; automaticShare: number | null };
}

const averageText = (revenue: bigint, orders: number) => {
  const average = averageRupiah(revenue, orders);
  return average === null ? null : String(average);
};

/**
 * Paid orders (paid, underpaid, overpaid) by the Jakarta day, week or month they were paid, with
 * the money they brought (their paid amount), the accounts that money came in on (their active
 * payments' transfers), and how credits in the range got matched; sandbox transfers count nowhere.
 * Read from the summaries the database keeps as payments, orders, transfers and history change
 * (`revenue_days`, `revenue_account_days`, `match_days`), not from the rows.
 */
export async function revenueReport(range: ReportRange): Promise<RevenueReport> {
  const keys = periodKeys(range.from, range.to, range.granularity);

  const [revenueRows, accountRows, matchRows] = await Promise.all([
    db().$queryRaw<{ period: string; orders: number; revenue: string }[]>`
      SELECT to_char(date_trunc(${range.granularity}, day::timestamp), 'YYYY-MM-DD') AS period,
             sum(orders)::int AS orders, sum(revenue)::text AS revenue
        FROM revenue_days
       WHERE day >= ${range.from}::date AND day <= ${range.to}::date
       GROUP BY 1
      HAVING sum(orders) <> 0
       ORDER BY 1`,
    // An order is counted once per account whatever its label; the label shown is the largest one left.
    db().$queryRaw<{ account_number: string; bank_label: string | null; orders: number; revenue: string }[]>`
      WITH labelled AS (
        SELECT account_number, bank_label, sum(orders) AS orders, sum(revenue) AS revenue
          FROM revenue_account_days
         WHERE day >= ${range.from}::date AND day <= ${range.to}::date
         GROUP BY 1, 2
        HAVING sum(orders) <> 0
      )
      SELECT account_number, max(NULLIF(bank_label, '')) AS bank_label, sum(orders)::int AS orders, sum(revenue)::text AS revenue
        FROM labelled
       GROUP BY account_number
       ORDER BY sum(revenue) DESC, account_number`,
    // The match that holds for each matched credit, by its day: who made it, and the median of the
    // whole minutes from receiving the transfer to it (percentile_cont's middle of the counted minutes).
    db().$queryRaw<{ period: string; automatic: number; by_hand: number; median_minutes: number | null }[]>`
      WITH waits AS (
        SELECT date_trunc(${range.granularity}, day::timestamp) AS period, minutes,
               COALESCE(sum(matches) FILTER (WHERE automatic), 0)::int AS automatic, sum(matches)::int AS matches
          FROM match_days
         WHERE day >= ${range.from}::date AND day <= ${range.to}::date
         GROUP BY 1, 2
        HAVING sum(matches) <> 0
      ), ranked AS (
        SELECT period, minutes, automatic, matches,
               sum(matches) OVER (PARTITION BY period ORDER BY minutes) AS upto, sum(matches) OVER (PARTITION BY period) AS total
          FROM waits
      )
      SELECT to_char(period, 'YYYY-MM-DD') AS period, sum(automatic)::int AS automatic, (sum(matches) - sum(automatic))::int AS by_hand,
             round((min(minutes) FILTER (WHERE upto > (total - 1) / 2) + min(minutes) FILTER (WHERE upto > total / 2)) / 2.0, 1)::float8 AS median_minutes
        FROM ranked
       GROUP BY ranked.period
       ORDER BY ranked.period`,
  ]);

  const rows = fillPeriods(revenueRows, keys, (period) => ({ period, orders: 0, revenue: '0' })).map((row) => ({
    period: row.period,
    label: periodLabel(row.period, range.granularity),
    orders: row.orders,
    revenue: row.revenue,
    averageOrder: averageText(BigInt(row.revenue), row.orders),
  }));
  const matching = fillPeriods(matchRows, keys, (period) => ({ period, automatic: 0, by_hand: 0, median_minutes: null })).map((row) => ({
    period: row.period,
    label: periodLabel(row.period, range.granularity),
    automatic: row.automatic,
    byHand: row.by_hand,
    automaticShare: ratio(row.automatic, row.automatic + row.by_hand),
    medianMinutes: row.median_minutes === null ? null : Number(row.median_minutes),
  }));
  const revenue = sumAmounts(rows.map((row) => row.revenue));
  const orders = rows.reduce((sum, row) => sum + row.orders, 0);
  const automatic = matching.reduce((sum, row) => sum + row.automatic, 0);
  const byHand = matching.reduce((sum, row) => sum + row.byHand, 0);
  return {
    range,
    rows,
    byAccount: accountRows.map((row) => ({
      accountNumber: row.account_number,
      bankLabel: row.bank_label,
      name: accountName({ label: row.bank_label, accountNumber: row.account_number }),
      orders: row.orders,
      revenue: row.revenue,
    })),
    matching,
    totals: {
      orders,
      revenue: String(revenue),
      averageOrder: averageText(revenue, orders),
      automatic,
      byHand,
      automaticShare: ratio(automatic, automatic + byHand),
    },
  };
}
