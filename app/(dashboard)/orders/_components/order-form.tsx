'use client';

import Link from 'next/link';
import { useRef, useState, type FormEvent } from 'react';
import { createOrderAction, type CreateOrderResult } from '@/app/(dashboard)/orders/actions';
import { useLocale, useTranslations } from 'next-intl';
import type { MessageKey } from '@/lib/i18n/messages';
import { Button, buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Input } from '@/components/ui/field';
import { failureWithKind, useAction } from '@/components/use-action';
import { formatDateTime, formatRupiah } from '@/lib/format';
import { validateOrderForm, type OrderFormErrors, type OrderFormField, type OrderFormValues } from '@/lib/orders/order-form';

const EMPTY: OrderFormValues = { reference: '', amount: '', customerName: '', accountNumber: '', expiresInMinutes: '' };

type Created = Extract<CreateOrderResult, { kind: 'created' | 'existing' }>;

export function OrderForm() {
  const t = useTranslations();
  const locale = useLocale();
  const [values, setValues] = useState<OrderFormValues>(EMPTY);
  const [errors, setErrors] = useState<OrderFormErrors>({});
  const [created, setCreated] = useState<Created | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const focusFirstError = (found: OrderFormErrors) => {
    const first = (Object.keys(EMPTY) as OrderFormField[]).find((field) => found[field]);
    if (first) formRef.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
  };
  const creation = useAction(createOrderAction, {
    describeError: (failure) => failureWithKind(t, failure),
    onSuccess: (data) => {
      if (data.kind !== 'invalid') return setCreated(data);
      setErrors(data.errors);
      focusFirstError(data.errors);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = validateOrderForm(values);
    setErrors(checked.errors);
    if (!checked.input) {
      focusFirstError(checked.errors);
      return;
    }
    creation.run(values);
  };

  if (created) {
    const payable = formatRupiah(BigInt(created.payableAmount));
    return (
      <Card className="max-w-2xl">
        <div role="status" aria-live="polite" data-testid="order-created">
          <h2 className="text-lg font-semibold text-slate-900 dark:text-slate-50">
            {t(created.kind === 'created' ? 'orders.created.title' : 'orders.created.existingTitle', { reference: created.reference })}
          </h2>
          {created.kind === 'existing' && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('orders.created.existingBody')}</p>}
          <dl className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2">
            <div className="rounded-md bg-emerald-50 p-4 dark:bg-emerald-900/30">
              <dt className="text-xs font-medium uppercase tracking-wide text-emerald-900 dark:text-emerald-200">{t('orders.created.payable')}</dt>
              <dd className="mt-1 text-3xl font-bold tabular-nums text-emerald-950 dark:text-emerald-50" data-testid="payable-amount">
                {payable}
              </dd>
            </div>
            <div className="rounded-md bg-slate-100 p-4 dark:bg-slate-800">
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-700 dark:text-slate-300">{t('orders.created.uniqueCode')}</dt>
              <dd className="mt-1 text-3xl font-bold tabular-nums" data-testid="unique-code">
                {created.uniqueCode}
              </dd>
            </div>
          </dl>
          {created.status === 'pending' ? (
            <p className="mt-4 text-sm text-slate-700 dark:text-slate-300">{t('orders.created.tellCustomer', { payable })}</p>
          ) : (
            <p
              className="mt-4 rounded-md bg-amber-50 p-3 text-sm font-medium text-amber-950 dark:bg-amber-900/30 dark:text-amber-100"
              data-testid="order-now"
            >
              {t(`orders.created.now.${created.status}`, {
                paid: formatRupiah(BigInt(created.paidAmount)),
                payable,
                short: formatRupiah(BigInt(created.payableAmount) - BigInt(created.paidAmount)),
              })}
            </p>
          )}
          {created.status === 'pending' && created.expiresAt && (
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              {t('orders.created.expiresAt')}: {formatDateTime(new Date(created.expiresAt), locale)}
            </p>
          )}
        </div>
        <div className="mt-4 flex flex-wrap gap-2">
          <Link href={`/orders/${encodeURIComponent(created.reference)}`} className={buttonClass('primary')}>
            {t('orders.created.viewOrder')}
          </Link>
          <Button
            variant="secondary"
            onClick={() => {
              setCreated(null);
              setValues(EMPTY);
              setErrors({});
            }}
          >
            {t('orders.created.createAnother')}
          </Button>
        </div>
      </Card>
    );
  }

  const field = (name: OrderFormField, label: string, hint?: string, props: Record<string, string> = {}) => {
    const error = errors[name] ? t(`orders.form.errors.${errors[name]}` as MessageKey) : null;
    const id = `order-${name}`;
    return (
      <Field label={label} htmlFor={id} error={error} hint={hint}>
        <Input
          id={id}
          name={name}
          value={values[name]}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
          onChange={(event) => setValues((current) => ({ ...current, [name]: event.target.value }))}
          {...props}
        />
      </Field>
    );
  };

  return (
    <Card className="max-w-2xl">
      <form ref={formRef} noValidate onSubmit={submit} className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {field('reference', t('orders.form.reference'), t('orders.form.referenceHint'), { autoComplete: 'off' })}
        {field('amount', t('orders.form.amount'), t('orders.form.amountHint'), { inputMode: 'numeric', autoComplete: 'off' })}
        {field('customerName', t('orders.form.customerName'), undefined, { autoComplete: 'off' })}
        {field('accountNumber', t('orders.form.accountNumber'), t('orders.form.accountHint'), { inputMode: 'numeric', autoComplete: 'off' })}
        {field('expiresInMinutes', t('orders.form.expiry'), t('orders.form.expiryHint'), { inputMode: 'numeric', autoComplete: 'off' })}
        <div className="flex items-end sm:col-span-2">
          <Button type="submit" disabled={creation.pending}>
            {creation.pending ? t('orders.form.submitting') : t('orders.form.submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
