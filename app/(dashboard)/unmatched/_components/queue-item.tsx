'use client';

import { useTranslations } from 'next-intl';
import { Badge, StatusBadge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { formatAge, formatDateTime, formatRupiah } from '@/lib/format';
import type { QueueCandidate, QueueItem } from '@/lib/reconcile/work-queue';
import { isWaitingForPerson } from '@/lib/reconcile/states';

export const rupiah = (amount: string) => formatRupiah(BigInt(amount));

/** j / k and the arrows move to the next and the previous card. */
const CARD_STEPS: Record<string, 'nextElementSibling' | 'previousElementSibling'> = {
  j: 'nextElementSibling',
  ArrowDown: 'nextElementSibling',
  k: 'previousElementSibling',
  ArrowUp: 'previousElementSibling',
};

/** One transfer: what arrived, the orders it may pay, and what a person can do with it. Enter confirms the top suggestion. */
export function QueueCard({
  item,
  now,
  locale,
  canReconcile,
  busy,
  selected,
  onSelect,
  onEnter,
  onUndo,
  onConfirm,
  onDialog,
}: {
  item: QueueItem;
  now: Date;
  locale: 'id' | 'en';
  canReconcile: boolean;
  busy: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onEnter: () => void;
  onUndo: () => void;
  onConfirm: (candidate: QueueCandidate) => void;
  onDialog: (kind: 'search' | 'split' | 'ignore' | 'undo') => void;
}) {
  const t = useTranslations();
  const occurred = new Date(item.occurredAt);
  // The bank's clock, or this page's, may run a little ahead: a new transfer is "now", never "in 1 second".
  const age = formatAge(occurred > now ? now : occurred, now, locale);
  const amount = rupiah(item.amount);
  const waiting = isWaitingForPerson(item.state);
  const headingId = `item-${item.id}`;
  return (
    <li>
      <article
        tabIndex={0}
        aria-labelledby={headingId}
        data-testid="unmatched-item"
        data-state={item.state}
        data-mutation-id={item.id}
        onKeyDown={(event) => {
          if (event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
          const step = CARD_STEPS[event.key];
          if (step) {
            event.preventDefault();
            const card = event.currentTarget.closest('li')?.[step]?.querySelector<HTMLElement>('[data-testid="unmatched-item"]');
            card?.focus();
            card?.scrollIntoView({ block: 'nearest' });
          } else if (event.key === 'Enter') {
            event.preventDefault();
            onEnter();
          } else if (event.key === 'u') {
            event.preventDefault();
            onUndo();
          }
        }}
        className={`rounded-lg border bg-white p-4 shadow-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700 dark:bg-slate-900 ${
          waiting ? 'border-slate-200 dark:border-slate-700' : 'border-emerald-300 bg-emerald-50/40 dark:border-emerald-800'
        }`}
      >
        <div className="flex flex-wrap items-start gap-3">
          {canReconcile && item.state === 'suggested' && (
            <input
              type="checkbox"
              className="mt-1.5 h-4 w-4 accent-emerald-700"
              aria-label={t('unmatched.select', { amount })}
              checked={selected}
              onChange={(event) => onSelect(event.target.checked)}
            />
          )}
          <div className="min-w-0 flex-1">
            <h2 id={headingId} className="flex flex-wrap items-center gap-2">
              <span className="text-lg font-semibold tabular-nums text-slate-900 dark:text-slate-50">{amount}</span>
              <StatusBadge of="matchState" value={item.state}>
                {t(`common.matchState.${item.state}`)}
              </StatusBadge>
              <span
                className="text-sm font-normal text-slate-600 dark:text-slate-300"
                title={t('unmatched.receivedByCocok', { when: formatDateTime(new Date(item.receivedAt), locale) })}
                data-testid="bank-time"
                suppressHydrationWarning
              >
                {t('unmatched.bankTime', { when: formatDateTime(occurred, locale), age })}
              </span>
            </h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
              {item.bankLabel ? `${item.bankLabel} · ` : ''}
              {item.accountNumber}
              {item.paymentOrderId ? ` · VA ${item.paymentOrderId}` : ''}
            </p>
            <p className="mt-1 break-words font-mono text-sm text-slate-800 dark:text-slate-100">{item.description}</p>
            {item.note && (
              <p className="mt-0.5 break-words text-sm text-slate-600 dark:text-slate-300">
                {t('common.note')}: {item.note}
              </p>
            )}
          </div>
        </div>

        {waiting ? (
          <div className="mt-3">
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{t('unmatched.candidates')}</h3>
            {item.candidates.length === 0 ? (
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{t('unmatched.noCandidates')}</p>
            ) : (
              <ul className="mt-2 flex flex-col divide-y divide-slate-100 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700">
                {item.candidates.map((candidate) => (
                  <li key={candidate.orderId} className="flex flex-col gap-2 px-3 py-2 sm:flex-row sm:items-center" data-testid="candidate">
                    <div className="min-w-0 flex-1">
                      <p className="flex flex-wrap items-center gap-2 text-sm">
                        <span className="font-medium">{candidate.reference}</span>
                        <span className="tabular-nums">{rupiah(candidate.payableAmount)}</span>
                        {candidate.customerName && <span className="text-slate-600 dark:text-slate-300">{candidate.customerName}</span>}
                        <Badge tone={candidate.status === 'pending' ? 'blue' : 'slate'}>{t(`common.orderStatus.${candidate.status}`)}</Badge>
                        <DifferenceBadge difference={BigInt(candidate.difference)} />
                        {candidate.status === 'expired' && candidate.expiresAt && (
                          <span className="text-xs text-slate-600 dark:text-slate-300" data-testid="expired-since" suppressHydrationWarning>
                            {t('unmatched.expiredSince', { when: formatDateTime(new Date(candidate.expiresAt), locale) })}
                          </span>
                        )}
                        {candidate.stored && <Badge tone="amber">{t('unmatched.suggestedByMatcher')}</Badge>}
                      </p>
                      <ul className="mt-1 flex flex-wrap gap-1" aria-label={t('common.reason')}>
                        {candidate.reasons.map((reason) => (
                          <li key={reason}>
                            <Badge tone="green">{t(`unmatched.reason.${reason}`)}</Badge>
                          </li>
                        ))}
                      </ul>
                    </div>
                    {canReconcile && (
                      <Button
                        size="sm"
                        disabled={busy}
                        onClick={() => onConfirm(candidate)}
                        aria-label={`${t('unmatched.confirm')} ${candidate.reference}`}
                      >
                        {t('unmatched.confirm')}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {item.payments.length > 0 && <Payments item={item} />}
            {canReconcile && (
              <div className="mt-3 flex flex-wrap gap-2">
                <Button size="sm" variant="secondary" disabled={busy} onClick={() => onDialog('search')}>
                  {t('unmatched.matchOther')}
                </Button>
                <Button size="sm" variant="secondary" disabled={busy} onClick={() => onDialog('split')}>
                  {t('unmatched.split')}
                </Button>
                {item.payments.length === 0 ? (
                  <Button size="sm" variant="ghost" disabled={busy} onClick={() => onDialog('ignore')}>
                    {t('unmatched.notAnOrder')}
                  </Button>
                ) : (
                  <Button size="sm" variant="danger" disabled={busy} onClick={() => onDialog('undo')}>
                    {t('unmatched.undo')}
                  </Button>
                )}
              </div>
            )}
          </div>
        ) : (
          <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
            <div className="min-w-0 flex-1 text-sm">
              {item.payments.length > 0 && <Payments item={item} />}
              {item.ignoredNote && <p>{t('unmatched.ignoredNote', { note: item.ignoredNote })}</p>}
            </div>
            {canReconcile && (item.payments.length > 0 || item.state === 'ignored') && (
              <Button size="sm" variant="danger" disabled={busy} onClick={() => onDialog('undo')}>
                {t('unmatched.undo')}
              </Button>
            )}
          </div>
        )}
      </article>
    </li>
  );
}

/** How the transfer compares with the order: "kurang Rp 646", "lebih Rp 4.057" or "tepat". */
function DifferenceBadge({ difference }: { difference: bigint }) {
  const t = useTranslations();
  const kind = difference === 0n ? 'exact' : difference < 0n ? 'less' : 'more';
  return (
    <span data-testid="difference">
      <Badge tone={kind === 'exact' ? 'green' : 'amber'}>
        {t(`unmatched.difference.${kind}`, { amount: formatRupiah(difference < 0n ? -difference : difference) })}
      </Badge>
    </span>
  );
}

function Payments({ item }: { item: QueueItem }) {
  const t = useTranslations();
  return (
    <p className="mt-2 text-sm" data-testid="payments">
      {t('unmatched.paidOrders')}:{' '}
      {item.payments.map((p) => `${p.reference} (${rupiah(p.amount)}${p.split ? `, ${t('unmatched.splitPart')}` : ''})`).join(', ')}
    </p>
  );
}
