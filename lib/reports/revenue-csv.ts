import { csvCell } from '@/lib/csv/writer';
import type { RevenueReport } from '@/lib/queries/revenue';

export const REVENUE_CSV_HEADER = [
  'period_start',
  'period',
  'paid_orders',
  'revenue_idr',
  'average_order_idr',
  'matched_automatically',
  'matched_by_hand',
  'automatic_share',
  'median_minutes_to_match',
] as const;

/** The revenue report per period as CSV (plain integers, machine-readable), ending in a total line. */
export function revenueCsv(report: Pick<RevenueReport, 'rows' | 'matching' | 'totals'>): string {
  const lines = [REVENUE_CSV_HEADER.join(',')];
  report.rows.forEach((row, index) => {
    const match = report.matching[index]!;
    lines.push(
      [
        row.period,
        row.label,
        row.orders,
        row.revenue,
        row.averageOrder,
        match.automatic,
        match.byHand,
        match.automaticShare === null ? null : match.automaticShare.toFixed(4),
        match.medianMinutes,
      ]
        .map(csvCell)
        .join(','),
    );
  });
  const t = report.totals;
  lines.push(
    [
      'total',
      'total',
      t.orders,
      t.revenue,
      t.averageOrder,
      t.automatic,
      t.byHand,
      t.automaticShare === null ? null : t.automaticShare.toFixed(4),
      null,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${lines.join('\r\n')}\r\n`;
}
