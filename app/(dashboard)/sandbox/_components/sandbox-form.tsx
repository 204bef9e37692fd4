'use client';

import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { practiceTransferStateAction, sendPracticeTransferAction, type SentPractice } from '@/app/(dashboard)/sandbox/actions';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Input, Select } from '@/components/ui/field';
import { TextLink } from '@/components/ui/text-link';
import { failureWithKind, useAction } from '@/components/use-action';
import { formatRupiah } from '@/lib/format';
import type { PracticeKind } from '@/lib/sandbox/practice-transfer';

type Difference = 'exact' | 'short' | 'over';

interface Values {
  kind: PracticeKind;
  reference: string;
  amount: string;
  difference: Difference;
  differenceAmount: string;
  description: string;
}

const EMPTY: Values = { kind: 'va', reference: '', amount: '', difference: 'exact', differenceAmount: '', description: '' };
const POLL_MS = 1000;
// Not imported from lib/sandbox: that module signs deliveries (node:crypto) and stays on the server.
const KINDS: readonly PracticeKind[] = ['bank', 'va', 'qris'];

export interface OrderChoice {
  reference: string;
  payable: string;
  customer: string;
}

export function SandboxForm({ orders }: { orders: OrderChoice[] }) {
  const t = useTranslations('sandbox');
  const tAll = useTranslations();
  const [values, setValues] = useState<Values>(EMPTY);
  const [differenceError, setDifferenceError] = useState<string | null>(null);
  const [sent, setSent] = useState<SentPractice | null>(null);
  const sending = useAction(sendPracticeTransferAction, {
    describeError: (failure) => failureWithKind(tAll, failure),
    onSuccess: (data) => setSent(data),
  });
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (values.difference !== 'exact' && values.differenceAmount.trim() === '') {
      setDifferenceError(t('form.needsDifference'));
      return;
    }
    setDifferenceError(null);
    sending.run(values);
  };

  if (sent) {
    return (
      <SentTransfer
        sent={sent}
        onAnother={() => {
          setSent(null);
          sending.reset();
        }}
      />
    );
  }

  const withOrder = values.reference.trim() !== '';
  return (
    <Card className="max-w-2xl">
      <form noValidate onSubmit={submit} className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">{t('form.kind')}</legend>
          <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-4">
            {KINDS.map((kind) => (
              <label key={kind} className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-100">
                <input type="radio" name="kind" value={kind} checked={values.kind === kind} onChange={() => set('kind', kind)} />
                {t(`form.kinds.${kind}`)}
              </label>
            ))}
          </div>
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{t(`form.kindHints.${values.kind}`)}</p>
        </fieldset>

        <Field label={t('form.order')} htmlFor="sandbox-order" hint={t('form.orderHint')}>
          <Input
            id="sandbox-order"
            list="sandbox-open-orders"
            autoComplete="off"
            value={values.reference}
            aria-describedby="sandbox-order-hint"
            onChange={(event) => set('reference', event.target.value)}
          />
          <datalist id="sandbox-open-orders">
            {orders.map((order) => (
              <option key={order.reference} value={order.reference}>
                {t('form.orderOption', { payable: order.payable, customer: order.customer || '—' })}
              </option>
            ))}
          </datalist>
        </Field>

        {withOrder ? (
          <div className="grid grid-cols-2 gap-2">
            <Field label={t('form.difference')} htmlFor="sandbox-difference">
              <Select id="sandbox-difference" value={values.difference} onChange={(event) => set('difference', event.target.value as Difference)}>
                {(['exact', 'short', 'over'] as const).map((difference) => (
                  <option key={difference} value={difference}>
                    {t(`form.differences.${difference}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('form.differenceAmount')} htmlFor="sandbox-difference-amount" error={differenceError}>
              <Input
                id="sandbox-difference-amount"
                inputMode="numeric"
                autoComplete="off"
                disabled={values.difference === 'exact'}
                value={values.differenceAmount}
                aria-invalid={differenceError ? true : undefined}
                aria-describedby={differenceError ? 'sandbox-difference-amount-error' : undefined}
                onChange={(event) => set('differenceAmount', event.target.value)}
              />
            </Field>
          </div>
        ) : (
          <Field label={t('form.amount')} htmlFor="sandbox-amount" hint={t('form.amountHint')}>
            <Input
              id="sandbox-amount"
              inputMode="numeric"
              autoComplete="off"
              value={values.amount}
              aria-describedby="sandbox-amount-hint"
              onChange={(event) => set('amount', event.target.value)}
            />
          </Field>
        )}

        <div className="sm:col-span-2">
          <Field label={t('form.description')} htmlFor="sandbox-description" hint={t('form.descriptionHint')}>
            <Input
              id="sandbox-description"
              autoComplete="off"
              maxLength={255}
              value={values.description}
              aria-describedby="sandbox-description-hint"
              onChange={(event) => set('description', event.target.value)}
            />
          </Field>
        </div>

        <div className="sm:col-span-2">
          <Button type="submit" disabled={sending.pending}>
            {sending.pending ? t('form.submitting') : t('form.submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function SentTransfer({ sent, onAnother }: { sent: SentPractice; onAnother: () => void }) {
  const t = useTranslations('sandbox');
  const { data } = useQuery({
    queryKey: ['practice-transfer', sent.mutationId],
    queryFn: async () => {
      const result = await practiceTransferStateAction({ mutationId: sent.mutationId });
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    refetchInterval: (query) => (query.state.data && query.state.data.matchState !== 'pending' ? false : POLL_MS),
  });

  return (
    <Card className="max-w-2xl">
      <div role="status" aria-live="polite" data-testid="practice-sent">
        <h2 className="text-lg font-semibold text-slate-900 dark:text-slate-50">{t('sent.title', { amount: formatRupiah(BigInt(sent.amount)) })}</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('sent.into', { account: sent.account })}</p>
        <p className="mt-3 text-sm">
          <TextLink href={`/mutations/${sent.mutationId}`}>{t('sent.viewMutation')}</TextLink>
        </p>
        <div className="mt-3 text-sm text-slate-800 dark:text-slate-100" data-testid="practice-state">
          {!data || data.matchState === 'pending' ? (
            <p>{t('sent.waiting')}</p>
          ) : data.order ? (
            <p>
              {t('sent.paid', { reference: data.order.reference, status: t(`sent.orderStatuses.${data.order.status}`) })}{' '}
              <TextLink href={`/orders/${encodeURIComponent(data.order.reference)}`}>
                {t('sent.viewOrder', { reference: data.order.reference })}
              </TextLink>
            </p>
          ) : (
            <p>
              {t('sent.left', { state: t(`sent.states.${data.matchState}`) })} <TextLink href="/unmatched">{t('sent.openQueue')}</TextLink>
            </p>
          )}
        </div>
      </div>
      <div className="mt-4">
        <Button variant="secondary" onClick={onAnother}>
          {t('sent.sendAnother')}
        </Button>
      </div>
    </Card>
  );
}
