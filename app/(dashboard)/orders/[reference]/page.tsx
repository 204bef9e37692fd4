import { ClientMessages } from '@/components/client-messages';
import { LiveRefresh } from '@/app/(dashboard)/_components/live-refresh';
import { notFound } from 'next/navigation';
import { CancelOrderButton } from '@/app/(dashboard)/orders/_components/cancel-order';
import { OrderDifference } from '@/app/(dashboard)/orders/_components/order-difference';
import { openDifference } from '@/lib/differences/categories';
import { pageOrigin } from '@/lib/next/origin';
import { payPath } from '@/lib/pay/link';
import { previewUndoAction, undoAction } from '@/app/(dashboard)/unmatched/actions';
import { UndoMatchButton } from '@/components/reconcile/undo-match-dialog';
import { HistoryTable } from '@/components/ledger/history-table';
import { Badge, StatusBadge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Facts } from '@/components/ui/facts';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TD } from '@/components/ui/table';
import { TextLink } from '@/components/ui/text-link';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/lib/next/session';
import { formatDateTime, formatRupiah } from '@/lib/format';
import { getLocale, getTranslations } from 'next-intl/server';
import { getOrderDetail } from '@/lib/queries/orders';
import { liveVersion } from '@/lib/http/changes';
import { actorName } from '@/lib/actors';

type Props = { params: Promise<{ reference: string }> };

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: Props) {
  const { reference } = await params;
  return { title: (await getTranslations())('orders.detail.title', { reference: decode(reference) }) };
}

