import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ClientMessages } from '@/components/client-messages';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime, formatRupiah } from '@/lib/format';
import { getLocale, getTranslations } from 'next-intl/server';
import type { MessageKey } from '@/lib/i18n/messages';
import { getDelivery, prettyBody } from '@/lib/queries/webhooks';
import { MutationStateBadge, OutcomeBadge, ProcessingBadge, SignatureBadge } from '../_components/delivery-badges';
import { DeliveryAutoRefresh } from '../_components/delivery-auto-refresh';
import { ReprocessButton } from '../_components/reprocess-button';

export default async function WebhookCallPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser('view', `/webhooks/${id}`);
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
    [t('webhooks.detail.source'), <span key="source" className="font-mono">{delivery.sourceAddress}</span>],
    [t('webhooks.detail.status'), delivery.httpStatus],
    [t('webhooks.detail.outcome'), <OutcomeBadge key="outcome" outcome={delivery.outcome} t={t} />],
    [t('webhooks.detail.signature'), <SignatureBadge key="signature" signature={delivery.signature} t={t} />],
    [t('webhooks.columns.mutations'), delivery.outcome === 'accepted' ? t('webhooks.counts', { accepted: delivery.accepted, duplicates: delivery.duplicates }) : '—'],
    [t('webhooks.columns.processing'), <ProcessingBadge key="processing" summary={delivery.processing} t={t} />],
    [t('webhooks.detail.bodySize'), t('webhooks.detail.bytes', { bytes: delivery.bodyBytes })],
  ];
  if (delivery.durationMs !== null) summary.push([t('webhooks.detail.duration'), t('webhooks.detail.durationMs', { ms: delivery.durationMs })]);

  return (
    <>
      <Link href="/webhooks" className="mb-2 inline-block text-sm text-emerald-800 underline-offset-2 hover:underline dark:text-emerald-300">
        ← {t('webhooks.detail.back')}
      </Link>
      <PageHeader
        title={t('webhooks.detail.title')}
        description={formatDateTime(new Date(delivery.receivedAt), locale)}
        actions={can(user.role, 'reprocess_webhooks') && dead > 0 ? <ClientMessages areas={['webhooks']}><ReprocessButton deliveryId={delivery.id} count={dead} /></ClientMessages> : undefined}
      />
      {waiting && <DeliveryAutoRefresh />}
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
              <p>{delivery.reason}</p>
            </div>
          )}
        </Card>
        <Card title={t('webhooks.detail.headers')}>
          {headers.length === 0 ? (
            <p className="text-sm text-slate-500 dark:text-slate-400">{t('webhooks.detail.noHeaders')}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="min-w-full text-left text-sm" data-testid="delivery-headers">
                <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300">
                  <tr>
                    <th scope="col" className="py-1 pr-3">{t('webhooks.detail.headerName')}</th>
                    <th scope="col" className="py-1">{t('webhooks.detail.headerValue')}</th>
                  </tr>
                </thead>
                <tbody>
                  {headers.map(([name, value]) => (
                    <tr key={name} className="border-t border-slate-100 dark:border-slate-800">
                      <td className="whitespace-nowrap py-1 pr-3 font-mono text-xs">{name}</td>
                      <td className="break-all py-1 font-mono text-xs">{value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
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
        {delivery.mutations.length === 0 ? (
          <EmptyState title={t('webhooks.detail.noMutations')} />
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm" data-testid="delivery-mutations">
              <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300">
                <tr>
                  <th scope="col" className="px-2 py-1">{t('common.date')}</th>
                  <th scope="col" className="px-2 py-1">{t('webhooks.detail.type')}</th>
                  <th scope="col" className="px-2 py-1 text-right">{t('common.amount')}</th>
                  <th scope="col" className="px-2 py-1">{t('common.description')}</th>
                  <th scope="col" className="px-2 py-1">{t('webhooks.columns.processing')}</th>
                  <th scope="col" className="px-2 py-1">{t('webhooks.detail.match')}</th>
                  <th scope="col" className="px-2 py-1">{t('webhooks.detail.attempts')}</th>
                  <th scope="col" className="px-2 py-1">{t('webhooks.detail.error')}</th>
                </tr>
              </thead>
              <tbody>
                {delivery.mutations.map((m) => (
                  <tr key={m.id} data-testid="delivery-mutation" className="border-t border-slate-100 align-top dark:border-slate-800">
                    <td className="whitespace-nowrap px-2 py-1">{formatDateTime(new Date(m.occurredAt), locale)}</td>
                    <td className="px-2 py-1">{m.type}</td>
                    <td className="whitespace-nowrap px-2 py-1 text-right tabular-nums">{formatRupiah(BigInt(m.amount))}</td>
                    <td className="px-2 py-1">
                      <span className="block max-w-xs break-words">{m.description}</span>
                      <span className="font-mono text-xs text-slate-500 dark:text-slate-400">
                        {t('webhooks.detail.mootaId')}: {m.mootaId}
                      </span>
                    </td>
                    <td className="px-2 py-1"><MutationStateBadge state={m.processing} t={t} /></td>
                    <td className="px-2 py-1">{t(`webhooks.detail.matchState.${m.matchState}` as MessageKey)}</td>
                    <td className="px-2 py-1 tabular-nums">{m.processAttempts}</td>
                    <td className="max-w-xs break-words px-2 py-1 text-xs text-red-800 dark:text-red-300">{m.processError ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
