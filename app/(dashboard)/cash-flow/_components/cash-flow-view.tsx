'use client';

import { compactNumber, ReportBarChart } from '@/app/(dashboard)/_components/bar-chart';
import { ReportFilters } from '@/app/(dashboard)/_components/report-filters';
import { useReport } from '@/app/(dashboard)/_components/use-report';
import { useLocale, useTranslations } from 'next-intl';
import { Card, EmptyState, Stat } from '@/components/ui/card';
import { formatRupiah } from '@/lib/format';
import type { AccountOption, CashFlowReport } from '@/lib/queries/cash-flow';

const rupiah = (amount: string) => formatRupiah(BigInt(amount));

export function CashFlowView({ initial, accounts }: { initial: CashFlowReport; accounts: AccountOption[] }) {
  const t = useTranslations();
  const locale = useLocale();
  const { draft, invalid, change, data, isFetching, isError } = useReport<CashFlowReport>(
    '/api/dashboard/cash-flow',
    { ...initial.range, account: initial.account ?? '' },
    initial,
  );
  const report = data ?? initial;
  const { range, rows, totals } = report;
  const granularity = t(`cashFlow.granularity.${range.granularity}`).toLowerCase();
  const words = { granularity, from: range.from, to: range.to };

  return (
    <div className="space-y-6">
      <ReportFilters idPrefix="cash-flow" value={draft} onChange={change} accounts={accounts} error={invalid ? t('cashFlow.rangeInvalid') : null} />
      <p aria-live="polite" className="min-h-5 text-sm text-slate-600 dark:text-slate-400">
        {isError ? t('cashFlow.loadFailed') : isFetching ? t('cashFlow.updating') : ''}
      </p>

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Stat label={t('cashFlow.moneyIn')} value={rupiah(totals.moneyIn)} hint={`${totals.credits} ${t('cashFlow.credits').toLowerCase()}`} testId="cash-flow-total-in" />
        <Stat label={t('cashFlow.moneyOut')} value={rupiah(totals.moneyOut)} hint={`${totals.debits} ${t('cashFlow.debits').toLowerCase()}`} testId="cash-flow-total-out" />
        <Stat label={t('cashFlow.net')} value={rupiah(totals.net)} testId="cash-flow-total-net" />
      </div>

      <Card title={t('cashFlow.chartTitle')}>
        {totals.credits + totals.debits === 0 ? (
          <EmptyState title={t('cashFlow.noMutations')} />
        ) : (
          <ReportBarChart
            ariaLabel={t('cashFlow.chartLabel', words)}
            data={rows.map((row) => ({ label: row.label, moneyIn: Number(row.moneyIn), moneyOut: Number(row.moneyOut) }))}
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
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t('cashFlow.tableCaption', words)}>
          <table className="w-full min-w-[36rem] text-sm" data-testid="cash-flow-table">
            <caption className="sr-only">{t('cashFlow.tableCaption', words)}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600 dark:border-slate-700 dark:text-slate-300">
                <th scope="col" className="py-2 pr-4 font-medium">{t('cashFlow.period')}</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">{t('cashFlow.moneyIn')}</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">{t('cashFlow.moneyOut')}</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">{t('cashFlow.net')}</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">{t('cashFlow.credits')}</th>
                <th scope="col" className="py-2 text-right font-medium">{t('cashFlow.debits')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.period} className="border-b border-slate-100 tabular-nums dark:border-slate-800" data-period={row.period}>
                  <th scope="row" className="py-1.5 pr-4 text-left font-normal">{row.label}</th>
                  <td className="py-1.5 pr-4 text-right" data-cell="money-in">{rupiah(row.moneyIn)}</td>
                  <td className="py-1.5 pr-4 text-right" data-cell="money-out">{rupiah(row.moneyOut)}</td>
                  <td className="py-1.5 pr-4 text-right">{rupiah(String(BigInt(row.moneyIn) - BigInt(row.moneyOut)))}</td>
                  <td className="py-1.5 pr-4 text-right">{row.credits}</td>
                  <td className="py-1.5 text-right">{row.debits}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="font-semibold tabular-nums">
                <th scope="row" className="py-2 pr-4 text-left">{t('cashFlow.total')}</th>
                <td className="py-2 pr-4 text-right" data-cell="total-in">{rupiah(totals.moneyIn)}</td>
                <td className="py-2 pr-4 text-right" data-cell="total-out">{rupiah(totals.moneyOut)}</td>
                <td className="py-2 pr-4 text-right">{rupiah(totals.net)}</td>
                <td className="py-2 pr-4 text-right">{totals.credits}</td>
                <td className="py-2 text-right">{totals.debits}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </Card>
    </div>
  );
}
