'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { useAction } from '@/components/use-action';
import { savePayAccountsAction } from '../actions';

export interface PayAccountChoice {
  value: string;
  name: string;
  holder: string | null;
  sandbox: boolean;
}

/** Which accounts a customer's payment page tells them to pay into; none ticked: every account that is not a sandbox. */
export function PayAccountsSection({ accounts, chosen }: { accounts: PayAccountChoice[]; chosen: string[] }) {
  const t = useTranslations();
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set(chosen));
  const save = useAction(savePayAccountsAction, { success: () => t('settings.payAccounts.saved'), refresh: true });
  return (
    <Card title={<span id="pay-accounts">{t('settings.sections.payAccounts')}</span>}>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">{t('settings.payAccounts.hint')}</p>
      {accounts.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">{t('settings.payAccounts.none')}</p>
      ) : (
        <fieldset className="flex flex-col gap-2">
          <legend className="sr-only">{t('settings.sections.payAccounts')}</legend>
          {accounts.map((account) => (
            <label key={account.value} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="h-4 w-4 accent-emerald-700"
                checked={picked.has(account.value)}
                onChange={(event) => {
                  const next = new Set(picked);
                  if (event.target.checked) next.add(account.value);
                  else next.delete(account.value);
                  setPicked(next);
                }}
              />
              <span>
                {account.name}
                {account.holder && <span className="text-slate-600 dark:text-slate-300"> · {account.holder}</span>}
                {account.sandbox && <span className="text-slate-600 dark:text-slate-300"> ({t('accounts.sandbox')})</span>}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="mt-3">
        <Button size="sm" disabled={save.pending || accounts.length === 0} onClick={() => save.run({ accounts: [...picked] })}>
          {t('settings.payAccounts.save')}
        </Button>
      </div>
    </Card>
  );
}