export default async function OrderDetailPage({ params }: Props) {
  const reference = decode((await params).reference);
  const user = await requireUser('view', `/orders/${encodeURIComponent(reference)}`);
  const version = await liveVersion();
  const order = await getOrderDetail(reference);
  if (!order) notFound();
  const t = await getTranslations();
  const locale = await getLocale();
  const when = (date: Date | null) => (date ? formatDateTime(date, locale) : t('orders.detail.none'));
  const canReconcile = can(user.role, 'reconcile');
  const cancellable = can(user.role, 'manage_orders') && (order.status === 'pending' || order.status === 'expired');
  const difference = openDifference(order);
  const payLink = (await pageOrigin()) + (await payPath(order.id));
  const accepted = order.differences[0];

  return (
    <>
      <LiveRefresh version={version} />
      <PageHeader
        back={{ href: '/orders', label: t('orders.detail.back') }}
        title={t('orders.detail.title', { reference: order.reference })}
        description={
          <StatusBadge of="orderStatus" value={order.status}>
            {t(`common.orderStatus.${order.status}`)}
          </StatusBadge>
        }
        actions={
          cancellable && (
            <ClientMessages areas={['orders']}>
              <CancelOrderButton reference={order.reference} />
            </ClientMessages>
          )
        }
      />
      <div className="flex flex-col gap-6">
        <Card title={t('orders.detail.summary')}>
          <Facts
            items={[
              [t('orders.detail.amount'), formatRupiah(order.amount)],
              [t('orders.detail.uniqueCode'), order.uniqueCode],
              [t('orders.detail.payable'), <strong key="payable">{formatRupiah(order.payableAmount)}</strong>],
              [t('orders.detail.paidAmount'), formatRupiah(order.paidAmount)],
              [t('orders.detail.customer'), order.customerName ?? t('orders.detail.none')],
              [t('orders.detail.account'), order.accountNumber ?? t('orders.detail.none')],
              [t('orders.detail.source'), t(`orders.source.${order.source}`)],
              [t('orders.detail.createdAt'), when(order.createdAt)],
              [t('orders.detail.expiresAt'), when(order.expiresAt)],
              [t('orders.detail.paidAt'), when(order.paidAt)],
              [t('orders.detail.closedAt'), when(order.closedAt)],
              [
                t('orders.detail.payLink'),
                <a key="pay" href={payLink} className="break-all text-emerald-800 underline dark:text-emerald-300" data-testid="pay-link">
                  {payLink}
                </a>,
              ],
            ]}
          />
        </Card>

        {(difference !== null || accepted) && (
          <Card title={t('orders.difference.card')}>
            {accepted ? (
              <p className="text-sm text-slate-800 dark:text-slate-100" data-testid="accepted-difference">
                {t(accepted.amount < 0n ? 'orders.difference.acceptedShort' : 'orders.difference.acceptedOver', {
                  amount: formatRupiah(accepted.amount < 0n ? -accepted.amount : accepted.amount),
                  category: t(`common.differenceCategory.${accepted.category}`),
                  by: actorName(accepted.acceptedBy, t('orders.history.system')),
                  when: formatDateTime(accepted.acceptedAt, locale),
                  reason: accepted.reason,
                })}
              </p>
            ) : (
              <ClientMessages areas={['orders']}>
                <OrderDifference orderId={order.id} reference={order.reference} difference={String(difference)} canReconcile={canReconcile} />
              </ClientMessages>
            )}
          </Card>
        )}

        <Card title={t('orders.detail.payments')}>
          <Table
            framed
            region
            caption={t('orders.detail.paymentsCaption')}
            columns={[
              t('orders.detail.mutation'),
              { label: t('orders.detail.paymentAmount'), numeric: true },
              t('orders.detail.split'),
              t('orders.detail.recordedBy'),
              t('orders.detail.paymentState'),
            ]}
            rows={order.payments}
            empty={<p className="text-sm text-slate-600 dark:text-slate-400">{t('orders.detail.noPayments')}</p>}
          >
            {(payment) => (
              <tr key={payment.id} data-testid="payment-row">
                <TD>
                  <TextLink href={`/mutations/${payment.mutation.id}`}>
                    {formatRupiah(payment.mutation.amount)} · {formatDateTime(payment.mutation.occurredAt, locale)}
                  </TextLink>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {[payment.mutation.bankLabel, payment.mutation.accountNumber].filter(Boolean).join(' ')} · {payment.mutation.description}
                  </span>
                </TD>
                <TD numeric>{formatRupiah(payment.amount)}</TD>
                <TD>{payment.split ? t('orders.detail.split') : t('orders.detail.whole')}</TD>
                <TD>
                  {actorName(payment.createdBy, t('orders.history.system'))}
                  <span className="block text-xs text-slate-600 dark:text-slate-400">{formatDateTime(payment.createdAt, locale)}</span>
                </TD>
                <TD>
                  {payment.undoneAt ? (
                    <>
                      <Badge tone="slate">
                        {t('orders.detail.undone', { when: formatDateTime(payment.undoneAt, locale), actor: payment.undoneBy ?? '—' })}
                      </Badge>
                      {payment.undoReason && <span className="mt-1 block text-xs text-slate-600 dark:text-slate-400">{payment.undoReason}</span>}
                    </>
                  ) : (
                    <span className="flex flex-wrap items-center gap-2">
                      <Badge tone="green">{t('orders.detail.active')}</Badge>
                      {canReconcile && (
                        <ClientMessages areas={['unmatched']}>
                          <UndoMatchButton mutationId={payment.mutation.id} preview={previewUndoAction} undo={undoAction} />
                        </ClientMessages>
                      )}
                    </span>
                  )}
                </TD>
              </tr>
            )}
          </Table>
        </Card>

        <Card title={t('orders.detail.history')}>
          <HistoryTable entries={order.history} area="orders" />
        </Card>

        <Card title={t('orders.detail.callbacks')}>
          {order.callbacks.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t('orders.detail.noCallbacks')}</p>
          ) : (
            <ul className="flex flex-col gap-4">
              {order.callbacks.map((callback) => (
                <li key={callback.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid="callback">
                  <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
                    <span className="font-medium">{callback.event}</span>
                    <StatusBadge of="callback" value={callback.state}>
                      {t(`orders.callbackState.${callback.state}`)}
                    </StatusBadge>
                    <span className="text-slate-600 dark:text-slate-400">{formatDateTime(callback.createdAt, locale)}</span>
                    {callback.deliveredAt && (
                      <span className="text-slate-600 dark:text-slate-400">
                        {t('orders.detail.deliveredAt', { when: formatDateTime(callback.deliveredAt, locale) })}
                      </span>
                    )}
                  </div>
                  <Table
                    framed
                    caption={t('orders.detail.attempts')}
                    columns={[
                      t('orders.detail.attemptAt'),
                      t('orders.detail.url'),
                      t('orders.detail.httpStatus'),
                      t('orders.detail.error'),
                      { label: t('orders.detail.duration'), numeric: true },
                    ]}
                    rows={callback.attempts}
                    empty={<p className="text-sm text-slate-600 dark:text-slate-400">{t('orders.detail.noAttempts')}</p>}
                  >
                    {(attempt) => (
                      <tr key={attempt.id}>
                        <TD nowrap>{formatDateTime(attempt.attemptedAt, locale)}</TD>
                        <TD className="break-all">{attempt.url}</TD>
                        <TD>{attempt.httpStatus ?? '—'}</TD>
                        <TD>{attempt.error ?? '—'}</TD>
                        <TD numeric>{t('orders.detail.durationMs', { ms: attempt.durationMs })}</TD>
                      </tr>
                    )}
                  </Table>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
