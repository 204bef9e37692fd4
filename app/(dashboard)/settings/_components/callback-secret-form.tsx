'use client';

import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { useAction } from '@/components/use-action';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { saveStoreCallbackSecretAction } from '../actions';

/** The store callback's signing secret: shown masked, replaced or removed, never read back. */
export function CallbackSecretForm({ masked, envName }: { masked: string | null; envName: string | null }) {
  const t = useTranslations();
  const [secret, setSecret] = useState('');
  const saving = useAction(saveStoreCallbackSecretAction, { success: () => t('settings.saved'), refresh: true, onSuccess: () => setSecret('') });
  const save = (value: string) => saving.run({ secret: value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (secret.trim() !== '') save(secret);
  };

  const status = masked ? t('settings.secrets.secretSet', { masked }) : t('settings.secrets.secretNotSet');
  return (
    <form
      onSubmit={submit}
      aria-label={t('settings.fields.storeCallbackSecret.label')}
      className="mt-6 flex flex-col gap-3 border-t border-slate-100 pt-4 dark:border-slate-800"
      noValidate
    >
      <p className="text-sm text-slate-700 dark:text-slate-200" data-testid="callback-secret-status">
        {status}
      </p>
      <Field
        label={t('settings.fields.storeCallbackSecret.label')}
        htmlFor="setting-storeCallbackSecret"
        hint={envName ? t('settings.fromEnv', { name: envName }) : t('settings.fields.storeCallbackSecret.hint')}
        error={saving.error}
      >
        <Input
          id="setting-storeCallbackSecret"
          name="storeCallbackSecret"
          type="password"
          autoComplete="new-password"
          value={secret}
          readOnly={Boolean(envName)}
          className="read-only:bg-slate-100 dark:read-only:bg-slate-800"
          aria-describedby={saving.error ? 'setting-storeCallbackSecret-error' : 'setting-storeCallbackSecret-hint'}
          onChange={(event) => setSecret(event.target.value)}
        />
      </Field>
      {!envName && (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={saving.pending || secret.trim() === ''}>
            {t('common.save')}
          </Button>
          {masked && (
            <Button variant="secondary" disabled={saving.pending} onClick={() => save('')}>
              {t('settings.secrets.clearSecret')}
            </Button>
          )}
        </div>
      )}
    </form>
  );
}
