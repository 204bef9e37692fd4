'use client';

import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { useAction } from '@/components/use-action';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Input } from '@/components/ui/field';
import { addWebhookSecretAction, removeWebhookSecretAction } from '../actions';
import type { MaskedSecret } from './types';

/** 32 random bytes from the browser's CSPRNG, base64url: a secret nobody has to invent. */
function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export function WebhookSecretsSection({ secrets, envName }: { secrets: MaskedSecret[]; envName: string | null }) {
  const t = useTranslations();
  const [secret, setSecret] = useState('');
  const [removing, setRemoving] = useState<MaskedSecret | null>(null);
  const full = secrets.length >= 2;
  const adding = useAction(addWebhookSecretAction, {
    success: (data) => (data.active > 1 ? t('settings.secrets.added') : t('settings.secrets.addedFirst')),
    refresh: true,
    onSuccess: () => setSecret(''),
  });
  const removal = useAction(removeWebhookSecretAction, { success: () => t('settings.secrets.removed'), refresh: true });
  const busy = adding.pending || removal.pending;

  const add = (event: FormEvent) => {
    event.preventDefault();
    adding.run({ secret });
  };

  const remove = () => {
    if (removing) removal.run({ fingerprint: removing.fingerprint }, { onSettled: () => setRemoving(null) });
  };

  return (
    <div id="webhook-secrets" className="scroll-mt-4">
      <Card title={<span id="webhook-secrets-title">{t('settings.sections.webhookSecrets')}</span>}>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('settings.sections.webhookSecretsHint')}</p>
        {envName && (
          <p className="mb-3 text-sm font-medium text-amber-800 dark:text-amber-300" data-testid="webhook-secrets-env">
            {t('settings.fromEnv', { name: envName })}
          </p>
        )}
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">{t('settings.secrets.active')}</h3>
        {secrets.length === 0 ? (
          <p className="mt-1 text-sm text-red-800 dark:text-red-300">{t('settings.secrets.none')}</p>
        ) : (
          <ul className="mt-1 divide-y divide-slate-100 dark:divide-slate-800" data-testid="webhook-secrets">
            {secrets.map((item) => (
              <li key={item.fingerprint} className="flex items-center justify-between gap-2 py-2">
                <code className="font-mono text-sm">{item.masked}</code>
                {!envName && secrets.length > 1 && (
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-label={t('settings.secrets.removeLabel', { masked: item.masked })}
                    onClick={() => setRemoving(item)}
                  >
                    {t('settings.secrets.remove')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        {!envName &&
          (full ? (
            <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">{t('settings.secrets.full')}</p>
          ) : (
            <form onSubmit={add} aria-label={t('settings.secrets.add')} className="mt-4 flex flex-col gap-3" noValidate>
              <Field
                label={t('settings.secrets.newSecret')}
                htmlFor="new-webhook-secret"
                hint={t('settings.secrets.newSecretHint')}
                error={adding.error}
              >
                <Input
                  id="new-webhook-secret"
                  name="secret"
                  autoComplete="off"
                  spellCheck={false}
                  className="font-mono"
                  value={secret}
                  aria-describedby={adding.error ? 'new-webhook-secret-error' : 'new-webhook-secret-hint'}
                  onChange={(event) => setSecret(event.target.value)}
                />
              </Field>
              <div className="flex flex-wrap gap-2">
                <Button variant="secondary" onClick={() => setSecret(randomSecret())}>
                  {t('settings.secrets.generate')}
                </Button>
                <Button type="submit" disabled={busy || secret.trim() === ''}>
                  {t('settings.secrets.add')}
                </Button>
              </div>
            </form>
          ))}
      </Card>
      {removing && (
        <ConfirmDialog
          open
          title={t('settings.secrets.removeTitle')}
          confirmLabel={t('settings.secrets.remove')}
          cancelLabel={t('common.cancel')}
          busy={busy}
          onConfirm={remove}
          onCancel={() => setRemoving(null)}
        >
          <p className="text-sm text-slate-600 dark:text-slate-300">{t('settings.secrets.removeBody', { masked: removing.masked })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
