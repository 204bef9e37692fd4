'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { useAction } from '@/components/use-action';
import { checkAccountNowAction } from '../actions';

/** Asks Moota to check the bank now; a refusal (too soon, not connected, Moota's answer) is shown translated. */
export function CheckNowButton({ accountId, account }: { accountId: string; account: string }) {
  const t = useTranslations();
  const check = useAction(checkAccountNowAction, { success: () => t('accounts.checkRequested', { account }), refresh: true });
  return (
    <span className="inline-flex flex-col gap-1">
      <Button variant="secondary" size="sm" title={t('accounts.checkNowHint')} disabled={check.pending} onClick={() => check.run({ accountId })}>
        {t('accounts.checkNow')}
      </Button>
      {check.error && (
        <span role="alert" className="max-w-56 text-xs text-red-700 dark:text-red-400">
          {check.error}
        </span>
      )}
    </span>
  );
}
