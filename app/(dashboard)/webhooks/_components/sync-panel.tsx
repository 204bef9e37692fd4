'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useState, type FormEvent } from 'react';
import { fetchJson } from '@/app/(dashboard)/_components/fetch-json';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Input, Select } from '@/components/ui/field';
import { TextLink } from '@/components/ui/text-link';
import { useAction } from '@/components/use-action';
import type { SyncRunView } from '@/lib/next/sync-run-view';
import type { SyncAccountOption } from '@/lib/queries/sync-runs';
import { startSyncAction } from '../actions';
import { SyncProgress, syncRunFailure } from './sync-run-parts';

const POLL_MS = 1_000;

export type SyncConnection = 'connected' | 'none' | 'unreadable';

/** "Sync now": a range of days and perhaps one account; then the run's progress, polled, and its summary. */
export function SyncPanel({
  connection,
  canConnect,
  today,
  maxDays,
  accounts,
  running,
}: {
  connection: SyncConnection;
  /** The reader may enter the token (the owner): the way there is a link. */
  canConnect: boolean;
  today: string;
  maxDays: number;
  accounts: SyncAccountOption[];
  running: SyncRunView | null;
}) {
  const t = useTranslations();
  const queryClient = useQueryClient();
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [account, setAccount] = useState('');
  const [runId, setRunId] = useState<string | null>(running?.id ?? null);

  const run = useQuery({
    queryKey: ['sync-run', runId],
    queryFn: ({ signal }) => fetchJson<SyncRunView>(`/api/dashboard/sync-runs/${runId}`, signal),
    enabled: runId !== null,
    initialData: running && running.id === runId ? running : undefined,
    refetchInterval: (query) => (query.state.data?.state === 'running' || !query.state.data ? POLL_MS : false),
  });
  const current = run.data && run.data.id === runId ? run.data : null;
  const finished = current !== null && current.state !== 'running';

  useEffect(() => {
    if (!finished) return;
    void queryClient.invalidateQueries({ queryKey: ['sync-runs'] });
    void queryClient.invalidateQueries({ queryKey: ['webhooks'] });
  }, [finished, queryClient]);

  const start = useAction(startSyncAction, {
    success: () => ({ text: t('webhooks.sync.started'), tone: 'info' }),
    onSuccess: (data) => {
      setRunId(data.runId);
      return queryClient.invalidateQueries({ queryKey: ['sync-runs'] });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.run({ from, to, mootaBankId: account || undefined });
  };

  if (connection !== 'connected') {
    return (
      <Card title={t('webhooks.sync.title')} className="mb-6">
        <div data-testid="sync-not-connected" className="flex flex-col gap-2 text-sm text-slate-700 dark:text-slate-200">
          <p>{connection === 'unreadable' ? t('webhooks.sync.unreadable') : t('webhooks.sync.notConnected')}</p>
          {canConnect ? (
            <p>
              <TextLink href="/settings#moota-api">{t('webhooks.sync.connectOwner')}</TextLink>
            </p>
          ) : (
            <p>{t('webhooks.sync.connectOthers')}</p>
          )}
        </div>
      </Card>
    );
  }

  const busy = start.pending || (current !== null && current.state === 'running');
  const failure = current ? syncRunFailure(current, t) : null;
  return (
    <Card title={<span id="sync-now-title">{t('webhooks.sync.title')}</span>} className="mb-6">
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('webhooks.sync.hint', { days: maxDays })}</p>
      <form onSubmit={submit} aria-labelledby="sync-now-title" className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end" noValidate>
        <Field label={t('common.from')} htmlFor="sync-from">
          <Input id="sync-from" name="from" type="date" max={today} value={from} required onChange={(event) => setFrom(event.target.value)} />
        </Field>
        <Field label={t('common.to')} htmlFor="sync-to">
          <Input id="sync-to" name="to" type="date" max={today} value={to} required onChange={(event) => setTo(event.target.value)} />
        </Field>
        <Field label={t('webhooks.sync.account')} htmlFor="sync-account">
          <Select id="sync-account" name="account" value={account} onChange={(event) => setAccount(event.target.value)}>
            <option value="">{t('webhooks.sync.allAccounts')}</option>
            {accounts.map((option) => (
              <option key={option.mootaBankId} value={option.mootaBankId}>
                {option.label}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={busy}>
          {start.pending ? t('webhooks.sync.starting') : t('webhooks.sync.start')}
        </Button>
      </form>
      {start.error && (
        <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400" data-testid="sync-error">
          {start.error}
        </p>
      )}
      {current && (
        <div className="mt-4 flex flex-col gap-2" data-testid="sync-run" data-run-id={current.id} data-state={current.state}>
          <SyncProgress run={current} t={t} />
          {current.state === 'succeeded' && (
            <p role="status" className="text-sm font-medium text-emerald-800 dark:text-emerald-300" data-testid="sync-summary">
              {t('webhooks.sync.succeeded', { new: current.mutationsNew, known: current.mutationsKnown, pages: current.pagesFetched })}
            </p>
          )}
          {current.state === 'failed' && (
            <p role="alert" className="text-sm font-medium text-red-800 dark:text-red-300" data-testid="sync-summary">
              {t('webhooks.sync.failed')} {failure}
            </p>
          )}
        </div>
      )}
    </Card>
  );
}
