import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { LiveRefresh } from '@/app/(dashboard)/_components/live-refresh';
import { ClientMessages } from '@/components/client-messages';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Facts } from '@/components/ui/facts';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/roles';
import { formatDateTime } from '@/lib/format';
import { liveVersion } from '@/lib/http/changes';
import { requireUser } from '@/lib/next/session';
import { getStatementImport } from '@/lib/queries/statements';
import type { StatementFormat, StatementProblem } from '@/lib/statements/types';
import { DuplicateDecision } from '../_components/duplicate-decision';
import { STATE_TONES } from '../_components/import-list';
import { ProblemList } from '../_components/problem-list';

export async function generateMetadata() {
  return { title: (await getTranslations())('statements.title') };
}

export default async function StatementImportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser('view', `/statements/${id}`);
  const version = await liveVersion();
  const detail = await getStatementImport(id);
  if (!detail) notFound();
  const t = await getTranslations();
  const locale = await getLocale();
  const running = detail.state === 'queued' || detail.state === 'running';
  const describe = (p: StatementProblem) => ({ line: p.line, text: t(`errors.${p.code}`, p.params) });

  const facts: [string, React.ReactNode][] = [
    [t('statements.columns.account'), `${detail.account.label ?? ''} ${detail.account.maskedNumber}`.trim()],
    [t('statements.columns.when'), formatDateTime(new Date(detail.createdAt), locale)],
    [t('statements.columns.by'), detail.createdBy],
    [
      t('statements.columns.state'),
      <Badge key="state" tone={STATE_TONES[detail.state]}>
        {t(`statements.state.${detail.state}`)}
      </Badge>,
    ],
    [t('statements.detail.format'), detail.format ? t(`statements.format.${detail.format as StatementFormat}`) : '—'],
    [t('statements.columns.rows'), running ? `${detail.rowsDone}/${detail.rowsTotal}` : detail.rowsTotal],
    [t('statements.columns.new'), detail.mutationsNew],
    [t('statements.columns.seen'), detail.seen],
    [t('statements.columns.imported'), detail.alreadyImported],
    [t('statements.columns.possible'), detail.possibleDuplicates],
    [t('statements.columns.problems'), detail.problems],
  ];

  return (
    <>
      <PageHeader
        back={{ href: '/statements', label: t('statements.detail.back') }}
        title={t('statements.detail.title', { file: detail.fileName })}
      />
      {running && <LiveRefresh version={version} />}
      <div className="flex flex-col gap-6">
        <Card title={t('statements.detail.summary')}>
          {running && <p className="mb-3 text-sm text-amber-800 dark:text-amber-300">{t('statements.detail.running')}</p>}
          {detail.error && (
            <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-400">
              {t('statements.progress.failed', { message: t(`errors.${detail.error.code}`, detail.error.params) })}
            </p>
          )}
          <div data-testid="import-facts">
            <Facts items={facts} />
          </div>
        </Card>

        <section aria-labelledby="duplicates-title">
          <h2 id="duplicates-title" className="mb-1 text-lg font-semibold text-slate-900 dark:text-slate-50">
            {t('statements.detail.duplicates')}
          </h2>
          {detail.possibleDuplicates > detail.duplicates.length && (
            <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
              {t('statements.detail.duplicatesElsewhere', { count: detail.possibleDuplicates - detail.duplicates.length })}
            </p>
          )}
          {detail.duplicates.length === 0 ? (
            detail.possibleDuplicates === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">{t('statements.detail.noDuplicates')}</p>
          ) : (
            <>
              <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('statements.detail.duplicatesIntro')}</p>
              <ClientMessages areas={['statements']}>
                <ul className="flex flex-col gap-3">
                  {detail.duplicates.map((duplicate) => (
                    <DuplicateDecision key={duplicate.id} duplicate={duplicate} importId={detail.id} canDecide={can(user.role, 'reconcile')} />
                  ))}
                </ul>
              </ClientMessages>
            </>
          )}
        </section>

        {detail.problemRows.length > 0 ? (
          <ProblemList title={t('statements.detail.problems')} items={detail.problemRows.map(describe)} tone="red" testId="import-problems" />
        ) : (
          !running && <p className="text-sm text-slate-600 dark:text-slate-400">{t('statements.detail.noProblems')}</p>
        )}
        {detail.skippedRows.length > 0 && (
          <ProblemList title={t('statements.detail.skipped')} items={detail.skippedRows.map(describe)} tone="slate" testId="import-skipped" />
        )}
      </div>
    </>
  );
}
