import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { fillPeriods, periodKeys, periodLabel } from '@/lib/reports/periods';
import type { ReportRange } from '@/lib/reports/range';
import { sumAmounts } from '@/lib/reports/totals';
import { z } from 'zod';

/** The account the cash flow is narrowed to (its Moota bank id), beside the report range's parameters. */
export const cashFlowParams = z.object({
  account: z
    .string()
    .optional()
    .transform((account) => (account && account.length <= 100 ? account : null)),
});

export interface CashFlowRow {
  /** The day the period starts, YYYY-MM-DD. */
  period: string;
  label: string;
  /** Integer rupiah as decimal strings. */
  moneyIn: string;
  moneyOut: string;
  credits: number;
  debits: number;
}

export interface CashFlowReport {
  range: ReportRange;
  account: string | null;
  rows: CashFlowRow[];
  totals: { moneyIn: string; moneyOut: string; net: string; credits: number; debits: number };
}

/**
 * Money in (credits) and out (debits) per Jakarta day, ISO week or month of the bank's date,
 * summed exactly from the daily summary (`mutation_days`); periods without mutations are filled with zeros. Sandbox money is never counted.
 */
export async function cashFlow(range: ReportRange, account: string | null = null): Promise<CashFlowReport> {
  const byAccount = account ? Prisma.sql`AND bank_id = ${account}` : Prisma.empty;
  const rows = await db().$queryRaw<{ period: string; money_in: string; money_out: string; credits: number; debits: number }[]>`
    SELECT to_char(date_trunc(${range.granularity}, day::timestamp), 'YYYY-MM-DD') AS period,
           COALESCE(sum(amount) FILTER (WHERE type = 'CR'), 0)::text AS money_in,
           COALESCE(sum(amount) FILTER (WHERE type = 'DB'), 0)::text AS money_out,
           COALESCE(sum(mutations) FILTER (WHERE type = 'CR'), 0)::int AS credits,
           COALESCE(sum(mutations) FILTER (WHERE type = 'DB'), 0)::int AS debits
      FROM mutation_days
     WHERE day >= ${range.from}::date AND day <= ${range.to}::date AND NOT sandbox ${byAccount}
     GROUP BY 1
    HAVING sum(mutations) <> 0
     ORDER BY 1`;
  const filled = fillPeriods(
    rows.map((row) => ({ period: row.period, moneyIn: row.money_in, moneyOut: row.money_out, credits: row.credits, debits: row.debits })),
    periodKeys(range.from, range.to, range.granularity),
    (period) => ({ period, moneyIn: '0', moneyOut: '0', credits: 0, debits: 0 }),
  ).map((row) => ({ ...row, label: periodLabel(row.period, range.granularity) }));
  const moneyIn = sumAmounts(filled.map((row) => row.moneyIn));
  const moneyOut = sumAmounts(filled.map((row) => row.moneyOut));
  return {
    range,
    account,
    rows: filled,
    totals: {
      moneyIn: String(moneyIn),
      moneyOut: String(moneyOut),
      net: String(moneyIn - moneyOut),
      credits: filled.reduce((sum, row) => sum + row.credits, 0),
      debits: filled.reduce((sum, row) => sum + row.debits, 0),
    },
  };
}
