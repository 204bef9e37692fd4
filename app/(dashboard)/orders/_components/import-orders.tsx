'use client';

import { useMemo, useState, type ChangeEvent } from 'react';
import { importOrdersAction, type ImportRowResult } from '@/app/(dashboard)/orders/actions';
import { IMPORT_CHUNK } from '@/app/(dashboard)/orders/import/chunk';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Field, Input } from '@/components/ui/field';
import { Table, TD } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { failureWithKind } from '@/components/use-action';
import { formatRupiah } from '@/lib/format';
import { parseOrdersCsv, type CsvProblem, type ParsedCsv } from '@/lib/orders/csv-import';

/** Rows shown in the preview besides those with problems, so a 5000-row file stays quick to draw. */
const PREVIEW_ROWS = 200;

const RESULT_TONES = { created: 'green', existing: 'blue', failed: 'red' } as const;

export function ImportOrders() {
  const t = useTranslations();
  const problem = (p: CsvProblem) =>
    'field' in p
      ? t(`orders.form.errors.${p.field}`)
      : 'amountError' in p
        ? t(`errors.${p.amountError.code}`, p.amountError.params)
        : t(`orders.import.errors.${p.code}`, 'params' in p ? p.params : undefined);
  const toast = useToast();
  const [fileName, setFileName] = useState<string | null>(null);
  const [parsed, setParsed] = useState<ParsedCsv | null>(null);
  const [reading, setReading] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<ImportRowResult[] | null>(null);
  const importing = progress !== null && results === null;

  const valid = useMemo(() => parsed?.rows.filter((row) => row.input !== undefined) ?? [], [parsed]);
  const invalidCount = (parsed?.rows.length ?? 0) - valid.length;
  const shown = useMemo(() => {
    if (!parsed) return [];
    let budget = PREVIEW_ROWS;
    return parsed.rows.filter((row) => row.errors.length > 0 || budget-- > 0);
  }, [parsed]);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setParsed(null);
    setResults(null);
    setProgress(null);
    if (!file) return;
    setFileName(file.name);
    setReading(true);
    try {
      setParsed(parseOrdersCsv(await file.text()));
    } finally {
      setReading(false);
    }
  };

  const start = async () => {
    if (!parsed || valid.length === 0) return;
    const collected: ImportRowResult[] = parsed.rows
      .filter((row) => row.input === undefined)
      .map((row) => ({ line: row.line, reference: row.values.reference ?? '', status: 'failed', message: row.errors.map(problem).join('; ') }));
    setProgress({ done: 0, total: valid.length });
    for (let start = 0; start < valid.length; start += IMPORT_CHUNK) {
      const chunk = valid.slice(start, start + IMPORT_CHUNK);
      const answer = await importOrdersAction({
        rows: chunk.map((row) => ({ line: row.line, reference: row.values.reference ?? '', input: row.input as Record<string, unknown> })),
      });
      if (!answer.ok) {
        toast(t('orders.import.stopped', { message: failureWithKind(t, answer) }), 'error');
        break;
      }
      collected.push(...answer.data);
      setProgress({ done: Math.min(start + chunk.length, valid.length), total: valid.length });
    }
    setResults(collected.sort((a, b) => a.line - b.line));
  };

  const counts = results && {
    created: results.filter((r) => r.status === 'created').length,
    existing: results.filter((r) => r.status === 'existing').length,
    failed: results.filter((r) => r.status === 'failed').length,
  };

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <Field label={t('orders.import.file')} htmlFor="csv-file" hint={t('orders.import.fileHint')}>
          <Input
            id="csv-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            aria-describedby="csv-file-hint"
            disabled={importing}
            onChange={choose}
          />
        </Field>
        {reading && (
          <p role="status" className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            {t('orders.import.reading')}
          </p>
        )}
      </Card>

      {parsed && parsed.errors.length > 0 && (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100"
        >
          <p className="font-semibold">{t('orders.import.fileErrors')}</p>
          <ul className="mt-2 list-disc pl-5">
            {parsed.errors.map(problem).map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      )}

      {parsed && parsed.rows.length > 0 && !results && (
        <Card title={`${t('orders.import.preview')}${fileName ? ` · ${fileName}` : ''}`}>
          <p className="mb-3 text-sm text-slate-700 dark:text-slate-300" data-testid="import-summary">
            {t('orders.import.summary', { valid: valid.length, invalid: invalidCount })}
          </p>
          {shown.length < parsed.rows.length && (
            <p className="mb-3 text-xs text-slate-600 dark:text-slate-400">
              {t('orders.import.limited', { shown: shown.length, total: parsed.rows.length })}
            </p>
          )}
          <Table
            framed
            caption={t('orders.import.previewCaption')}
            columns={[
              t('orders.import.line'),
              t('orders.columns.reference'),
              t('orders.columns.amount'),
              t('orders.columns.customer'),
              t('orders.import.problems'),
            ]}
            rows={shown}
          >
            {(row) => (
              <tr key={row.line} data-testid="preview-row" data-valid={row.errors.length === 0}>
                <TD className="tabular-nums">{row.line}</TD>
                <TD>{row.values.reference || '—'}</TD>
                <TD nowrap>{row.values.amount || '—'}</TD>
                <TD>{row.values.customer_name || '—'}</TD>
                <TD>
                  {row.errors.length === 0 ? (
                    <Badge tone="green">{t('orders.import.ready')}</Badge>
                  ) : (
                    <ul className="text-red-800 dark:text-red-300">
                      {row.errors.map(problem).map((error) => (
                        <li key={error}>{error}</li>
                      ))}
                    </ul>
                  )}
                </TD>
              </tr>
            )}
          </Table>
          <div className="mt-4 flex flex-wrap items-center gap-3">
            {parsed.errors.length === 0 && valid.length > 0 ? (
              <Button onClick={start} disabled={importing}>
                {importing ? t('orders.import.importing') : t('orders.import.importButton', { count: valid.length })}
              </Button>
            ) : (
              parsed.errors.length === 0 && <p className="text-sm text-slate-700 dark:text-slate-300">{t('orders.import.nothingToImport')}</p>
            )}
            {progress && (
              <div className="flex min-w-48 flex-1 items-center gap-3">
                <progress
                  className="h-2 flex-1 accent-emerald-700"
                  value={progress.done}
                  max={progress.total}
                  aria-label={t('orders.import.progress', { done: progress.done, total: progress.total })}
                />
                <span role="status" className="text-sm tabular-nums text-slate-700 dark:text-slate-300">
                  {t('orders.import.progress', { done: progress.done, total: progress.total })}
                </span>
              </div>
            )}
          </div>
        </Card>
      )}

      {results && counts && (
        <Card title={t('orders.import.results')}>
          <p role="status" className="mb-3 text-sm text-slate-700 dark:text-slate-300" data-testid="import-result-summary">
            {t('orders.import.resultSummary', counts)}
          </p>
          <Table
            framed
            caption={t('orders.import.resultsCaption')}
            columns={[
              t('orders.import.line'),
              t('orders.columns.reference'),
              t('orders.columns.status'),
              t('orders.columns.uniqueCode'),
              { label: t('orders.columns.payable'), numeric: true },
              t('orders.import.problems'),
            ]}
            rows={results}
          >
            {(result) => (
              <tr key={result.line} data-testid="result-row" data-status={result.status}>
                <TD className="tabular-nums">{result.line}</TD>
                <TD>{result.reference || '—'}</TD>
                <TD>
                  <Badge tone={RESULT_TONES[result.status]}>{t(`orders.import.result.${result.status}`)}</Badge>
                </TD>
                <TD className="tabular-nums">{result.uniqueCode ?? '—'}</TD>
                <TD numeric>{result.payableAmount ? formatRupiah(BigInt(result.payableAmount)) : '—'}</TD>
                <TD>{result.message ?? (result.error ? t(`errors.${result.error.code}`, result.error.params) : '—')}</TD>
              </tr>
            )}
          </Table>
        </Card>
      )}
    </div>
  );
}
