'use client';

import { compactNumber, ReportBarChart } from '@/app/(dashboard)/_components/bar-chart';
import { reportQuery } from '@/app/(dashboard)/_components/fetch-json';
import { ReportFilters } from '@/app/(dashboard)/_components/report-filters';
import { useReport, type RefusedRange } from '@/app/(dashboard)/_components/use-report';
import { usePeriodName } from '@/app/(dashboard)/_components/use-period-name';
import { useLocale, useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/button';
import { Card, EmptyState, Stat } from '@/components/ui/card';
import { RowHeader, Table, TD } from '@/components/ui/table';
import { formatPercent, formatRupiah } from '@/lib/format';
import type { RevenueReport } from '@/lib/queries/revenue';

const rupiah = (amount: string | null) => (amount === null ? '—' : formatRupiah(BigInt(amount)));

export function RevenueView({ initial, refused }: { initial: RevenueReport; refused: RefusedRange }) {
  const t = useTranslations();
  const locale = useLocale();
  const { draft, applied, problemText, change, data, isFetching, isError } = useReport<RevenueReport>(
    '/api/dashboard/revenue',
    initial.range,
    initial,
    refused,
  );
  const report = data ?? initial;
  const { range, rows, byAccount, matching, totals } = report;
  const granularity = t(`cashFlow.granularity.${range.granularity}`).toLowerCase();
  const periodName = usePeriodName(range.granularity);
  const dayName = usePeriodName('day', { markToday: false });
  const words = { granularity, from: dayName(range.from), to: dayName(range.to) };
  const percent = (value: number | null) => (value === null ? '—' : formatPercent(value, locale));
  const minutes = (value: number | null) =>
    value === null
      ? '—'
      : t('revenue.minutes', { value: new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 }).format(value) });
  const exportHref = `/api/dashboard/revenue/export?${reportQuery({ from: applied.from, to: applied.to, granularity: applied.granularity })}`;

  return (
    <div className="space-y-6">
      <ReportFilters idPrefix="revenue" value={draft} onChange={change} error={problemText} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p aria-live="polite" className="min-h-5 text-sm text-slate-600 dark:text-slate-400">
          {isError ? t('cashFlow.loadFailed') : isFetching ? t('cashFlow.updating') : ''}
        </p>
        <a href={exportHref} download className={buttonClass('secondary')}>
          {t('revenue.exportCsv')}
        </a>
      </div>

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label={t('revenue.totalRevenue')} value={rupiah(totals.revenue)} testId="revenue-total" />
        <Stat label={t('revenue.paidOrders')} value={totals.orders} testId="revenue-orders" />
        <Stat label={t('revenue.averageOrder')} value={rupiah(totals.averageOrder)} testId="revenue-average" />
        <Stat
          label={t('revenue.automaticShare')}
          value={percent(totals.automaticShare)}
          hint={t('revenue.automaticShareHint', { automatic: totals.automatic, byHand: totals.byHand })}
          testId="revenue-automatic-share"
        />
      </div>

      <Card title={t('revenue.revenueTitle')}>
        {totals.orders === 0 ? (
          <EmptyState title={t('revenue.noRevenue')} />
        ) : (
          <ReportBarChart
            ariaLabel={t('revenue.revenueChartLabel', words)}
            data={rows.map((row) => ({ label: periodName(row.period), revenue: Number(row.revenue) }))}
            series={[{ key: 'revenue', name: t('revenue.revenue'), color: '#047857' }]}
            formatValue={(value) => formatRupiah(BigInt(Math.round(value)))}
            formatTick={(value) => compactNumber(value, locale)}
          />
        )}
        <div className="mt-4">
          <Table
            region
            caption={t('revenue.revenueCaption', words)}
            className="min-w-[28rem]"
            testId="revenue-table"
            columns={[
              t('cashFlow.period'),
              { label: t('revenue.orders'), numeric: true },
              { label: t('revenue.revenue'), numeric: true },
              { label: t('revenue.averageOrder'), numeric: true },
            ]}
            rows={rows}
            foot={
              <tr>
                <RowHeader total>{t('cashFlow.total')}</RowHeader>
                <TD numeric>{totals.orders}</TD>
                <TD numeric>{rupiah(totals.revenue)}</TD>
                <TD numeric>{rupiah(totals.averageOrder)}</TD>
              </tr>
            }
          >
            {(row) => (
              <tr key={row.period}>
                <RowHeader>{periodName(row.period)}</RowHeader>
                <TD numeric>{row.orders}</TD>
                <TD numeric>{rupiah(row.revenue)}</TD>
                <TD numeric>{rupiah(row.averageOrder)}</TD>
              </tr>
            )}
          </Table>
        </div>
      </Card>

      <Card title={t('revenue.byAccountTitle')}>
        <Table
          region
          caption={t('revenue.byAccountCaption')}
          className="min-w-[24rem]"
          testId="revenue-by-account"
          columns={[t('common.account'), { label: t('revenue.orders'), numeric: true }, { label: t('revenue.revenue'), numeric: true }]}
          rows={byAccount}
          empty={<EmptyState title={t('revenue.noRevenue')} />}
        >
          {(row) => (
            <tr key={row.accountNumber}>
              <RowHeader>{row.name}</RowHeader>
              <TD numeric>{row.orders}</TD>
              <TD numeric>{rupiah(row.revenue)}</TD>
            </tr>
          )}
        </Table>
      </Card>

      <Card title={t('revenue.matchingTitle')}>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('revenue.matchingHint')}</p>
        {totals.automatic + totals.byHand > 0 && (
          <ReportBarChart
            ariaLabel={t('revenue.matchingChartLabel', words)}
            data={matching.map((row) => ({ label: periodName(row.period), automatic: row.automatic, byHand: row.byHand }))}
            series={[
              { key: 'automatic', name: t('revenue.automatic'), color: '#047857', stackId: 'matched' },
              { key: 'byHand', name: t('revenue.byHand'), color: '#b45309', stackId: 'matched' },
            ]}
            formatValue={(value) => String(value)}
            formatTick={(value) => compactNumber(value, locale)}
          />
        )}
        <div className="mt-4">
          <Table
            region
            caption={t('revenue.matchingCaption', words)}
            className="min-w-[32rem]"
            testId="matching-table"
            columns={[
              t('cashFlow.period'),
              { label: t('revenue.automatic'), numeric: true },
              { label: t('revenue.byHand'), numeric: true },
              { label: t('revenue.share'), numeric: true },
              { label: t('revenue.medianMinutes'), numeric: true },
            ]}
            rows={matching}
          >
            {(row) => (
              <tr key={row.period}>
                <RowHeader>{periodName(row.period)}</RowHeader>
                <TD numeric>{row.automatic}</TD>
                <TD numeric>{row.byHand}</TD>
                <TD numeric>{percent(row.automaticShare)}</TD>
                <TD numeric>{minutes(row.medianMinutes)}</TD>
              </tr>
            )}
          </Table>
        </div>
      </Card>
    </div>
  );
}
