'use client';

import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { importStatementAction, previewStatementAction, type PreviewStatementResult } from '@/app/(dashboard)/statements/actions';
import { STATEMENT_FORMATS } from '@/app/(dashboard)/statements/formats';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Input, Select } from '@/components/ui/field';
import { useAction } from '@/components/use-action';
import type { StatementAccount } from '@/lib/queries/statements';
import type { StatementPreview } from '@/lib/statements/import';
import type { ColumnMapping, StatementFormat } from '@/lib/statements/types';
import { ColumnMappingForm } from './column-mapping-form';
import { ImportProgress } from './import-progress';
import { StatementPreviewCard } from './statement-preview';

type MappingLines = Extract<PreviewStatementResult, { kind: 'mapping' }>['lines'];

interface Upload {
  accountId: string;
  fileName: string;
  content: string;
  format?: Exclude<StatementFormat, 'mapped'>;
  mapping?: ColumnMapping & { description: number[] };
  year?: number;
}

/** Choose an account and a file, preview what it would do, import it in the background and follow it. */
export function ImportStatement({ accounts, maxMegabytes }: { accounts: StatementAccount[]; maxMegabytes: number }) {
  const t = useTranslations();
  const [accountId, setAccountId] = useState(accounts.length === 1 ? accounts[0]!.id : '');
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [format, setFormat] = useState('');
  const [year, setYear] = useState('');
  const [result, setResult] = useState<{ upload: Upload; preview: StatementPreview } | null>(null);
  // Kept while the person tries mappings, so the columns stay on screen beside each preview.
  const [lines, setLines] = useState<MappingLines | null>(null);
  const [importId, setImportId] = useState<string | null>(null);

  const preview = useAction(previewStatementAction, {
    onSuccess: (answer, upload) => {
      if (answer.kind === 'mapping') setLines(answer.lines);
      else setResult({ upload: upload as Upload, preview: answer.preview });
    },
  });
  const start = useAction(importStatementAction, { onSuccess: ({ importId }) => setImportId(importId) });

  const reset = () => {
    setResult(null);
    setLines(null);
    setImportId(null);
    preview.reset();
    start.reset();
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    reset();
    setFile(null);
    setFileError(null);
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    if (chosen.size > maxMegabytes * 1024 * 1024) {
      setFileError(t('statements.form.tooLarge', { megabytes: maxMegabytes }));
      return;
    }
    setFile({ name: chosen.name, content: await chosen.text() });
  };

  const upload = (mapping?: Upload['mapping']): Upload | null => {
    if (!file || !accountId) return null;
    const typedYear = /^\d{4}$/.test(year.trim()) ? Number(year.trim()) : undefined;
    return {
      accountId,
      fileName: file.name,
      content: file.content,
      format: mapping ? undefined : ((format || undefined) as Upload['format']),
      mapping,
      year: typedYear,
    };
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = upload();
    if (!input) return;
    reset();
    preview.run(input);
  };

  const busy = preview.pending || start.pending || importId !== null;

  return (
    <div className="flex flex-col gap-4">
      <Card title={t('statements.newImport')}>
        {accounts.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('statements.form.noAccounts')}</p>
        ) : (
          <form onSubmit={submit} className="grid grid-cols-1 gap-4 sm:grid-cols-2" aria-label={t('statements.newImport')}>
            <Field label={t('statements.form.account')} htmlFor="statement-account">
              <Select
                id="statement-account"
                value={accountId}
                required
                disabled={busy}
                onChange={(event) => {
                  setAccountId(event.target.value);
                  reset();
                }}
              >
                <option value="">{t('statements.form.chooseAccount')}</option>
                {accounts.map((account) => (
                  <option key={account.id} value={account.id}>
                    {`${account.label ?? account.bankType ?? ''} ${account.maskedNumber}`.trim()}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('statements.form.file')} htmlFor="statement-file" hint={t('statements.form.fileHint')} error={fileError}>
              <Input
                id="statement-file"
                type="file"
                accept=".csv,.txt,.tsv,text/csv,text/plain"
                aria-describedby={fileError ? 'statement-file-error' : 'statement-file-hint'}
                required
                disabled={busy}
                onChange={choose}
              />
            </Field>
            <Field label={t('statements.form.format')} htmlFor="statement-format">
              <Select
                id="statement-format"
                value={format}
                disabled={busy}
                onChange={(event) => {
                  setFormat(event.target.value);
                  reset();
                }}
              >
                <option value="">{t('statements.form.autoFormat')}</option>
                {STATEMENT_FORMATS.map((name) => (
                  <option key={name} value={name}>
                    {t(`statements.format.${name}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('statements.form.year')} htmlFor="statement-year" hint={t('statements.form.yearHint')}>
              <Input
                id="statement-year"
                inputMode="numeric"
                pattern="\d{4}"
                maxLength={4}
                value={year}
                aria-describedby="statement-year-hint"
                disabled={busy}
                onChange={(event) => {
                  setYear(event.target.value);
                  reset();
                }}
              />
            </Field>
            <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
              <Button type="submit" disabled={busy || !file || !accountId}>
                {preview.pending ? t('statements.form.previewing') : t('statements.form.preview')}
              </Button>
              {preview.error && (
                <p role="alert" className="text-sm text-red-700 dark:text-red-400">
                  {preview.error}
                </p>
              )}
            </div>
          </form>
        )}
      </Card>

      {lines && (
        <ColumnMappingForm
          lines={lines}
          pending={preview.pending}
          onPreview={(mapping) => {
            const input = upload(mapping);
            if (!input) return;
            setResult(null);
            preview.run(input);
          }}
        />
      )}

      {result && importId === null && (
        <StatementPreviewCard
          preview={result.preview}
          fileName={result.upload.fileName}
          starting={start.pending}
          error={start.error}
          onImport={() => start.run(result.upload)}
        />
      )}

      {importId && <ImportProgress importId={importId} onAnother={reset} />}
    </div>
  );
}
