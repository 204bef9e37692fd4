'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useAction } from '@/components/use-action';
import { reprocessDeliveryAction } from '../actions';

export function ReprocessButton({ deliveryId, count }: { deliveryId: string; count: number }) {
  const t = useTranslations();
  const [open, setOpen] = useState(false);
  const reprocess = useAction(reprocessDeliveryAction, {
    success: (data) =>
      data.count > 0 ? t('webhooks.reprocess.done', { count: data.count }) : { text: t('webhooks.reprocess.nothing'), tone: 'info' },
    refresh: true,
  });

  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('webhooks.reprocess.button', { count })}</Button>
      <ConfirmDialog
        open={open}
        title={t('webhooks.reprocess.title')}
        confirmLabel={t('webhooks.reprocess.confirm')}
        cancelLabel={t('common.cancel')}
        tone="primary"
        busy={reprocess.pending}
        onConfirm={() => reprocess.run({ deliveryId }, { onSettled: () => setOpen(false) })}
        onCancel={() => setOpen(false)}
      >
        <p className="text-sm text-slate-600 dark:text-slate-300">{t('webhooks.reprocess.body', { count })}</p>
      </ConfirmDialog>
    </>
  );
}
