import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Facts, HistoryTable, OrderStatusBadge, Table, cellClass, moneyCellClass } from '@/app/(dashboard)/orders/_components/ledger-ui';
import { MatchStateBadge } from '@/app/(dashboard)/mutations/_components/match-state-badge';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime, formatRupiah } from '@/lib/format';
import { getLocale, getTranslations } from 'next-intl/server';
import { getMutationDetail } from '@/lib/queries/mutations';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations())('mutations.title') };
}

export default async function MutationDetailPage({ params }: Props) {
  const { id } = await params;
  await requireUser('view', `/mutations/${id}`);
  const mutation = await getMutationDetail(id);
  if (!mutation) notFound();
  const t = await getTranslations();
  const locale = await getLocale();
  const none = t('mutations.detail.none');
  const when = (date: Date | null) => (date ? formatDateTime(date, locale) : none);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/mutations" className="text-emerald-800 underline dark:text-emerald-300">
          {t('mutations.detail.back')}
        </Link>
      </p>
      <PageHeader
        title={t('mutations.detail.title', { amount: `${mutation.type === 'DB' ? '−' : ''}${formatRupiah(mutation.amount)}` })}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge tone={mutation.type === 'CR' ? 'green' : 'blue'}>{t(`mutations.type.${mutation.type}`)}</Badge>
            <MatchStateBadge state={mutation.matchState} />
          </span>
        }
      />
      <div className="flex flex-col gap-6">
        <Card title={t('mutations.detail.fields')}>
          <Facts
            items={[
              [t('mutations.detail.occurredAt'), when(mutation.occurredAt)],
              [t('mutations.detail.amount'), formatRupiah(mutation.amount)],
              [t('mutations.detail.type'), t(`mutations.type.${mutation.type}`)],
              [t('mutations.detail.description'), mutation.description],
              [t('mutations.detail.note'), mutation.note ?? none],
              [t('mutations.detail.balance'), mutation.balance === null ? none : formatRupiah(mutation.balance)],
              [t('mutations.detail.bank'), [mutation.bankLabel, mutation.bankType].filter(Boolean).join(' · ') || mutation.bankId],
              [t('mutations.detail.accountNumber'), mutation.accountNumber],
              [t('mutations.detail.accountHolder'), mutation.accountHolder ?? none],
              [t('mutations.detail.paymentOrderId'), mutation.paymentOrderId ?? none],
              [t('mutations.detail.matchState'), <MatchStateBadge key="state" state={mutation.matchState} />],
              [t('mutations.detail.ignoredNote'), mutation.ignoredNote ?? none],
              [t('mutations.detail.receivedAt'), when(mutation.receivedAt)],
              [t('mutations.detail.processing'), t(`mutations.processing.${mutation.processing}`)],
              [t('mutations.detail.processedAt'), when(mutation.processedAt)],
              [t('mutations.detail.processAttempts'), mutation.processAttempts],
              [t('mutations.detail.processError'), mutation.processError ?? none],
              [t('mutations.detail.mootaId'), <code key="moota" className="break-all text-xs">{mutation.mootaId}</code>],
              [t('mutations.detail.id'), <code key="id" className="break-all text-xs">{mutation.id}</code>],
              [t('mutations.detail.delivery'), `${formatDateTime(mutation.delivery.receivedAt, locale)} · ${mutation.delivery.id}`],
            ]}
          />
        </Card>

        <Card title={t('mutations.detail.payments')}>
          {mutation.payments.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t('mutations.detail.noPayments')}</p>
          ) : (
            <Table
              caption={t('mutations.detail.paymentsCaption')}
              head={[
                t('mutations.detail.order'),
                t('mutations.detail.orderStatus'),
                t('mutations.detail.paymentAmount'),
                t('mutations.detail.split'),
                t('mutations.detail.recordedBy'),
                t('mutations.detail.paymentState'),
              ]}
            >
              {mutation.payments.map((payment) => (
                <tr key={payment.id} data-testid="payment-row">
                  <td className={cellClass}>
                    <Link href={`/orders/${encodeURIComponent(payment.order.reference)}`} className="text-emerald-800 underline dark:text-emerald-300">
                      {payment.order.reference}
                    </Link>
                    {payment.order.customerName && <span className="block text-xs text-slate-600 dark:text-slate-400">{payment.order.customerName}</span>}
                  </td>
                  <td className={cellClass}>
                    <OrderStatusBadge status={payment.order.status} />
                  </td>
                  <td className={moneyCellClass}>{formatRupiah(payment.amount)}</td>
                  <td className={cellClass}>{payment.split ? t('mutations.detail.split') : t('mutations.detail.whole')}</td>
                  <td className={cellClass}>
                    {payment.createdBy}
                    <span className="block text-xs text-slate-600 dark:text-slate-400">{formatDateTime(payment.createdAt, locale)}</span>
                  </td>
                  <td className={cellClass}>
                    {payment.undoneAt ? (
                      <>
                        <Badge tone="slate">{t('mutations.detail.undone', { when: formatDateTime(payment.undoneAt, locale), actor: payment.undoneBy ?? none })}</Badge>
                        {payment.undoReason && <span className="mt-1 block text-xs text-slate-600 dark:text-slate-400">{payment.undoReason}</span>}
                      </>
                    ) : (
                      <Badge tone="green">{t('mutations.detail.active')}</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </Card>

        <Card title={t('mutations.detail.history')}>
          <HistoryTable entries={mutation.history} area="mutations" />
        </Card>

        <Card title={t('mutations.detail.raw')}>
          <pre
            tabIndex={0}
            aria-label={t('mutations.detail.rawLabel')}
            data-testid="raw-payload"
            className="max-h-[32rem] overflow-auto rounded-md bg-slate-950 p-4 text-xs leading-relaxed text-slate-100"
          >
            {JSON.stringify(mutation.raw, null, 2)}
          </pre>
        </Card>
      </div>
    </>
  );
}
