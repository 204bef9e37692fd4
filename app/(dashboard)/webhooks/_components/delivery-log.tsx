'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import type { DeliveryFilters, DeliveryPage } from '@/lib/queries/webhooks';
import { OutcomeBadge, ProcessingBadge, SignatureBadge } from './delivery-badges';

const REFRESH_MS = 5_000;

function queryString(filters: DeliveryFilters, cursor: string | null): string {
  const params = new URLSearchParams();
  if (filters.failedOnly) params.set('failed', '1');
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

/** The log, polled: new calls appear at the top while the page is open. */
export function DeliveryLog({ filters, firstPage }: { filters: DeliveryFilters; firstPage: DeliveryPage }) {
  const t = useTranslations();
  const locale = useLocale();
  const query = useInfiniteQuery({
    queryKey: ['webhooks', filters],
    queryFn: async ({ pageParam }): Promise<DeliveryPage> => {
      const response = await fetch(`/api/dashboard/webhooks?${queryString(filters, pageParam)}`, { cache: 'no-store' });
      if (!response.ok) throw new Error(`webhook log: HTTP ${response.status}`);
      return response.json();
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [firstPage], pageParams: [null] },
    refetchInterval: REFRESH_MS,
  });
  const rows = query.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = filters.failedOnly || filters.from !== null || filters.to !== null;

  return (
    <div className="space-y-3">
      <p className="flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
        <span className={`inline-block h-2 w-2 rounded-full ${query.isFetching ? 'bg-amber-500' : 'bg-emerald-600'}`} aria-hidden="true" />
        {query.isFetching ? t('webhooks.updating') : t('webhooks.live')}
      </p>
      {query.isError && rows.length === 0 ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {t('webhooks.loadFailed')}
        </p>
      ) : rows.length === 0 ? (
        <EmptyState title={filtered ? t('webhooks.emptyFiltered') : t('webhooks.empty')} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              <tr>
                <th scope="col" className="px-3 py-2">{t('webhooks.columns.time')}</th>
                <th scope="col" className="px-3 py-2">{t('webhooks.columns.source')}</th>
                <th scope="col" className="px-3 py-2">{t('webhooks.columns.signature')}</th>
                <th scope="col" className="px-3 py-2">{t('webhooks.columns.status')}</th>
                <th scope="col" className="px-3 py-2">{t('webhooks.columns.mutations')}</th>
                <th scope="col" className="px-3 py-2">{t('webhooks.columns.outcome')}</th>
                <th scope="col" className="px-3 py-2">{t('webhooks.columns.processing')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {rows.map((row) => (
                <tr key={row.id} data-testid="delivery-row" data-delivery-id={row.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <td className="whitespace-nowrap px-3 py-2">
                    <Link
                      href={`/webhooks/${row.id}`}
                      className="font-medium text-emerald-800 underline-offset-2 hover:underline dark:text-emerald-300"
                    >
                      {formatDateTime(new Date(row.receivedAt), locale)}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{row.sourceAddress}</td>
                  <td className="px-3 py-2"><SignatureBadge signature={row.signature} t={t} /></td>
                  <td className="px-3 py-2 tabular-nums">{row.httpStatus}</td>
                  <td className="px-3 py-2 tabular-nums">
                    {row.outcome === 'accepted' ? t('webhooks.counts', { accepted: row.accepted, duplicates: row.duplicates }) : '—'}
                  </td>
                  <td className="px-3 py-2">
                    <OutcomeBadge outcome={row.outcome} t={t} />
                    {row.reason && <p className="mt-1 max-w-xs text-xs text-slate-600 dark:text-slate-400">{row.reason}</p>}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2"><ProcessingBadge summary={row.processing} t={t} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {query.hasNextPage && (
        <Button variant="secondary" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
        </Button>
      )}
    </div>
  );
}
