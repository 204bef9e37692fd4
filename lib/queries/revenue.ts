import { accountName } from '@/lib/accounts/account-name';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { PAID, sqlList } from '@/lib/reconcile/states';
import { fillPeriods, periodKeys, periodLabel } from '@/lib/reports/periods';
import { rangeInstants, type ReportRange } from '@/lib/reports/range';
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
 */
export async function revenueReport(range: ReportRange): Promise<RevenueReport> {
  const { start, end } = rangeInstants(range);
  const keys = periodKeys(range.from, range.to, range.granularity);

  const [revenueRows, accountRows, matchRows] = await Promise.all([
    // Money a sandbox transfer paid is not revenue; an order only sandbox money paid is not counted at all.
    db().$queryRaw<{ period: string; orders: number; revenue: string }[]>`
      WITH paid AS (
        SELECT o.paid_at, o.paid_amount, COALESCE(sandbox_paid.amount, 0) AS sandbox_amount
          FROM orders o
          LEFT JOIN LATERAL (
            SELECT sum(p.amount) AS amount FROM payments p JOIN mutations m ON m.id = p.mutation_id
             WHERE p.order_id = o.id AND p.undone_at IS NULL AND m.sandbox
          ) sandbox_paid ON true
         WHERE o.status IN ${Prisma.raw(sqlList(PAID))} AND o.paid_at >= ${start} AND o.paid_at < ${end}
      )
      SELECT to_char(date_trunc(${range.granularity}, paid_at AT TIME ZONE 'Asia/Jakarta'), 'YYYY-MM-DD') AS period,
             count(*)::int AS orders,
             sum(paid_amount - sandbox_amount)::text AS revenue
        FROM paid
       WHERE sandbox_amount = 0 OR paid_amount > sandbox_amount
       GROUP BY 1
       ORDER BY 1`,
    db().$queryRaw<{ account_number: string; bank_label: string | null; orders: number; revenue: string }[]>`
      SELECT m.account_number, max(m.bank_label) AS bank_label,
             count(DISTINCT o.id)::int AS orders, sum(p.amount)::text AS revenue
        FROM orders o
        JOIN payments p ON p.order_id = o.id AND p.undone_at IS NULL
        JOIN mutations m ON m.id = p.mutation_id AND NOT m.sandbox
       WHERE o.status IN ${Prisma.raw(sqlList(PAID))} AND o.paid_at >= ${start} AND o.paid_at < ${end}
       GROUP BY m.account_number
       ORDER BY sum(p.amount) DESC, m.account_number`,
    // The last match of each credit that is matched now, in the range: who made it and how long after the transfer arrived.
    db().$queryRaw<{ period: string; automatic: number; by_hand: number; median_minutes: number | null }[]>`
      WITH last_match AS (
        SELECT DISTINCT ON (h.mutation_id) h.action, h.created_at, m.received_at
          FROM history h
          JOIN mutations m ON m.id = h.mutation_id
         WHERE h.created_at >= ${start} AND h.created_at < ${end}
           AND h.action IN ('matched_automatically', 'confirmed', 'matched_by_hand', 'split')
           AND m.type = 'CR' AND m.match_state = 'matched' AND NOT m.sandbox
         ORDER BY h.mutation_id, h.created_at DESC, h.id DESC
      )
      SELECT to_char(date_trunc(${range.granularity}, created_at AT TIME ZONE 'Asia/Jakarta'), 'YYYY-MM-DD') AS period,
             (count(*) FILTER (WHERE action = 'matched_automatically'))::int AS automatic,
             (count(*) FILTER (WHERE action <> 'matched_automatically'))::int AS by_hand,
             round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM created_at - received_at) / 60))::numeric, 1)::float8 AS median_minutes
        FROM last_match
       GROUP BY 1
       ORDER BY 1`,
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
