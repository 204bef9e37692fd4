import { notFound } from 'next/navigation';
import { LiveRefresh } from '@/app/(dashboard)/_components/live-refresh';
import { previewUndoAction, undoAction } from '@/app/(dashboard)/unmatched/actions';
import { ClientMessages } from '@/components/client-messages';
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
import { isWaitingForPerson } from '@/lib/reconcile/states';
import { formatDateTime, formatRupiah } from '@/lib/format';
import { getLocale, getTranslations } from 'next-intl/server';
import { getMutationDetail } from '@/lib/queries/mutations';
import { liveVersion } from '@/lib/http/changes';
import { actorName } from '@/lib/actors';
import { queueHrefFor } from '@/lib/reconcile/work-queue-rules';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations())('mutations.title') };
}

export default async function MutationDetailPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser('view', `/mutations/${id}`);
  const version = await liveVersion();
  const mutation = await getMutationDetail(id);
  if (!mutation) notFound();
  const t = await getTranslations();
  const locale = await getLocale();
  const none = t('mutations.detail.none');
  const when = (date: Date | null) => (date ? formatDateTime(date, locale) : none);
  const canReconcile = can(user.role, 'reconcile') && mutation.type === 'CR';
  const undoable = mutation.matchState === 'ignored' || mutation.payments.some((payment) => payment.undoneAt === null);
  const matchState = (
    <StatusBadge of="matchState" value={mutation.matchState}>
      {t(`common.matchState.${mutation.matchState}`)}
    </StatusBadge>
  );

  return (
    <>
      <LiveRefresh version={version} />
      <PageHeader
        back={{ href: '/mutations', label: t('mutations.detail.back') }}
        title={t('mutations.detail.title', { amount: `${mutation.type === 'DB' ? '−' : ''}${formatRupiah(mutation.amount)}` })}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge tone={mutation.type === 'CR' ? 'green' : 'blue'}>{t(`mutations.type.${mutation.type}`)}</Badge>
            {matchState}
            {mutation.sandbox && (
              <span title={t('accounts.sandboxHint')}>
                <Badge tone="amber">{t('accounts.sandbox')}</Badge>
              </span>
            )}
            {mutation.webhookSeenAt === null && <Badge tone="slate">{t('accounts.notFromWebhook')}</Badge>}
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
              [t('mutations.detail.matchState'), matchState],
              [t('mutations.detail.ignoredNote'), mutation.ignoredNote ?? none],
              [t('mutations.detail.receivedAt'), when(mutation.receivedAt)],
              [t('mutations.detail.origin'), t(`mutations.origin.${mutation.origin}`)],
              [t('mutations.detail.seenByWebhook'), mutation.webhookSeenAt ? when(mutation.webhookSeenAt) : t('mutations.detail.never')],
              [t('mutations.detail.seenBySync'), mutation.syncSeenAt ? when(mutation.syncSeenAt) : t('mutations.detail.never')],
              [t('mutations.detail.seenOnStatement'), mutation.statementSeenAt ? when(mutation.statementSeenAt) : t('mutations.detail.never')],
              [t('mutations.detail.processing'), t(`mutations.processing.${mutation.processing}`)],
              [t('mutations.detail.processedAt'), when(mutation.processedAt)],
              [t('mutations.detail.processAttempts'), mutation.processAttempts],
              [t('mutations.detail.processError'), mutation.processError ?? none],
              [
                t('mutations.detail.mootaId'),
                <code key="moota" className="break-all text-xs">
                  {mutation.mootaId}
                </code>,
              ],
              [
                t('mutations.detail.id'),
                <code key="id" className="break-all text-xs">
                  {mutation.id}
                </code>,
              ],
              [t('mutations.detail.delivery'), `${formatDateTime(mutation.delivery.receivedAt, locale)} · ${mutation.delivery.id}`],
            ]}
          />
        </Card>

        <Card title={t('mutations.detail.payments')}>
          {canReconcile && (undoable || isWaitingForPerson(mutation.matchState)) && (
            <div className="mb-3 flex flex-wrap items-center gap-3" data-testid="match-actions">
              {undoable && (
                <ClientMessages areas={['unmatched']}>
                  <UndoMatchButton mutationId={mutation.id} preview={previewUndoAction} undo={undoAction} />
                </ClientMessages>
              )}
              {isWaitingForPerson(mutation.matchState) && <TextLink href={queueHrefFor(mutation)}>{t('mutations.detail.matchAgain')}</TextLink>}
            </div>
          )}
          <Table
            framed
            region
            caption={t('mutations.detail.paymentsCaption')}
            columns={[
              t('mutations.detail.order'),
              t('mutations.detail.orderStatus'),
              { label: t('mutations.detail.paymentAmount'), numeric: true },
              t('mutations.detail.split'),
              t('mutations.detail.recordedBy'),
              t('mutations.detail.paymentState'),
            ]}
            rows={mutation.payments}
            empty={<p className="text-sm text-slate-600 dark:text-slate-400">{t('mutations.detail.noPayments')}</p>}
          >
            {(payment) => (
              <tr key={payment.id} data-testid="payment-row">
                <TD>
                  <TextLink href={`/orders/${encodeURIComponent(payment.order.reference)}`}>{payment.order.reference}</TextLink>
                  {payment.order.customerName && (
                    <span className="block text-xs text-slate-600 dark:text-slate-400">{payment.order.customerName}</span>
                  )}
                </TD>
                <TD>
                  <StatusBadge of="orderStatus" value={payment.order.status}>
                    {t(`common.orderStatus.${payment.order.status}`)}
                  </StatusBadge>
                </TD>
                <TD numeric>{formatRupiah(payment.amount)}</TD>
                <TD>{payment.split ? t('mutations.detail.split') : t('mutations.detail.whole')}</TD>
                <TD>
                  {actorName(payment.createdBy, t('orders.history.system'))}
                  <span className="block text-xs text-slate-600 dark:text-slate-400">{formatDateTime(payment.createdAt, locale)}</span>
                </TD>
                <TD>
                  {payment.undoneAt ? (
                    <>
                      <Badge tone="slate">
                        {t('mutations.detail.undone', { when: formatDateTime(payment.undoneAt, locale), actor: payment.undoneBy ?? none })}
                      </Badge>
                      {payment.undoReason && <span className="mt-1 block text-xs text-slate-600 dark:text-slate-400">{payment.undoReason}</span>}
                    </>
                  ) : (
                    <Badge tone="green">{t('mutations.detail.active')}</Badge>
                  )}
                </TD>
              </tr>
            )}
          </Table>
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
