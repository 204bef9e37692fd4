'use client';

import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { STATEMENT_DATE_FORMATS } from '@/app/(dashboard)/statements/formats';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Input, Select } from '@/components/ui/field';
import { Table, TD } from '@/components/ui/table';
import type { ColumnMapping, DateFormat } from '@/lib/statements/types';

type Mapping = ColumnMapping & { description: number[] };

/** The first line whose cells are mostly words: the header a person most likely wants skipped. */
function guessHeaderRows(lines: { cells: string[] }[]): number {
  const index = lines.findIndex((line) => line.cells.length > 1 && line.cells.every((cell) => !/\d/.test(cell)));
  return index < 0 ? 0 : index + 1;
}

const sampleOf = (lines: { cells: string[] }[], column: number, skip: number) =>
  (lines.slice(skip).find((line) => (line.cells[column] ?? '').trim() !== '')?.cells[column] ?? '').slice(0, 24);

/** For a file no format knows: its first lines as a table, and which column holds what. */
export function ColumnMappingForm({
  lines,
  pending,
  onPreview,
}: {
  lines: { line: number; cells: string[] }[];
  pending: boolean;
  onPreview: (mapping: Mapping) => void;
}) {
  const t = useTranslations();
  const width = lines.reduce((widest, line) => Math.max(widest, line.cells.length), 0);
  const columns = Array.from({ length: width }, (_, index) => index);
  const [headerRows, setHeaderRows] = useState(String(guessHeaderRows(lines)));
  const skip = Number(headerRows) || 0;
  const [date, setDate] = useState('0');
  const [dateFormat, setDateFormat] = useState<DateFormat>('DD/MM/YYYY');
  const [descriptions, setDescriptions] = useState<number[]>(width > 1 ? [1] : []);
  const [split, setSplit] = useState(false);
  const [amount, setAmount] = useState(width > 2 ? String(width - 1) : '');
  const [type, setType] = useState('');
  const [credit, setCredit] = useState('');
  const [debit, setDebit] = useState('');
  const [balance, setBalance] = useState('');

  const optional = (value: string) => (value === '' ? undefined : Number(value));
  const label = (column: number) => {
    const sample = sampleOf(lines, column, skip);
    return sample ? t('statements.mapping.columnWith', { number: column + 1, sample }) : t('statements.mapping.column', { number: column + 1 });
  };
  const columnSelect = (id: string, text: string, value: string, set: (value: string) => void, allowNone: boolean) => (
    <Field label={text} htmlFor={id}>
      <Select id={id} value={value} onChange={(event) => set(event.target.value)} required={!allowNone}>
        {allowNone && <option value="">{t('statements.mapping.none')}</option>}
        {columns.map((column) => (
          <option key={column} value={column}>
            {label(column)}
          </option>
        ))}
      </Select>
    </Field>
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onPreview({
      date: Number(date),
      dateFormat,
      description: descriptions,
      ...(split ? { credit: optional(credit), debit: optional(debit) } : { amount: optional(amount), type: optional(type) }),
      balance: optional(balance),
      headerRows: Math.max(0, Math.trunc(skip)),
    });
  };

  return (
    <Card title={t('statements.mapping.title')}>
      <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">{t('statements.mapping.intro')}</p>
      <Table
        framed
        region
        caption={t('statements.mapping.sample')}
        columns={[t('statements.mapping.line'), ...columns.map((column) => t('statements.mapping.column', { number: column + 1 }))]}
        rows={lines}
      >
        {(line, index) => (
          <tr key={line.line} data-testid="mapping-line" className={index < skip ? 'text-slate-400' : undefined}>
            <TD className="tabular-nums">{line.line}</TD>
            {columns.map((column) => (
              <TD key={column} nowrap>
                {line.cells[column] ?? ''}
              </TD>
            ))}
          </tr>
        )}
      </Table>
      <form onSubmit={submit} className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label={t('statements.mapping.title')}>
        <Field label={t('statements.mapping.headerRows')} htmlFor="mapping-header-rows" hint={t('statements.mapping.headerRowsHint')}>
          <Input
            id="mapping-header-rows"
            type="number"
            min={0}
            max={1000}
            value={headerRows}
            aria-describedby="mapping-header-rows-hint"
            onChange={(event) => setHeaderRows(event.target.value)}
          />
        </Field>
        {columnSelect('mapping-date', t('statements.mapping.date'), date, setDate, false)}
        <Field label={t('statements.mapping.dateFormat')} htmlFor="mapping-date-format">
          <Select id="mapping-date-format" value={dateFormat} onChange={(event) => setDateFormat(event.target.value as DateFormat)}>
            {STATEMENT_DATE_FORMATS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <fieldset className="flex flex-col gap-1 sm:col-span-2 lg:col-span-3">
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">{t('statements.mapping.descriptionColumns')}</legend>
          <p className="text-xs text-slate-500 dark:text-slate-400">{t('statements.mapping.descriptionHint')}</p>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {columns.map((column) => (
              <label key={column} className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
                <input
                  type="checkbox"
                  checked={descriptions.includes(column)}
                  onChange={(event) =>
                    setDescriptions((chosen) =>
                      event.target.checked ? [...chosen, column].sort((a, b) => a - b) : chosen.filter((c) => c !== column),
                    )
                  }
                />
                {label(column)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="flex flex-col gap-1 sm:col-span-2 lg:col-span-3">
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">{t('statements.mapping.amountKind')}</legend>
          <label className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
            <input type="radio" name="amount-kind" checked={!split} onChange={() => setSplit(false)} />
            {t('statements.mapping.single')}
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
            <input type="radio" name="amount-kind" checked={split} onChange={() => setSplit(true)} />
            {t('statements.mapping.split')}
          </label>
        </fieldset>
        {split ? (
          <>
            {columnSelect('mapping-credit', t('statements.mapping.credit'), credit, setCredit, true)}
            {columnSelect('mapping-debit', t('statements.mapping.debit'), debit, setDebit, true)}
          </>
        ) : (
          <>
            {columnSelect('mapping-amount', t('statements.mapping.amount'), amount, setAmount, false)}
            {columnSelect('mapping-type', t('statements.mapping.type'), type, setType, true)}
          </>
        )}
        {columnSelect('mapping-balance', t('statements.mapping.balance'), balance, setBalance, true)}
        <div className="sm:col-span-2 lg:col-span-3">
          <Button type="submit" disabled={pending || descriptions.length === 0}>
            {pending ? t('statements.form.previewing') : t('statements.form.preview')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
