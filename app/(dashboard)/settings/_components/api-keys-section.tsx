'use client';

import { useState, type FormEvent } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { useAction } from '@/components/use-action';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Input } from '@/components/ui/field';
import { Table, TD } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { formatDateTime } from '@/lib/format';
import { createApiKeyAction, revokeApiKeyAction } from '../actions';
import type { ApiKeyView } from './types';

export function ApiKeysSection({ keys }: { keys: ApiKeyView[] }) {
  const t = useTranslations();
  const locale = useLocale();
  const toast = useToast();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const creation = useAction(createApiKeyAction, {
    success: () => t('settings.apiKeys.created'),
    refresh: true,
    onSuccess: (data, input) => {
      setCreated({ key: data.key, name: input.name });
      setName('');
    },
  });
  const revocation = useAction(revokeApiKeyAction, { success: () => t('settings.apiKeys.revokedToast'), refresh: true });

  const create = (event: FormEvent) => {
    event.preventDefault();
    creation.run({ name });
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
    if (revoking) revocation.run({ id: revoking.id }, { onSettled: () => setRevoking(null) });
  };

  return (
    <div id="api-keys" className="scroll-mt-4">
      <Card title={t('settings.sections.apiKeys')}>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('settings.sections.apiKeysHint')}</p>
        {created && (
          <div
            className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950/40"
            data-testid="new-api-key"
          >
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
            <Field label={t('settings.apiKeys.name')} htmlFor="api-key-name" hint={t('settings.apiKeys.nameHint')} error={creation.error}>
              <Input
                id="api-key-name"
                name="name"
                maxLength={100}
                value={name}
                aria-describedby={creation.error ? 'api-key-name-error' : 'api-key-name-hint'}
                onChange={(event) => setName(event.target.value)}
              />
            </Field>
          </div>
          <Button type="submit" disabled={creation.pending}>
            {t('settings.apiKeys.create')}
          </Button>
        </form>
        <Table
          caption={t('settings.sections.apiKeys')}
          columns={[
            t('settings.apiKeys.name'),
            t('settings.apiKeys.prefix'),
            t('settings.apiKeys.createdAt'),
            t('settings.apiKeys.lastUsed'),
            t('settings.apiKeys.status'),
            { label: t('common.actions'), srOnly: true },
          ]}
          rows={keys}
          testId="api-keys"
          empty={<EmptyState title={t('settings.apiKeys.empty')} />}
        >
          {(key) => (
            <tr key={key.id}>
              <TD className="font-medium">{key.name}</TD>
              <TD nowrap className="font-mono text-xs">
                {key.prefix}…
              </TD>
              <TD nowrap>{formatDateTime(new Date(key.createdAt), locale)}</TD>
              <TD nowrap>{key.lastUsedAt ? formatDateTime(new Date(key.lastUsedAt), locale) : t('settings.apiKeys.never')}</TD>
              <TD>
                {key.revokedAt ? (
                  <Badge tone="slate">{t('settings.apiKeys.revoked')}</Badge>
                ) : (
                  <Badge tone="green">{t('settings.apiKeys.active')}</Badge>
                )}
              </TD>
              <TD className="text-right">
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
              </TD>
            </tr>
          )}
        </Table>
      </Card>
      {revoking && (
        <ConfirmDialog
          open
          title={t('settings.apiKeys.revokeTitle')}
          confirmLabel={t('settings.apiKeys.revoke')}
          cancelLabel={t('common.cancel')}
          busy={revocation.pending}
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
