'use client';

import { useId, useState } from 'react';
import { useTranslations } from 'next-intl';
import { acceptDifferenceAction } from '@/app/(dashboard)/orders/actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Select, TextArea } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { failureWithKind, useAction } from '@/components/use-action';
import { categoriesFor, type DifferenceCategory } from '@/lib/differences/categories';
import { formatRupiah } from '@/lib/format';

/**
 * An order paid short or over, while nobody has settled it: what is still due (with words to send
 * the customer) or what came in over, and, for finance, accepting the difference with a category
 * and a reason.
 */
export function OrderDifference({
  orderId,
  reference,
  difference,
  canReconcile,
}: {
  orderId: string;
  reference: string;
  /** Paid minus payable, integer rupiah: negative when short. */
  difference: string;
  canReconcile: boolean;
}) {
  const t = useTranslations('orders.difference');
  const tc = useTranslations();
  const toast = useToast();
  const id = useId();
  const amount = BigInt(difference);
  const short = amount < 0n;
  const size = formatRupiah(short ? -amount : amount);
  const categories = categoriesFor(amount);
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState<DifferenceCategory>(categories[0]!);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const accept = useAction(acceptDifferenceAction, {
    success: () => t('accepted', { reference }),
    refresh: true,
    describeError: (failure) => failureWithKind(tc, failure),
    onSuccess: () => setOpen(false),
  });
  const message = t('askMessage', { amount: size, reference });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(message);
      toast(t('copied'));
    } catch {
      toast(t('copyFailed'), 'error');
    }
  };

  return (
    <div className="flex flex-col gap-3 text-sm" data-testid="order-difference">
      <p className="text-slate-800 dark:text-slate-100">{short ? t('short', { amount: size }) : t('over', { amount: size })}</p>
      {short && (
        <div className="flex flex-col gap-2 rounded-md bg-slate-50 p-3 sm:flex-row sm:items-center dark:bg-slate-800">
          <p className="flex-1 text-slate-700 dark:text-slate-200" data-testid="ask-message">
            {message}
          </p>
          <Button size="sm" variant="secondary" onClick={copy}>
            {t('copyAsk')}
          </Button>
        </div>
      )}
      {canReconcile && (
        <div>
          <Button size="sm" onClick={() => setOpen(true)}>
            {short ? t('acceptShort') : t('acceptOver')}
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={open}
        title={t('title', { reference })}
        confirmLabel={t('confirm')}
        cancelLabel={tc('common.cancel')}
        tone="primary"
        busy={accept.pending}
        onCancel={() => setOpen(false)}
        onConfirm={() => {
          if (!reason.trim()) return setReasonError(t('reasonRequired'));
          accept.run({ orderId, category, reason: reason.trim() });
        }}
      >
        <p className="text-sm text-slate-700 dark:text-slate-300">{short ? t('bodyShort', { amount: size }) : t('bodyOver', { amount: size })}</p>
        <Field label={t('category')} htmlFor={`${id}-category`}>
          <Select id={`${id}-category`} value={category} onChange={(event) => setCategory(event.target.value as DifferenceCategory)}>
            {categories.map((value) => (
              <option key={value} value={value}>
                {tc(`common.differenceCategory.${value}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('reason')} htmlFor={`${id}-reason`} error={reasonError}>
          <TextArea
            id={`${id}-reason`}
            rows={2}
            maxLength={500}
            value={reason}
            aria-invalid={reasonError ? true : undefined}
            onChange={(event) => {
              setReason(event.target.value);
              setReasonError(null);
            }}
          />
        </Field>
      </ConfirmDialog>
    </div>
  );
}
