import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { Facts } from '@/components/ui/facts';
import { PageHeader } from '@/components/ui/page-header';
import { TextLink } from '@/components/ui/text-link';
import { formatDateTime, formatDuration } from '@/lib/format';
import { requireUser } from '@/lib/next/session';
import { syncRunView } from '@/lib/next/sync-run-view';
import { getSyncRun } from '@/lib/queries/sync-runs';
import { SyncRunStateBadge, syncRunFailure } from '../../_components/sync-run-parts';

/** One sync run: what it was asked for, how far it got, and the pages it stored in the log. */
export default async function SyncRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser('view', `/webhooks/sync-runs/${id}`);
  const found = await getSyncRun(id);
  if (!found) notFound();
  const run = await syncRunView(found);
  const t = await getTranslations();
  const locale = await getLocale();
  const failure = syncRunFailure(run, t);

  const facts: [string, ReactNode][] = [
    [t('webhooks.syncRuns.columns.started'), formatDateTime(new Date(run.startedAt), locale)],
    [t('webhooks.syncRuns.columns.trigger'), t(`webhooks.syncRuns.trigger.${run.trigger}`)],
    [t('webhooks.syncRuns.detail.requestedBy'), run.requestedBy],
    [t('webhooks.syncRuns.columns.window'), t('webhooks.syncRuns.window', { from: run.windowFrom, to: run.windowTo })],
    [t('webhooks.syncRuns.columns.accounts'), run.account ?? t('webhooks.syncRuns.allAccounts', { count: run.accounts })],
    [t('webhooks.syncRuns.columns.pages'), t('webhooks.syncRuns.pages', { fetched: run.pagesFetched, last: run.pagesTotal ?? '—' })],
    [t('webhooks.syncRuns.columns.mutations'), t('webhooks.counts', { accepted: run.mutationsNew, duplicates: run.mutationsKnown })],
    [t('webhooks.syncRuns.columns.state'), <SyncRunStateBadge key="state" run={run} t={t} />],
    [t('webhooks.syncRuns.detail.finishedAt'), run.finishedAt ? formatDateTime(new Date(run.finishedAt), locale) : '—'],
    [t('webhooks.syncRuns.columns.duration'), run.durationMs === null ? '—' : formatDuration(run.durationMs, locale)],
  ];
  if (failure)
    facts.push([
      t('webhooks.syncRuns.detail.error'),
      <span key="error" className="text-red-800 dark:text-red-300">
        {failure}
      </span>,
    ]);

  return (
    <>
      <PageHeader
        title={t('webhooks.syncRuns.detail.title')}
        description={formatDateTime(new Date(run.startedAt), locale)}
        back={{ href: '/webhooks#sync-runs', label: t('webhooks.syncRuns.detail.back') }}
      />
      <Card>
        <Facts items={facts} />
        <p className="mt-4 text-sm">
          <TextLink href={`/webhooks?run=${run.id}`}>{t('webhooks.syncRuns.pagesLink')}</TextLink>
        </p>
      </Card>
    </>
  );
}
