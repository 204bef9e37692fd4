'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useAction } from '@/components/use-action';
import { setAccountSandboxAction } from '../actions';

/** The owner's switch: asks first, saying the account's money leaves (or joins) the reports. */
export function SandboxSwitch({ accountId, account, sandbox }: { accountId: string; account: string; sandbox: boolean }) {
  const t = useTranslations();
  const [open, setOpen] = useState(false);
  const change = useAction(setAccountSandboxAction, {
    success: (data) => (data.sandbox ? t('accounts.markedSandbox', { account }) : t('accounts.markedLive', { account })),
    refresh: true,
  });
  const toSandbox = !sandbox;
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        {toSandbox ? t('accounts.markSandbox') : t('accounts.markLive')}
      </Button>
      <ConfirmDialog
        open={open}
        title={toSandbox ? t('accounts.markSandboxTitle', { account }) : t('accounts.markLiveTitle', { account })}
        confirmLabel={toSandbox ? t('accounts.markSandbox') : t('accounts.markLive')}
        cancelLabel={t('common.cancel')}
        tone={toSandbox ? 'danger' : 'primary'}
        busy={change.pending}
        onConfirm={() => change.run({ accountId, sandbox: toSandbox }, { onSettled: () => setOpen(false) })}
        onCancel={() => setOpen(false)}
      >
        <p className="text-sm text-slate-600 dark:text-slate-300">{toSandbox ? t('accounts.markSandboxBody') : t('accounts.markLiveBody')}</p>
      </ConfirmDialog>
    </>
  );
}
