'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { cancelOrderAction } from '@/app/(dashboard)/orders/actions';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, TextArea } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';

export function CancelOrderButton({ reference }: { reference: string }) {
  const t = useTranslations();
  const toast = useToast();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [pending, startTransition] = useTransition();

  const confirm = () =>
    startTransition(async () => {
      const result = await cancelOrderAction({ reference, reason: reason.trim() || undefined });
      if (!result.ok) {
        toast(`${t(`common.errors.${result.code}`)}: ${result.message}`, 'error');
        return;
      }
      setOpen(false);
      toast(t('orders.cancel.done', { reference: result.data.reference }));
      router.refresh();
    });

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
        busy={pending}
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
