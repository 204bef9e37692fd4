import { csvDecimal, csvText, type CsvSeparator } from '@/lib/csv/writer';
import type { RevenueReport } from '@/lib/queries/revenue';

/** The revenue file's columns, in order: the route names them in the reader's language. */
export const REVENUE_CSV_COLUMNS = [
  'periodStart',
  'period',
  'paidOrders',
  'revenue',
  'averageOrder',
  'automatic',
  'byHand',
  'automaticShare',
  'medianMinutes',
] as const;

export type RevenueCsvColumn = (typeof REVENUE_CSV_COLUMNS)[number];

export interface RevenueCsvLabels {
  columns: Record<RevenueCsvColumn, string>;
  /** A period's name as people read it ("Minggu 48 (23–29 Nov)"), from its key. */
  periodName: (key: string) => string;
  total: string;
}

/**
 * The revenue report per period as a CSV file for Excel in the reader's language: byte order mark,
 * translated header, amounts in integer rupiah, fractions with the language's decimal mark,
 * ending in a total line.
 */
export function revenueCsv(report: Pick<RevenueReport, 'rows' | 'matching' | 'totals'>, separator: CsvSeparator, labels: RevenueCsvLabels): string {
  const records = report.rows.map((row, index) => {
    const match = report.matching[index]!;
    return [
      row.period,
      labels.periodName(row.period),
      row.orders,
      row.revenue,
      row.averageOrder,
      match.automatic,
      match.byHand,
      csvDecimal(match.automaticShare, 4, separator),
      match.medianMinutes === null ? null : csvDecimal(match.medianMinutes, 1, separator),
    ];
  });
  const t = report.totals;
  records.push([
    labels.total,
    labels.total,
    t.orders,
    t.revenue,
    t.averageOrder,
    t.automatic,
    t.byHand,
    csvDecimal(t.automaticShare, 4, separator),
    null,
  ]);
  return csvText(
    REVENUE_CSV_COLUMNS.map((column) => labels.columns[column]),
    records,
    separator,
  );
}
