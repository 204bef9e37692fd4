'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { fetchJson } from '@/app/(dashboard)/_components/fetch-json';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { TextLink } from '@/components/ui/text-link';
import type { StatementImportProgress } from '@/lib/queries/statements';

const POLL_MS = 1_000;
const finished = (progress: StatementImportProgress | undefined) => progress?.state === 'done' || progress?.state === 'failed';

/** The background import followed until it is done, then what it did. */
export function ImportProgress({ importId, onAnother }: { importId: string; onAnother: () => void }) {
  const t = useTranslations();
  const router = useRouter();
  const query = useQuery({
    queryKey: ['statement-import', importId],
    queryFn: ({ signal }) => fetchJson<StatementImportProgress>(`/api/dashboard/statements/${importId}`, signal),
    refetchInterval: (current) => (finished(current.state.data) ? false : POLL_MS),
  });
  const progress = query.data;
  const done = finished(progress);

  // The list of past imports is server-rendered: show this one there once it is finished.
  useEffect(() => {
    if (done) router.refresh();
  }, [done, router]);

  if (progress?.state === 'done') {
    return (
      <Card title={t('statements.summary.title')}>
        <p role="status" className="text-sm text-slate-800 dark:text-slate-200" data-testid="import-summary">
          {t('statements.summary.text', {
            new: progress.mutationsNew,
            seen: progress.seen,
            imported: progress.alreadyImported,
            possible: progress.possibleDuplicates,
            problems: progress.problems,
          })}
        </p>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <TextLink href={`/statements/${importId}`}>{t('statements.summary.open')}</TextLink>
          <Button variant="secondary" onClick={onAnother}>
            {t('statements.summary.another')}
          </Button>
        </div>
      </Card>
    );
  }

  return (
    <Card title={t('statements.progress.title')}>
      {progress?.state === 'failed' ? (
        <div className="flex flex-wrap items-center gap-3">
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {t('statements.progress.failed', {
              message: progress.error ? t(`errors.${progress.error.code}`, progress.error.params) : '—',
            })}
          </p>
          <Button variant="secondary" onClick={onAnother}>
            {t('statements.summary.another')}
          </Button>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <progress
            className="h-2 min-w-40 flex-1 accent-emerald-700"
            value={progress?.rowsDone ?? 0}
            max={Math.max(progress?.rowsTotal ?? 1, 1)}
            aria-label={t('statements.progress.title')}
          />
          <span role="status" className="text-sm tabular-nums text-slate-700 dark:text-slate-300" data-testid="import-progress">
            {!progress || progress.state === 'queued'
              ? t('statements.progress.queued')
              : t('statements.progress.rows', { done: progress.rowsDone, total: progress.rowsTotal })}
          </span>
          {query.isError && <span className="text-xs text-amber-700 dark:text-amber-400">{t('statements.progress.loadFailed')}</span>}
        </div>
      )}
    </Card>
  );
}
