'use client';

import { useState } from 'react';
import { cancelOrderAction } from '@/app/(dashboard)/orders/actions';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, TextArea } from '@/components/ui/field';
import { failureWithKind, useAction } from '@/components/use-action';

export function CancelOrderButton({ reference }: { reference: string }) {
  const t = useTranslations();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const cancel = useAction(cancelOrderAction, {
    success: (data) => t('orders.cancel.done', { reference: data.reference }),
    refresh: true,
    describeError: (failure) => failureWithKind(t, failure),
    onSuccess: () => setOpen(false),
  });
  const confirm = () => cancel.run({ reference, reason: reason.trim() || undefined });

  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t('orders.cancel.button')}
      </Button>
      <ConfirmDialog
        open={open}
        title={t('orders.cancel.title', { reference })}
        confirmLabel={t('orders.cancel.confirm')}
        cancelLabel={t('orders.cancel.keep')}
        busy={cancel.pending}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
      >
        <p className="text-sm text-slate-700 dark:text-slate-300">{t('orders.cancel.body')}</p>
        <Field label={t('orders.cancel.reason')} htmlFor="cancel-reason">
          <TextArea id="cancel-reason" rows={2} maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} />
        </Field>
      </ConfirmDialog>
    </>
  );
}
