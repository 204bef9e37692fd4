import { LiveRefresh } from '@/app/(dashboard)/_components/live-refresh';
import { ClientMessages } from '@/components/client-messages';
import { notFound } from 'next/navigation';
import { Card, EmptyState } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TD } from '@/components/ui/table';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/lib/next/session';
import { formatDateTime, formatRupiah } from '@/lib/format';
import { getLocale, getTranslations } from 'next-intl/server';
import type { MessageKey } from '@/lib/i18n/messages';
import { getDelivery, prettyBody } from '@/lib/queries/webhooks';
import { liveVersion } from '@/lib/http/changes';
import { ProcessingBadge } from '../_components/delivery-badges';
import { ReprocessButton } from '../_components/reprocess-button';
import { RefusalReason } from '../_components/refusal-reason';

export default async function WebhookCallPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser('view', `/webhooks/${id}`);
  const version = await liveVersion();
  const delivery = await getDelivery(id);
  if (!delivery) notFound();
  const t = await getTranslations();
  const locale = await getLocale();
  const body = prettyBody(delivery.body);
  const headers = Object.entries(delivery.headers).sort(([a], [b]) => a.localeCompare(b));
  const dead = delivery.mutations.filter((m) => m.processing === 'dead').length;
  const waiting = delivery.mutations.some((m) => m.processing === 'received');

  const summary: [string, React.ReactNode][] = [
    [t('webhooks.detail.receivedAt'), formatDateTime(new Date(delivery.receivedAt), locale)],
    [
      t('webhooks.detail.source'),
      <span key="source" className="font-mono">
        {delivery.sourceAddress}
      </span>,
    ],
    [t('webhooks.detail.status'), delivery.httpStatus],
    [
      t('webhooks.detail.outcome'),
      <StatusBadge key="outcome" of="outcome" value={delivery.outcome}>
        {t(`webhooks.outcome.${delivery.outcome}`)}
      </StatusBadge>,
    ],
    [
      t('webhooks.detail.signature'),
      <StatusBadge key="signature" of="signature" value={delivery.signature}>
        {t(`webhooks.signature.${delivery.signature}`)}
      </StatusBadge>,
    ],
    [
      t('webhooks.columns.mutations'),
      delivery.outcome !== 'rejected' ? t('webhooks.counts', { accepted: delivery.accepted, duplicates: delivery.duplicates }) : '—',
    ],
    [t('webhooks.columns.processing'), <ProcessingBadge key="processing" summary={delivery.processing} t={t} />],
    [t('webhooks.detail.bodySize'), t('webhooks.detail.bytes', { bytes: delivery.bodyBytes })],
  ];

  return (
    <>
      <PageHeader
        back={{ href: '/webhooks', label: t('webhooks.detail.back') }}
        title={t('webhooks.detail.title')}
        description={formatDateTime(new Date(delivery.receivedAt), locale)}
        actions={
          can(user.role, 'reprocess_webhooks') && dead > 0 ? (
            <ClientMessages areas={['webhooks']}>
              <ReprocessButton deliveryId={delivery.id} count={dead} />
            </ClientMessages>
          ) : undefined
        }
      />
      {waiting && <LiveRefresh version={version} />}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t('webhooks.detail.summary')}>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
            {summary.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="font-medium text-slate-600 dark:text-slate-400">{label}</dt>
                <dd className="text-slate-900 dark:text-slate-100">{value}</dd>
              </div>
            ))}
          </dl>
          {delivery.reason && (
            <div className="mt-4 rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950/50 dark:text-red-200" data-testid="delivery-reason">
              <p className="font-medium">{t('webhooks.detail.reason')}</p>
              <ClientMessages areas={['webhooks']}>
                <p>
                  <RefusalReason reason={delivery.reason} />
                </p>
              </ClientMessages>
            </div>
          )}
        </Card>
        <Card title={t('webhooks.detail.headers')}>
          <Table
            caption={t('webhooks.detail.headers')}
            columns={[t('webhooks.detail.headerName'), t('webhooks.detail.headerValue')]}
            rows={headers}
            testId="delivery-headers"
            empty={<p className="text-sm text-slate-500 dark:text-slate-400">{t('webhooks.detail.noHeaders')}</p>}
          >
            {([name, value]) => (
              <tr key={name}>
                <TD nowrap className="font-mono text-xs">
                  {name}
                </TD>
                <TD className="break-all font-mono text-xs">{value}</TD>
              </tr>
            )}
          </Table>
        </Card>
      </div>
      <Card title={t('webhooks.detail.body')} className="mt-4">
        {delivery.bodyTruncated && <p className="mb-2 text-sm text-amber-800 dark:text-amber-300">{t('webhooks.detail.truncated')}</p>}
        {body.text === '' ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">{t('webhooks.detail.noBody')}</p>
        ) : (
          <pre
            tabIndex={0}
            aria-label={t('webhooks.detail.body')}
            data-testid="delivery-body"
            className="max-h-[32rem] overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800 dark:bg-slate-950 dark:text-slate-200"
          >
            {body.text}
          </pre>
        )}
      </Card>
      <Card title={t('webhooks.detail.mutations')} className="mt-4">
        <Table
          caption={t('webhooks.detail.mutations')}
          columns={[
            t('common.date'),
            t('webhooks.detail.type'),
            { label: t('common.amount'), numeric: true },
            t('common.description'),
            t('webhooks.columns.processing'),
            t('webhooks.detail.match'),
            { label: t('webhooks.detail.attempts'), numeric: true },
            t('webhooks.detail.error'),
          ]}
          rows={delivery.mutations}
          testId="delivery-mutations"
          empty={<EmptyState title={t('webhooks.detail.noMutations')} />}
        >
          {(m) => (
            <tr key={m.id} data-testid="delivery-mutation">
              <TD nowrap>{formatDateTime(new Date(m.occurredAt), locale)}</TD>
              <TD>{m.type}</TD>
              <TD numeric>{formatRupiah(BigInt(m.amount))}</TD>
              <TD>
                <span className="block max-w-xs break-words">{m.description}</span>
                <span className="font-mono text-xs text-slate-500 dark:text-slate-400">
                  {t('webhooks.detail.mootaId')}: {m.mootaId}
                </span>
              </TD>
              <TD>
                <StatusBadge of="processing" value={m.processing}>
                  {t(`webhooks.mutationState.${m.processing}`)}
                </StatusBadge>
              </TD>
              <TD>{t(`common.matchState.${m.matchState}` as MessageKey)}</TD>
              <TD numeric>{m.processAttempts}</TD>
              <TD className="max-w-xs break-words text-xs text-red-800 dark:text-red-300">{m.processError ?? ''}</TD>
            </tr>
          )}
        </Table>
      </Card>
    </>
  );
}
