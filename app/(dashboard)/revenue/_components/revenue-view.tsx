'use client';

import { compactNumber, ReportBarChart } from '@/app/(dashboard)/_components/bar-chart';
import { reportQuery } from '@/app/(dashboard)/_components/fetch-json';
import { ReportFilters } from '@/app/(dashboard)/_components/report-filters';
import { useReport } from '@/app/(dashboard)/_components/use-report';
import { useLocale, useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/button';
import { Card, EmptyState, Stat } from '@/components/ui/card';
import { formatPercent, formatRupiah } from '@/lib/format';
import type { RevenueReport } from '@/lib/queries/revenue';

const rupiah = (amount: string | null) => (amount === null ? '—' : formatRupiah(BigInt(amount)));
const th = 'py-2 pr-4 font-medium';
const numTh = `${th} text-right`;
const td = 'py-1.5 pr-4 text-right';

export function RevenueView({ initial }: { initial: RevenueReport }) {
  const t = useTranslations();
  const locale = useLocale();
  const { draft, applied, invalid, change, data, isFetching, isError } = useReport<RevenueReport>('/api/dashboard/revenue', initial.range, initial);
  const report = data ?? initial;
  const { range, rows, byAccount, matching, totals } = report;
  const granularity = t(`cashFlow.granularity.${range.granularity}`).toLowerCase();
  const words = { granularity, from: range.from, to: range.to };
  const percent = (value: number | null) => (value === null ? '—' : formatPercent(value, locale));
  const minutes = (value: number | null) =>
    value === null ? '—' : t('revenue.minutes', { value: new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 }).format(value) });
  const exportHref = `/api/dashboard/revenue/export?${reportQuery({ from: applied.from, to: applied.to, granularity: applied.granularity })}`;

  return (
    <div className="space-y-6">
      <ReportFilters idPrefix="revenue" value={draft} onChange={change} error={invalid ? t('cashFlow.rangeInvalid') : null} />
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
            data={rows.map((row) => ({ label: row.label, revenue: Number(row.revenue) }))}
            series={[{ key: 'revenue', name: t('revenue.revenue'), color: '#047857' }]}
            formatValue={(value) => formatRupiah(BigInt(Math.round(value)))}
            formatTick={(value) => compactNumber(value, locale)}
          />
        )}
        <div className="mt-4 overflow-x-auto" tabIndex={0} role="region" aria-label={t('revenue.revenueCaption', words)}>
          <table className="w-full min-w-[28rem] text-sm" data-testid="revenue-table">
            <caption className="sr-only">{t('revenue.revenueCaption', words)}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600 dark:border-slate-700 dark:text-slate-300">
                <th scope="col" className={th}>{t('cashFlow.period')}</th>
                <th scope="col" className={numTh}>{t('revenue.orders')}</th>
                <th scope="col" className={numTh}>{t('revenue.revenue')}</th>
                <th scope="col" className={numTh}>{t('revenue.averageOrder')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.period} className="border-b border-slate-100 tabular-nums dark:border-slate-800">
                  <th scope="row" className="py-1.5 pr-4 text-left font-normal">{row.label}</th>
                  <td className={td}>{row.orders}</td>
                  <td className={td}>{rupiah(row.revenue)}</td>
                  <td className={td}>{rupiah(row.averageOrder)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="font-semibold tabular-nums">
                <th scope="row" className="py-2 pr-4 text-left">{t('cashFlow.total')}</th>
                <td className={td}>{totals.orders}</td>
                <td className={td}>{rupiah(totals.revenue)}</td>
                <td className={td}>{rupiah(totals.averageOrder)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </Card>

      <Card title={t('revenue.byAccountTitle')}>
        {byAccount.length === 0 ? (
          <EmptyState title={t('revenue.noRevenue')} />
        ) : (
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t('revenue.byAccountCaption')}>
            <table className="w-full min-w-[24rem] text-sm" data-testid="revenue-by-account">
              <caption className="sr-only">{t('revenue.byAccountCaption')}</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-600 dark:border-slate-700 dark:text-slate-300">
                  <th scope="col" className={th}>{t('common.account')}</th>
                  <th scope="col" className={numTh}>{t('revenue.orders')}</th>
                  <th scope="col" className={numTh}>{t('revenue.revenue')}</th>
                </tr>
              </thead>
              <tbody>
                {byAccount.map((row) => (
                  <tr key={row.accountNumber} className="border-b border-slate-100 tabular-nums dark:border-slate-800">
                    <th scope="row" className="py-1.5 pr-4 text-left font-normal">
                      {row.bankLabel ? `${row.bankLabel} · ${row.accountNumber}` : row.accountNumber}
                    </th>
                    <td className={td}>{row.orders}</td>
                    <td className={td}>{rupiah(row.revenue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card title={t('revenue.matchingTitle')}>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('revenue.matchingHint')}</p>
        {totals.automatic + totals.byHand > 0 && (
          <ReportBarChart
            ariaLabel={t('revenue.matchingChartLabel', words)}
            data={matching.map((row) => ({ label: row.label, automatic: row.automatic, byHand: row.byHand }))}
            series={[
              { key: 'automatic', name: t('revenue.automatic'), color: '#047857', stackId: 'matched' },
              { key: 'byHand', name: t('revenue.byHand'), color: '#b45309', stackId: 'matched' },
            ]}
            formatValue={(value) => String(value)}
            formatTick={(value) => compactNumber(value, locale)}
          />
        )}
        <div className="mt-4 overflow-x-auto" tabIndex={0} role="region" aria-label={t('revenue.matchingCaption', words)}>
          <table className="w-full min-w-[32rem] text-sm" data-testid="matching-table">
            <caption className="sr-only">{t('revenue.matchingCaption', words)}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600 dark:border-slate-700 dark:text-slate-300">
                <th scope="col" className={th}>{t('cashFlow.period')}</th>
                <th scope="col" className={numTh}>{t('revenue.automatic')}</th>
                <th scope="col" className={numTh}>{t('revenue.byHand')}</th>
                <th scope="col" className={numTh}>{t('revenue.share')}</th>
                <th scope="col" className={numTh}>{t('revenue.medianMinutes')}</th>
              </tr>
            </thead>
            <tbody>
              {matching.map((row) => (
                <tr key={row.period} className="border-b border-slate-100 tabular-nums dark:border-slate-800">
                  <th scope="row" className="py-1.5 pr-4 text-left font-normal">{row.label}</th>
                  <td className={td}>{row.automatic}</td>
                  <td className={td}>{row.byHand}</td>
                  <td className={td}>{percent(row.automaticShare)}</td>
                  <td className={td}>{minutes(row.medianMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
