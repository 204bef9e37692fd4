'use client';

import { useTranslations } from 'next-intl';
import { Field, Input, Select } from '@/components/ui/field';
import type { AccountOption } from '@/lib/queries/accounts';
import { GRANULARITIES, type Granularity } from '@/lib/reports/periods';

export interface ReportFilterValue {
  from: string;
  to: string;
  granularity: Granularity;
  account?: string;
}

/** Range, granularity and (where given) account controls of a report; every change applies at once. */
export function ReportFilters({
  idPrefix,
  value,
  onChange,
  accounts,
  error,
  status,
}: {
  idPrefix: string;
  value: ReportFilterValue;
  onChange: (value: ReportFilterValue) => void;
  accounts?: AccountOption[];
  error?: string | null;
  /** "Updating…" or a load failure, announced politely; takes no room while empty. */
  status?: string;
}) {
  const t = useTranslations();
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <form role="search" aria-label={t('common.filter')} className="mb-6" onSubmit={(event) => event.preventDefault()}>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field label={t('common.from')} htmlFor={id('from')}>
          <Input
            id={id('from')}
            type="date"
            value={value.from}
            max={value.to}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? id('error') : undefined}
            onChange={(event) => event.target.value && onChange({ ...value, from: event.target.value })}
          />
        </Field>
        <Field label={t('common.to')} htmlFor={id('to')}>
          <Input
            id={id('to')}
            type="date"
            value={value.to}
            min={value.from}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? id('error') : undefined}
            onChange={(event) => event.target.value && onChange({ ...value, to: event.target.value })}
          />
        </Field>
        <Field label={t('cashFlow.granularityLabel')} htmlFor={id('granularity')}>
          <Select
            id={id('granularity')}
            value={value.granularity}
            onChange={(event) => onChange({ ...value, granularity: event.target.value as Granularity })}
          >
            {GRANULARITIES.map((granularity) => (
              <option key={granularity} value={granularity}>
                {t(`cashFlow.granularity.${granularity}`)}
              </option>
            ))}
          </Select>
        </Field>
        {accounts && (
          <Field label={t('common.account')} htmlFor={id('account')}>
            <Select id={id('account')} value={value.account ?? ''} onChange={(event) => onChange({ ...value, account: event.target.value })}>
              <option value="">{t('cashFlow.allAccounts')}</option>
              {accounts.map((account) => (
                <option key={account.value} value={account.value}>
                  {account.name}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      {status !== undefined && (
        <p aria-live="polite" className="mt-2 text-sm text-slate-600 empty:mt-0 dark:text-slate-400">
          {status}
        </p>
      )}
      {error && (
        <p id={id('error')} role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </form>
  );
}
