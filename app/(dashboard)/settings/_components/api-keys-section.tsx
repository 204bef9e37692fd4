'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Badge, Card, EmptyState } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Input } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { formatDateTime } from '@/lib/format';
import { createApiKeyAction, revokeApiKeyAction } from '../actions';
import type { ApiKeyView } from './types';

export function ApiKeysSection({ keys }: { keys: ApiKeyView[] }) {
  const t = useTranslations();
  const locale = useLocale();
  const toast = useToast();
  const router = useRouter();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const [busy, startTransition] = useTransition();

  const create = (event: FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await createApiKeyAction({ name });
      if (!result.ok) {
        setError(result.message);
        toast(result.message, 'error');
        return;
      }
      setError(null);
      setCreated({ key: result.data.key, name });
      setName('');
      toast(t('settings.apiKeys.created'));
      router.refresh();
    });
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.key);
      toast(t('settings.apiKeys.copied'));
    } catch {
      toast(t('settings.apiKeys.copyFailed'), 'error');
    }
  };

  const revoke = () => {
    const target = revoking;
    if (!target) return;
    startTransition(async () => {
      const result = await revokeApiKeyAction({ id: target.id });
      setRevoking(null);
      if (!result.ok) {
        toast(result.message, 'error');
        return;
      }
      toast(t('settings.apiKeys.revokedToast'));
      router.refresh();
    });
  };

  return (
    <div id="api-keys" className="scroll-mt-4">
      <Card title={t('settings.sections.apiKeys')}>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('settings.sections.apiKeysHint')}</p>
        {created && (
          <div className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950/40" data-testid="new-api-key">
            <p className="mb-2 text-sm font-medium text-amber-900 dark:text-amber-200">{t('settings.apiKeys.showOnce')}</p>
            <Field label={t('settings.apiKeys.newKey')} htmlFor="new-api-key-value">
              <Input id="new-api-key-value" readOnly value={created.key} className="font-mono" onFocus={(event) => event.target.select()} />
            </Field>
            <div className="mt-2 flex flex-wrap gap-2">
              <Button size="sm" onClick={copy}>
                {t('settings.apiKeys.copy')}
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setCreated(null)}>
                {t('settings.apiKeys.hide')}
              </Button>
            </div>
          </div>
        )}
        <form onSubmit={create} aria-label={t('settings.apiKeys.create')} className="mb-4 flex flex-wrap items-end gap-3" noValidate>
          <div className="min-w-56 flex-1">
            <Field label={t('settings.apiKeys.name')} htmlFor="api-key-name" hint={t('settings.apiKeys.nameHint')} error={error}>
              <Input
                id="api-key-name"
                name="name"
                maxLength={100}
                value={name}
                aria-describedby={error ? 'api-key-name-error' : 'api-key-name-hint'}
                onChange={(event) => setName(event.target.value)}
              />
            </Field>
          </div>
          <Button type="submit" disabled={busy}>
            {t('settings.apiKeys.create')}
          </Button>
        </form>
        {keys.length === 0 ? (
          <EmptyState title={t('settings.apiKeys.empty')} />
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm" data-testid="api-keys">
              <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300">
                <tr>
                  <th scope="col" className="px-2 py-1">{t('settings.apiKeys.name')}</th>
                  <th scope="col" className="px-2 py-1">{t('settings.apiKeys.prefix')}</th>
                  <th scope="col" className="px-2 py-1">{t('settings.apiKeys.createdAt')}</th>
                  <th scope="col" className="px-2 py-1">{t('settings.apiKeys.lastUsed')}</th>
                  <th scope="col" className="px-2 py-1">{t('settings.apiKeys.status')}</th>
                  <th scope="col" className="px-2 py-1"><span className="sr-only">{t('common.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr key={key.id} className="border-t border-slate-100 dark:border-slate-800">
                    <td className="px-2 py-2 font-medium">{key.name}</td>
                    <td className="whitespace-nowrap px-2 py-2 font-mono text-xs">{key.prefix}…</td>
                    <td className="whitespace-nowrap px-2 py-2">{formatDateTime(new Date(key.createdAt), locale)}</td>
                    <td className="whitespace-nowrap px-2 py-2">
                      {key.lastUsedAt ? formatDateTime(new Date(key.lastUsedAt), locale) : t('settings.apiKeys.never')}
                    </td>
                    <td className="px-2 py-2">
                      {key.revokedAt ? <Badge tone="slate">{t('settings.apiKeys.revoked')}</Badge> : <Badge tone="green">{t('settings.apiKeys.active')}</Badge>}
                    </td>
                    <td className="px-2 py-2 text-right">
                      {!key.revokedAt && (
                        <Button
                          size="sm"
                          variant="secondary"
                          aria-label={t('settings.apiKeys.revokeLabel', { name: key.name })}
                          onClick={() => setRevoking(key)}
                        >
                          {t('settings.apiKeys.revoke')}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {revoking && (
      <ConfirmDialog
        open
        title={t('settings.apiKeys.revokeTitle')}
        confirmLabel={t('settings.apiKeys.revoke')}
        cancelLabel={t('common.cancel')}
        busy={busy}
        onConfirm={revoke}
        onCancel={() => setRevoking(null)}
      >
        <p className="text-sm text-slate-600 dark:text-slate-300">
          {t('settings.apiKeys.revokeBody', { name: revoking.name, prefix: revoking.prefix })}
        </p>
      </ConfirmDialog>
      )}
    </div>
  );
}
