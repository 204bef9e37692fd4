'use client';

import { RefusalReason } from './refusal-reason';
import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchJson } from '@/app/(dashboard)/_components/fetch-json';
import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { Badge, StatusBadge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/card';
import { LoadMore } from '@/components/ui/pager';
import { Table, TD } from '@/components/ui/table';
import { TextLink } from '@/components/ui/text-link';
import { formatDateTime } from '@/lib/format';
import type { DeliveryFilters, DeliveryPage } from '@/lib/queries/webhooks';
import { ProcessingBadge } from './delivery-badges';

const REFRESH_MS = 5_000;

function queryString(filters: DeliveryFilters, cursor: string | null): string {
  const params = new URLSearchParams();
  if (filters.failedOnly) params.set('failed', '1');
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.source) params.set('source', filters.source);
  if (filters.syncRunId) params.set('run', filters.syncRunId);
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

/** The log, polled: new calls appear at the top while the page is open. */
export function DeliveryLog({ filters, firstPage }: { filters: DeliveryFilters; firstPage: DeliveryPage }) {
  const t = useTranslations();
  const locale = useLocale();
  const query = useInfiniteQuery({
    queryKey: ['webhooks', filters],
    queryFn: ({ pageParam, signal }) => fetchJson<DeliveryPage>(`/api/dashboard/webhooks?${queryString(filters, pageParam)}`, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [firstPage], pageParams: [null] },
    refetchInterval: REFRESH_MS,
  });
  const rows = query.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = filters.failedOnly || filters.from !== null || filters.to !== null || filters.source !== null || filters.syncRunId !== null;

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
      ) : (
        <Table
          framed
          caption={t('webhooks.title')}
          columns={[
            t('webhooks.columns.time'),
            t('webhooks.columns.source'),
            t('webhooks.columns.signature'),
            { label: t('webhooks.columns.status'), numeric: true },
            t('webhooks.columns.mutations'),
            t('webhooks.columns.outcome'),
            t('webhooks.columns.processing'),
          ]}
          rows={rows}
          empty={<EmptyState title={filtered ? t('webhooks.emptyFiltered') : t('webhooks.empty')} />}
        >
          {(row) => (
            <tr key={row.id} data-testid="delivery-row" data-delivery-id={row.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
              <TD nowrap>
                <TextLink href={`/webhooks/${row.id}`} className="font-medium">
                  {formatDateTime(new Date(row.receivedAt), locale)}
                </TextLink>
              </TD>
              <TD nowrap className="font-mono text-xs">
                {row.sourceAddress}
                {row.source === 'apiSync' && row.syncRunId && (
                  <Link
                    href={`/webhooks/sync-runs/${row.syncRunId}`}
                    className="ml-2 font-sans"
                    aria-label={t('webhooks.fromSyncLabel', { time: formatDateTime(new Date(row.receivedAt), locale) })}
                    data-testid="delivery-sync-badge"
                  >
                    <Badge tone="blue">{t('webhooks.fromSync')}</Badge>
                  </Link>
                )}
                {row.source === 'statement' && (
                  <span className="ml-2 font-sans">
                    <Badge>{t('webhooks.sources.statement')}</Badge>
                  </span>
                )}
              </TD>
              <TD>
                <StatusBadge of="signature" value={row.signature}>
                  {t(`webhooks.signature.${row.signature}`)}
                </StatusBadge>
              </TD>
              <TD numeric>{row.httpStatus}</TD>
              <TD className="tabular-nums">
                {row.outcome !== 'rejected' ? t('webhooks.counts', { accepted: row.accepted, duplicates: row.duplicates }) : '—'}
              </TD>
              <TD>
                <StatusBadge of="outcome" value={row.outcome}>
                  {t(`webhooks.outcome.${row.outcome}`)}
                </StatusBadge>
                {row.reason && (
                  <p className="mt-1 max-w-xs text-xs text-slate-600 dark:text-slate-400">
                    <RefusalReason reason={row.reason} />
                  </p>
                )}
                {row.moreRefused > 0 && (
                  <p className="mt-1 max-w-xs text-xs font-medium text-red-700 dark:text-red-400" data-testid="delivery-more-refused">
                    {t('webhooks.moreRefused', { count: row.moreRefused, address: row.sourceAddress })}
                  </p>
                )}
              </TD>
              <TD nowrap>
                <ProcessingBadge summary={row.processing} t={t} />
              </TD>
            </tr>
          )}
        </Table>
      )}
      <LoadMore query={query} label={t('common.loadMore')} loadingLabel={t('common.loading')} />
    </div>
  );
}
