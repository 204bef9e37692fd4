'use client';

import { compactNumber, ReportBarChart } from '@/app/(dashboard)/_components/bar-chart';
import { ReportFilters } from '@/app/(dashboard)/_components/report-filters';
import { useReport, type RefusedRange } from '@/app/(dashboard)/_components/use-report';
import { usePeriodName } from '@/app/(dashboard)/_components/use-period-name';
import { useLocale, useTranslations } from 'next-intl';
import { Card, EmptyState, Stat } from '@/components/ui/card';
import { RowHeader, Table, TD } from '@/components/ui/table';
import { formatRupiah } from '@/lib/format';
import type { AccountOption } from '@/lib/queries/accounts';
import type { CashFlowReport } from '@/lib/queries/cash-flow';

const rupiah = (amount: string) => formatRupiah(BigInt(amount));

export function CashFlowView({ initial, accounts, refused }: { initial: CashFlowReport; accounts: AccountOption[]; refused: RefusedRange }) {
  const t = useTranslations();
  const locale = useLocale();
  const { draft, problemText, change, data, isFetching, isError } = useReport<CashFlowReport>(
    '/api/dashboard/cash-flow',
    { ...initial.range, account: initial.account ?? '' },
    initial,
    refused,
  );
  const report = data ?? initial;
  const { range, rows, totals } = report;
  const granularity = t(`cashFlow.granularity.${range.granularity}`).toLowerCase();
  const periodName = usePeriodName(range.granularity);
  const dayName = usePeriodName('day', { markToday: false });
  const words = { granularity, from: dayName(range.from), to: dayName(range.to) };

  return (
    <div className="space-y-6">
      <ReportFilters
        idPrefix="cash-flow"
        value={draft}
        onChange={change}
        accounts={accounts}
        error={problemText}
        status={isError ? t('cashFlow.loadFailed') : isFetching ? t('cashFlow.updating') : ''}
      />

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Stat
          label={t('cashFlow.moneyIn')}
          value={rupiah(totals.moneyIn)}
          hint={`${totals.credits} ${t('cashFlow.credits').toLowerCase()}`}
          testId="cash-flow-total-in"
        />
        <Stat
          label={t('cashFlow.moneyOut')}
          value={rupiah(totals.moneyOut)}
          hint={`${totals.debits} ${t('cashFlow.debits').toLowerCase()}`}
          testId="cash-flow-total-out"
        />
        <Stat label={t('cashFlow.net')} value={rupiah(totals.net)} testId="cash-flow-total-net" />
      </div>

      <Card title={t('cashFlow.chartTitle')}>
        {totals.credits + totals.debits === 0 ? (
          <EmptyState title={t('cashFlow.noMutations')} />
        ) : (
          <ReportBarChart
            ariaLabel={t('cashFlow.chartLabel', words)}
            data={rows.map((row) => ({ label: periodName(row.period), moneyIn: Number(row.moneyIn), moneyOut: Number(row.moneyOut) }))}
            series={[
              { key: 'moneyIn', name: t('cashFlow.moneyIn'), color: '#047857' },
              { key: 'moneyOut', name: t('cashFlow.moneyOut'), color: '#be123c' },
            ]}
            formatValue={(value) => formatRupiah(BigInt(Math.round(value)))}
            formatTick={(value) => compactNumber(value, locale)}
          />
        )}
      </Card>

      <Card title={t('cashFlow.tableTitle')}>
        <Table
          region
          caption={t('cashFlow.tableCaption', words)}
          className="min-w-[36rem]"
          testId="cash-flow-table"
          columns={[
            t('cashFlow.period'),
            { label: t('cashFlow.moneyIn'), numeric: true },
            { label: t('cashFlow.moneyOut'), numeric: true },
            { label: t('cashFlow.net'), numeric: true },
            { label: t('cashFlow.credits'), numeric: true },
            { label: t('cashFlow.debits'), numeric: true },
          ]}
          rows={rows}
          foot={
            <tr>
              <RowHeader total>{t('cashFlow.total')}</RowHeader>
              <TD numeric data-cell="total-in">
                {rupiah(totals.moneyIn)}
              </TD>
              <TD numeric data-cell="total-out">
                {rupiah(totals.moneyOut)}
              </TD>
              <TD numeric>{rupiah(totals.net)}</TD>
              <TD numeric>{totals.credits}</TD>
              <TD numeric>{totals.debits}</TD>
            </tr>
          }
        >
          {(row) => (
            <tr key={row.period} data-period={row.period}>
              <RowHeader>{periodName(row.period)}</RowHeader>
              <TD numeric data-cell="money-in">
                {rupiah(row.moneyIn)}
              </TD>
              <TD numeric data-cell="money-out">
                {rupiah(row.moneyOut)}
              </TD>
              <TD numeric>{rupiah(String(BigInt(row.moneyIn) - BigInt(row.moneyOut)))}</TD>
              <TD numeric>{row.credits}</TD>
              <TD numeric>{row.debits}</TD>
            </tr>
          )}
        </Table>
      </Card>
    </div>
  );
}
