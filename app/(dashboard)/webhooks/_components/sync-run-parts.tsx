import type { useTranslations } from 'next-intl';
import { StatusBadge } from '@/components/ui/badge';
import type { SyncRunView } from '@/lib/next/sync-run-view';

type T = ReturnType<typeof useTranslations<never>>;

/** Why a run failed, in the reader's language, with the page it stopped at when it stopped reading one. */
export function syncRunFailure(run: SyncRunView, t: T): string | null {
  if (!run.error || !run.errorMessage) return null;
  return run.error.page !== null ? t('webhooks.syncRuns.failedAtPage', { page: run.error.page, error: run.errorMessage }) : run.errorMessage;
}

export function SyncRunStateBadge({ run, t }: { run: SyncRunView; t: T }) {
  return (
    <StatusBadge of="syncRun" value={run.state}>
      {t(`webhooks.syncRuns.state.${run.state}`)}
    </StatusBadge>
  );
}

/** "Page X of Y" as a bar: without a total yet (the worker has not read page 1) it says it is waiting. */
export function SyncProgress({ run, t }: { run: SyncRunView; t: T }) {
  const total = run.pagesTotal;
  const text = total === null ? t('webhooks.sync.waiting') : t('webhooks.sync.progress', { fetched: run.pagesFetched, last: total });
  const percent = total ? Math.min(100, Math.round((run.pagesFetched / total) * 100)) : 0;
  return (
    <div className="flex flex-col gap-1">
      <div
        role="progressbar"
        aria-label={t('webhooks.sync.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={total === null ? undefined : run.pagesFetched}
        aria-valuetext={text}
        data-testid="sync-progress"
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <div
          className={`h-full rounded-full transition-[width] ${run.state === 'failed' ? 'bg-red-600' : 'bg-emerald-600'} ${total === null ? 'w-1/4 animate-pulse' : ''}`}
          style={total === null ? undefined : { width: `${percent}%` }}
        />
      </div>
      <p className="text-sm tabular-nums text-slate-700 dark:text-slate-200">{text}</p>
    </div>
  );
}
