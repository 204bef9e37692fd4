'use client';

import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { useAction } from '@/components/use-action';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Input } from '@/components/ui/field';
import { forgetMootaTokenAction, saveMootaTokenAction, setMootaTaggingAction } from '../actions';
import type { MootaTokenView } from './types';

const ENV_NAME = 'MOOTA_API_TOKEN';

/** The Moota API token: where it comes from and its last 4 characters; entered or forgotten, never read back. */
export function MootaApiSection({ status, tagging }: { status: MootaTokenView; tagging: boolean }) {
  const t = useTranslations();
  const [token, setToken] = useState('');
  const [forgetting, setForgetting] = useState(false);
  const saving = useAction(saveMootaTokenAction, { success: () => t('settings.mootaApi.saved'), refresh: true, onSuccess: () => setToken('') });
  const forget = useAction(forgetMootaTokenAction, { success: () => t('settings.mootaApi.forgotten'), refresh: true });
  const tag = useAction(setMootaTaggingAction, {
    success: (data) => (data.on ? t('settings.mootaApi.taggingOn') : t('settings.mootaApi.taggingOff')),
    refresh: true,
  });
  const busy = saving.pending || forget.pending;
  const masked = status.last4 ? `••••••••${status.last4}` : '••••••••';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim() !== '') saving.run({ token });
  };

  let statusText: string;
  if (status.source === 'environment') statusText = t('settings.mootaApi.fromEnv', { name: ENV_NAME, masked });
  else if (status.unreadable) statusText = t('settings.mootaApi.unreadable');
  else if (status.source === 'settings') statusText = t('settings.mootaApi.set', { masked });
  else statusText = t('settings.mootaApi.notSet');

  return (
    <div id="moota-api" className="scroll-mt-4">
      <Card title={t('settings.sections.mootaApi')}>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('settings.sections.mootaApiHint')}</p>
        <p
          className={`mb-3 break-words text-sm font-medium ${status.unreadable ? 'text-red-800 dark:text-red-300' : 'text-slate-800 dark:text-slate-100'}`}
          data-testid="moota-token-status"
          role={status.unreadable ? 'alert' : undefined}
        >
          {statusText}
        </p>
        {status.source !== 'environment' && (
          <form onSubmit={submit} aria-label={t('settings.sections.mootaApi')} className="flex flex-col gap-3" noValidate>
            <Field label={t('settings.mootaApi.token')} htmlFor="moota-api-token" hint={t('settings.mootaApi.tokenHint')} error={saving.error}>
              <Input
                id="moota-api-token"
                name="mootaApiToken"
                type="password"
                autoComplete="off"
                spellCheck={false}
                className="font-mono"
                value={token}
                aria-describedby={saving.error ? 'moota-api-token-error' : 'moota-api-token-hint'}
                onChange={(event) => setToken(event.target.value)}
              />
            </Field>
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={busy || token.trim() === ''}>
                {t('settings.mootaApi.save')}
              </Button>
              {status.source === 'settings' && (
                <Button variant="secondary" disabled={busy} onClick={() => setForgetting(true)}>
                  {t('settings.mootaApi.forget')}
                </Button>
              )}
            </div>
          </form>
        )}
        <label className="mt-4 flex items-start gap-2 text-sm text-slate-700 dark:text-slate-200">
          <input
            type="checkbox"
            className="mt-0.5 h-4 w-4"
            checked={tagging}
            disabled={tag.pending}
            onChange={(event) => tag.run({ on: event.target.checked })}
          />
          <span>{t('settings.mootaApi.tagging')}</span>
        </label>
      </Card>
      <ConfirmDialog
        open={forgetting}
        title={t('settings.mootaApi.forgetTitle')}
        confirmLabel={t('settings.mootaApi.forget')}
        cancelLabel={t('common.cancel')}
        busy={forget.pending}
        onConfirm={() => forget.run({}, { onSettled: () => setForgetting(false) })}
        onCancel={() => setForgetting(false)}
      >
        <p className="text-sm text-slate-600 dark:text-slate-300">{t('settings.mootaApi.forgetBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
