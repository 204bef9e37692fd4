'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { reprocessDeliveryAction } from '../actions';

export function ReprocessButton({ deliveryId, count }: { deliveryId: string; count: number }) {
  const t = useTranslations();
  const toast = useToast();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, startTransition] = useTransition();

  const reprocess = () =>
    startTransition(async () => {
      const result = await reprocessDeliveryAction({ deliveryId });
      setOpen(false);
      if (!result.ok) {
        toast(result.message, 'error');
        return;
      }
      toast(result.data.count > 0 ? t('webhooks.reprocess.done', { count: result.data.count }) : t('webhooks.reprocess.nothing'), result.data.count > 0 ? 'success' : 'info');
      router.refresh();
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
        busy={busy}
        onConfirm={reprocess}
        onCancel={() => setOpen(false)}
      >
        <p className="text-sm text-slate-600 dark:text-slate-300">{t('webhooks.reprocess.body', { count })}</p>
      </ConfirmDialog>
    </>
  );
}
