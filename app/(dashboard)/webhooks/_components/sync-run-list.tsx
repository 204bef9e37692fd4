'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { fetchJson } from '@/app/(dashboard)/_components/fetch-json';
import { EmptyState } from '@/components/ui/card';
import { LoadMore } from '@/components/ui/pager';
import { Table, TD } from '@/components/ui/table';
import { TextLink } from '@/components/ui/text-link';
import { formatDateTime, formatDuration } from '@/lib/format';
import type { SyncRunViewPage } from '@/lib/next/sync-run-view';
import { SyncRunStateBadge, syncRunFailure } from './sync-run-parts';

const REFRESH_MS = 5_000;

/** The sync runs beside the webhook calls in the audit log, newest first, polled. */
export function SyncRunList({ firstPage }: { firstPage: SyncRunViewPage }) {
  const t = useTranslations();
  const locale = useLocale();
  const query = useInfiniteQuery({
    queryKey: ['sync-runs'],
    queryFn: ({ pageParam, signal }) =>
      fetchJson<SyncRunViewPage>(`/api/dashboard/sync-runs${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [firstPage], pageParams: [null] },
    refetchInterval: REFRESH_MS,
  });
  const rows = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section id="sync-runs" aria-labelledby="sync-runs-title" className="mb-8 scroll-mt-4">
      <h2 id="sync-runs-title" className="mb-2 text-lg font-semibold text-slate-900 dark:text-slate-50">
        {t('webhooks.syncRuns.title')}
      </h2>
      <Table
        framed
        region
        testId="sync-runs"
        caption={t('webhooks.syncRuns.title')}
        columns={[
          t('webhooks.syncRuns.columns.started'),
          t('webhooks.syncRuns.columns.trigger'),
          t('webhooks.syncRuns.columns.window'),
          t('webhooks.syncRuns.columns.accounts'),
          { label: t('webhooks.syncRuns.columns.pages'), numeric: true },
          { label: t('webhooks.syncRuns.columns.mutations'), numeric: true },
          t('webhooks.syncRuns.columns.state'),
          { label: t('webhooks.syncRuns.columns.duration'), numeric: true },
        ]}
        rows={rows}
        empty={<EmptyState title={t('webhooks.syncRuns.empty')} />}
      >
        {(run) => {
          const started = formatDateTime(new Date(run.startedAt), locale);
          const failure = syncRunFailure(run, t);
          return (
            <tr key={run.id} data-testid="sync-run-row" data-run-id={run.id}>
              <TD nowrap>
                <TextLink
                  href={`/webhooks/sync-runs/${run.id}`}
                  aria-label={t('webhooks.syncRuns.openRun', { time: started })}
                  className="font-medium"
                >
                  {started}
                </TextLink>
              </TD>
              <TD>
                {t(`webhooks.syncRuns.trigger.${run.trigger}`)}
                {run.trigger !== 'schedule' && (
                  <span className="block max-w-[14rem] truncate text-xs text-slate-500 dark:text-slate-400" title={run.requestedBy}>
                    {t('webhooks.syncRuns.by', { who: run.requestedBy })}
                  </span>
                )}
              </TD>
              <TD nowrap className="tabular-nums">
                {run.windowFrom === run.windowTo ? run.windowFrom : t('webhooks.syncRuns.window', { from: run.windowFrom, to: run.windowTo })}
              </TD>
              <TD nowrap>{run.account ?? t('webhooks.syncRuns.allAccounts', { count: run.accounts })}</TD>
              <TD numeric>{t('webhooks.syncRuns.pages', { fetched: run.pagesFetched, last: run.pagesTotal ?? '—' })}</TD>
              <TD numeric>{t('webhooks.counts', { accepted: run.mutationsNew, duplicates: run.mutationsKnown })}</TD>
              <TD>
                <SyncRunStateBadge run={run} t={t} />
                {failure && <p className="mt-1 max-w-xs text-xs text-red-800 dark:text-red-300">{failure}</p>}
              </TD>
              <TD numeric>{run.durationMs === null ? '—' : formatDuration(run.durationMs, locale)}</TD>
            </tr>
          );
        }}
      </Table>
      <LoadMore query={query} label={t('common.loadMore')} loadingLabel={t('common.loading')} className="mt-3" />
    </section>
  );
}
