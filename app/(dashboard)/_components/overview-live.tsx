'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { fetchJson } from '@/app/(dashboard)/_components/fetch-json';
import { useLocale, useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/button';
import { StatusBadge } from '@/components/ui/badge';
import { Card, Stat } from '@/components/ui/card';
import { TextLink } from '@/components/ui/text-link';
import { formatAge, formatDateTime, formatPercent, formatRupiah } from '@/lib/format';
import type { Overview, PeriodFigures } from '@/lib/queries/overview';

export const OVERVIEW_POLL_MS = 5_000;

const rupiah = (amount: string) => formatRupiah(BigInt(amount));

/** The overview figures, refreshed every few seconds from /api/dashboard/overview. */
export function OverviewLive({ initial }: { initial: Overview }) {
  const t = useTranslations();
  const locale = useLocale();
  const { data, isError, dataUpdatedAt } = useQuery({
    queryKey: ['dashboard-overview'],
    queryFn: ({ signal }) => fetchJson<Overview>('/api/dashboard/overview', signal),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.generatedAt),
    refetchInterval: OVERVIEW_POLL_MS,
    staleTime: 0,
  });
  // A 304 hands back the kept figures with the time they were made: they are still current now.
  const now = new Date(Math.max(Date.parse(data.generatedAt), dataUpdatedAt));

  const rate = (figures: PeriodFigures) => (figures.matchedRate === null ? '—' : formatPercent(figures.matchedRate, locale));
  const rateHint = (figures: PeriodFigures) =>
    figures.credits === 0 ? t('overview.noCredits') : t('overview.matchedHint', { matched: figures.matchedCredits, credits: figures.credits });

  return (
    <div className="space-y-6">
      <p aria-live="polite" className="text-xs text-slate-600 dark:text-slate-400">
        {isError ? t('overview.refreshFailed') : t('overview.updatedAt', { time: formatDateTime(now, locale) })}
      </p>

      <section aria-labelledby="overview-today">
        <h2 id="overview-today" className="mb-2 text-sm font-semibold text-slate-700 dark:text-slate-200">
          {t('overview.today', { day: data.today.day })}
        </h2>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <Stat label={t('overview.moneyInToday')} value={rupiah(data.today.moneyIn)} testId="money-in-today" />
          <Stat label={t('overview.moneyOutToday')} value={rupiah(data.today.moneyOut)} testId="money-out-today" />
          <Stat label={t('overview.matchedRateToday')} value={rate(data.today)} hint={rateHint(data.today)} testId="matched-rate-today" />
        </div>
      </section>

      <section aria-labelledby="overview-month">
        <h2 id="overview-month" className="mb-2 text-sm font-semibold text-slate-700 dark:text-slate-200">
          {t('overview.thisMonth', { month: data.month.month })}
        </h2>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <Stat label={t('overview.moneyInMonth')} value={rupiah(data.month.moneyIn)} testId="money-in-month" />
          <Stat label={t('overview.moneyOutMonth')} value={rupiah(data.month.moneyOut)} testId="money-out-month" />
          <Stat label={t('overview.matchedRateMonth')} value={rate(data.month)} hint={rateHint(data.month)} testId="matched-rate-month" />
        </div>
      </section>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card
          title={t('overview.waitingTitle')}
          className="lg:col-span-2"
          action={
            <Link href="/unmatched" className={buttonClass('secondary', 'sm')}>
              {t('overview.viewAllWaiting')}
            </Link>
          }
        >
          <div className="mb-3 flex items-baseline gap-2" data-testid="waiting-count">
            <span className="text-2xl font-semibold tabular-nums text-slate-900 dark:text-slate-50">{data.waiting.count}</span>
            <span className="text-sm text-slate-600 dark:text-slate-400">{t('overview.waitingHint')}</span>
          </div>
          {data.waiting.oldest.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t('overview.waitingEmpty')}</p>
          ) : (
            <>
              <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">{t('overview.oldestWaiting')}</h3>
              <ul className="divide-y divide-slate-100 dark:divide-slate-800">
                {data.waiting.oldest.map((transfer) => (
                  <li key={transfer.id}>
                    <Link
                      href="/unmatched"
                      className="flex flex-wrap items-center justify-between gap-2 py-2 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-emerald-700 dark:hover:bg-slate-800"
                    >
                      <span className="min-w-0">
                        <span className="block font-medium tabular-nums text-slate-900 dark:text-slate-50">{rupiah(transfer.amount)}</span>
                        <span className="block truncate text-xs text-slate-600 dark:text-slate-400">
                          {transfer.bankLabel ?? transfer.accountNumber} · {transfer.description}
                        </span>
                      </span>
                      <span className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                        <StatusBadge of="matchState" value={transfer.matchState}>
                          {t(`common.matchState.${transfer.matchState}`)}
                        </StatusBadge>
                        {t('overview.receivedAge', { age: formatAge(new Date(transfer.receivedAt), now, locale) })}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>

        <div className="space-y-4">
          <Stat
            label={t('overview.openOrders')}
            value={data.openOrders}
            hint={<TextLink href="/orders">{t('overview.viewOrders')}</TextLink>}
            testId="open-orders"
          />
          <Card
            title={t('overview.failuresTitle')}
            action={
              <Link href="/webhooks" className={buttonClass('secondary', 'sm')}>
                {t('overview.viewWebhooks')}
              </Link>
            }
          >
            <dl className="space-y-2 text-sm">
              <div className="flex items-baseline justify-between gap-2" data-testid="rejected-today">
                <dt className="text-slate-600 dark:text-slate-400">{t('overview.rejectedToday')}</dt>
                <dd
                  className={`text-lg font-semibold tabular-nums ${data.failures.rejectedToday > 0 ? 'text-red-700 dark:text-red-400' : 'text-slate-900 dark:text-slate-50'}`}
                >
                  {data.failures.rejectedToday}
                </dd>
              </div>
              <div className="flex items-baseline justify-between gap-2" data-testid="dead-mutations">
                <dt className="text-slate-600 dark:text-slate-400">
                  {t('overview.deadMutations')}
                  <span className="block text-xs">{t('overview.deadHint')}</span>
                </dt>
                <dd
                  className={`text-lg font-semibold tabular-nums ${data.failures.deadMutations > 0 ? 'text-red-700 dark:text-red-400' : 'text-slate-900 dark:text-slate-50'}`}
                >
                  {data.failures.deadMutations}
                </dd>
              </div>
            </dl>
          </Card>
        </div>
      </div>
    </div>
  );
}
