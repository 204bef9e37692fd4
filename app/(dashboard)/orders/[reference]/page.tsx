import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CancelOrderButton } from '@/app/(dashboard)/orders/_components/cancel-order';
import { Facts, HistoryTable, OrderStatusBadge, Table, cellClass, moneyCellClass } from '@/app/(dashboard)/orders/_components/ledger-ui';
import { ClientMessages } from '@/components/client-messages';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime, formatRupiah } from '@/lib/format';
import { getLocale, getTranslations } from 'next-intl/server';
import { getOrderDetail } from '@/lib/queries/orders';

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

const CALLBACK_TONES = { pending: 'amber', delivered: 'green', failed: 'red', skipped: 'slate' } as const;

export default async function OrderDetailPage({ params }: Props) {
  const reference = decode((await params).reference);
  const user = await requireUser('view', `/orders/${encodeURIComponent(reference)}`);
  const order = await getOrderDetail(reference);
  if (!order) notFound();
  const t = await getTranslations();
  const locale = await getLocale();
  const when = (date: Date | null) => (date ? formatDateTime(date, locale) : t('orders.detail.none'));
  const cancellable = can(user.role, 'manage_orders') && (order.status === 'pending' || order.status === 'expired');

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/orders" className="text-emerald-800 underline dark:text-emerald-300">
          {t('orders.detail.back')}
        </Link>
      </p>
      <PageHeader
        title={t('orders.detail.title', { reference: order.reference })}
        description={<OrderStatusBadge status={order.status} />}
        actions={cancellable && <ClientMessages areas={['orders']}><CancelOrderButton reference={order.reference} /></ClientMessages>}
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
            ]}
          />
        </Card>

        <Card title={t('orders.detail.payments')}>
          {order.payments.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t('orders.detail.noPayments')}</p>
          ) : (
            <Table
              caption={t('orders.detail.paymentsCaption')}
              head={[
                t('orders.detail.mutation'),
                t('orders.detail.paymentAmount'),
                t('orders.detail.split'),
                t('orders.detail.recordedBy'),
                t('orders.detail.paymentState'),
              ]}
            >
              {order.payments.map((payment) => (
                <tr key={payment.id} data-testid="payment-row">
                  <td className={cellClass}>
                    <Link href={`/mutations/${payment.mutation.id}`} className="text-emerald-800 underline dark:text-emerald-300">
                      {formatRupiah(payment.mutation.amount)} · {formatDateTime(payment.mutation.occurredAt, locale)}
                    </Link>
                    <span className="block text-xs text-slate-600 dark:text-slate-400">
                      {[payment.mutation.bankLabel, payment.mutation.accountNumber].filter(Boolean).join(' ')} · {payment.mutation.description}
                    </span>
                  </td>
                  <td className={moneyCellClass}>{formatRupiah(payment.amount)}</td>
                  <td className={cellClass}>{payment.split ? t('orders.detail.split') : t('orders.detail.whole')}</td>
                  <td className={cellClass}>
                    {payment.createdBy}
                    <span className="block text-xs text-slate-600 dark:text-slate-400">{formatDateTime(payment.createdAt, locale)}</span>
                  </td>
                  <td className={cellClass}>
                    {payment.undoneAt ? (
                      <>
                        <Badge tone="slate">{t('orders.detail.undone', { when: formatDateTime(payment.undoneAt, locale), actor: payment.undoneBy ?? '—' })}</Badge>
                        {payment.undoReason && <span className="mt-1 block text-xs text-slate-600 dark:text-slate-400">{payment.undoReason}</span>}
                      </>
                    ) : (
                      <Badge tone="green">{t('orders.detail.active')}</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          )}
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
                    <Badge tone={CALLBACK_TONES[callback.state]}>{t(`orders.callbackState.${callback.state}`)}</Badge>
                    <span className="text-slate-600 dark:text-slate-400">{formatDateTime(callback.createdAt, locale)}</span>
                    {callback.deliveredAt && (
                      <span className="text-slate-600 dark:text-slate-400">{t('orders.detail.deliveredAt', { when: formatDateTime(callback.deliveredAt, locale) })}</span>
                    )}
                  </div>
                  {callback.attempts.length === 0 ? (
                    <p className="text-sm text-slate-600 dark:text-slate-400">{t('orders.detail.noAttempts')}</p>
                  ) : (
                    <Table
                      caption={t('orders.detail.attempts')}
                      head={[t('orders.detail.attemptAt'), t('orders.detail.url'), t('orders.detail.httpStatus'), t('orders.detail.error'), t('orders.detail.duration')]}
                    >
                      {callback.attempts.map((attempt) => (
                        <tr key={attempt.id}>
                          <td className={`${cellClass} whitespace-nowrap`}>{formatDateTime(attempt.attemptedAt, locale)}</td>
                          <td className={`${cellClass} break-all`}>{attempt.url}</td>
                          <td className={cellClass}>{attempt.httpStatus ?? '—'}</td>
                          <td className={cellClass}>{attempt.error ?? '—'}</td>
                          <td className={`${cellClass} whitespace-nowrap tabular-nums`}>{t('orders.detail.durationMs', { ms: attempt.durationMs })}</td>
                        </tr>
                      ))}
                    </Table>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
