import { Field, Input, Select } from '@/components/ui/field';
import type { AccountOption } from '@/lib/queries/accounts';

/** A list's "which account" filter: every account Moota watches, sandbox ones marked, and one the URL names that is gone. */
export function AccountFilter({
  id,
  value,
  accounts,
  labels,
}: {
  id: string;
  value: string | undefined;
  accounts: readonly AccountOption[];
  labels: { label: string; all: string; sandbox: string };
}) {
  return (
    <Field label={labels.label} htmlFor={id}>
      <Select id={id} name="account" defaultValue={value ?? ''}>
        <option value="">{labels.all}</option>
        {value && !accounts.some((a) => a.value === value) && <option value={value}>{value}</option>}
        {accounts.map((account) => (
          <option key={account.value} value={account.value}>
            {account.sandbox ? `${account.name} (${labels.sandbox})` : account.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/**
 * A list's `from`/`to` day and `min`/`max` amount filters. The amounts show what was typed
 * ("Rp 150.000"), the days what was read.
 */
export function RangeFilters({
  idPrefix,
  days,
  amounts,
  labels,
}: {
  idPrefix: string;
  days: { from?: string; to?: string };
  amounts: { min: string; max: string };
  labels: { from: string; to: string; min: string; max: string };
}) {
  return (
    <>
      <Field label={labels.from} htmlFor={`${idPrefix}-from`}>
        <Input id={`${idPrefix}-from`} name="from" type="date" defaultValue={days.from ?? ''} />
      </Field>
      <Field label={labels.to} htmlFor={`${idPrefix}-to`}>
        <Input id={`${idPrefix}-to`} name="to" type="date" defaultValue={days.to ?? ''} />
      </Field>
      <Field label={labels.min} htmlFor={`${idPrefix}-min`}>
        <Input id={`${idPrefix}-min`} name="min" inputMode="numeric" defaultValue={amounts.min} />
      </Field>
      <Field label={labels.max} htmlFor={`${idPrefix}-max`}>
        <Input id={`${idPrefix}-max`} name="max" inputMode="numeric" defaultValue={amounts.max} />
      </Field>
    </>
  );
}
