'use client';

import { useTranslations } from 'next-intl';
import { Badge, type Tone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Facts } from '@/components/ui/facts';
import { Table, TD } from '@/components/ui/table';
import { formatRupiah } from '@/lib/format';
import type { StatementPreview } from '@/lib/statements/import';
import { ProblemList } from './problem-list';

export const VERDICT_TONES: Record<StatementPreview['rows'][number]['verdict'], Tone> = {
  new: 'green',
  seen: 'blue',
  possible: 'amber',
  imported: 'slate',
};

const COUNTS = ['rows', 'new', 'seen', 'possible', 'imported', 'problems', 'skipped'] as const;

/** What importing the file would do: its format, the counts, the first rows, every problem row. */
export function StatementPreviewCard({
  preview,
  fileName,
  starting,
  error,
  onImport,
}: {
  preview: StatementPreview;
  fileName: string;
  starting: boolean;
  error: string | null;
  onImport: () => void;
}) {
  const t = useTranslations();
  const facts: [string, string][] = [
    [t('statements.preview.format'), t(`statements.format.${preview.format}`)],
    [t('statements.preview.accountNumber'), preview.accountNumber ?? '—'],
    [t('statements.preview.period'), preview.period ? t('statements.preview.periodRange', preview.period) : '—'],
  ];
  return (
    <Card title={`${t('statements.preview.title')} · ${fileName}`}>
      <div className="flex flex-col gap-4" data-testid="statement-preview">
        <Facts items={facts} />
        {preview.otherAccount && (
          <p
            role="alert"
            className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
          >
            {t('statements.preview.otherAccount', { number: preview.accountNumber ?? '' })}
          </p>
        )}
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-7" data-testid="preview-counts">
          {COUNTS.map((name) => (
            <div key={name} className="rounded-md border border-slate-200 p-2 dark:border-slate-700" data-count={name}>
              <dt className="text-xs text-slate-600 dark:text-slate-400">{t(`statements.preview.counts.${name}`)}</dt>
              <dd className="text-lg font-semibold tabular-nums text-slate-900 dark:text-slate-50">{preview.counts[name]}</dd>
            </div>
          ))}
        </dl>

        {preview.rows.length > 0 ? (
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-700 dark:text-slate-200">{t('statements.preview.rows')}</h3>
            {preview.rows.length < preview.counts.rows && (
              <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">
                {t('statements.preview.rowsLimited', { shown: preview.rows.length, total: preview.counts.rows })}
              </p>
            )}
            <Table
              framed
              region
              caption={t('statements.preview.rows')}
              columns={[
                t('statements.columns.line'),
                t('statements.columns.date'),
                { label: t('statements.columns.amount'), numeric: true },
                t('statements.columns.descriptionText'),
                t('statements.columns.verdict'),
              ]}
              rows={preview.rows}
            >
              {(row) => (
                <tr key={row.line} data-testid="preview-row" data-verdict={row.verdict}>
                  <TD className="tabular-nums">{row.line}</TD>
                  <TD nowrap>{row.bookedDate}</TD>
                  <TD numeric>{`${row.type === 'DB' ? '−' : ''}${formatRupiah(BigInt(row.amount))}`}</TD>
                  <TD className="min-w-48 break-words">{row.description}</TD>
                  <TD>
                    <Badge tone={VERDICT_TONES[row.verdict]}>{t(`statements.verdict.${row.verdict}`)}</Badge>
                  </TD>
                </tr>
              )}
            </Table>
          </div>
        ) : (
          <p className="text-sm text-slate-700 dark:text-slate-300">{t('statements.preview.nothingToRead')}</p>
        )}

        {preview.problems.length > 0 && (
          <ProblemList
            title={t('statements.preview.problems')}
            note={t('statements.preview.problemsNote')}
            items={preview.problems.map((p) => ({ line: p.line, text: t(`errors.${p.code}`, p.params) }))}
            tone="red"
            testId="preview-problems"
          />
        )}
        {preview.skipped.length > 0 && (
          <ProblemList
            title={t('statements.preview.skipped')}
            items={preview.skipped.map((p) => ({ line: p.line, text: t(`errors.${p.code}`, p.params) }))}
            tone="slate"
            testId="preview-skipped"
          />
        )}

        <div className="flex flex-wrap items-center gap-3">
          {preview.counts.rows > 0 && (
            <Button onClick={onImport} disabled={starting}>
              {starting ? t('statements.preview.importing') : t('statements.preview.import', { count: preview.counts.rows })}
            </Button>
          )}
          {error && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {error}
            </p>
          )}
        </div>
      </div>
    </Card>
  );
}
