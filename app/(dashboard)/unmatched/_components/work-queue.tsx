'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Badge, EmptyState } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { ActionResult } from '@/lib/auth/action';
import { formatAge, formatDateTime, formatRupiah } from '@/lib/format';
import type { QueueCandidate, QueueItem, QueuePage } from '@/lib/queries/unmatched';
import { bulkConfirmAction, markNotAnOrderAction, matchOrderAction, splitAction, undoAction } from '../actions';
import { SearchMatchDialog, SplitDialog, TextDialog } from './queue-dialogs';

const POLL_MS = 5_000;
const IN_QUEUE = new Set(['unmatched', 'suggested', 'review']);

type Dialog =
  | { kind: 'search'; item: QueueItem }
  | { kind: 'split'; item: QueueItem }
  | { kind: 'ignore'; item: QueueItem }
  | { kind: 'undo'; item: QueueItem }
  | { kind: 'bulk'; ids: string[] };

const STATE_TONES = { unmatched: 'red', suggested: 'amber', review: 'amber', matched: 'green', ignored: 'slate', pending: 'slate', debit: 'slate' } as const;

const rupiah = (amount: string) => formatRupiah(BigInt(amount));

async function fetchPage(cursor: string | null, keep: readonly string[]): Promise<QueuePage> {
  const params = new URLSearchParams();
  if (cursor) params.set('cursor', cursor);
  if (keep.length > 0) params.set('keep', keep.join(','));
  const response = await fetch(`/api/dashboard/unmatched?${params}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`the queue answered ${response.status}`);
  return (await response.json()) as QueuePage;
}

/** The finance work queue: polled for new transfers, acted on in place. */
export function WorkQueue({ initialPage, canReconcile }: { initialPage: QueuePage; canReconcile: boolean }) {
  const t = useTranslations();
  const locale = useLocale();
  const [toastText, setToastText] = useState<{ text: string; tone: 'success' | 'error' | 'info'; undo?: QueueItem } | null>(null);
  // Transfers acted on in this visit stay listed in their place, showing the result and an undo.
  const keep = useRef<string[]>([]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [clock, setClock] = useState(() => new Date());

  const query = useInfiniteQuery({
    queryKey: ['unmatched-queue'],
    queryFn: ({ pageParam }) => fetchPage(pageParam, keep.current),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [initialPage], pageParams: [null] },
    refetchInterval: POLL_MS,
  });

  useEffect(() => {
    const timer = setInterval(() => setClock(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (!toastText) return;
    const timer = setTimeout(() => setToastText(null), toastText.undo ? 15_000 : 8_000);
    return () => clearTimeout(timer);
  }, [toastText]);

  const now = new Date(Math.max(clock.getTime(), query.dataUpdatedAt));
  const seen = new Set<string>();
  const items = (query.data?.pages ?? []).flatMap((page) => page.items).filter((item) => !seen.has(item.id) && seen.add(item.id));
  const selectable = new Set(items.filter((item) => item.state === 'suggested').map((item) => item.id));
  const chosen = [...selected].filter((id) => selectable.has(id));

  const openDialog = (next: Dialog) => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDialog(next);
  };
  const closeDialog = () => {
    setDialog(null);
    const target = returnFocus.current;
    if (target?.isConnected) requestAnimationFrame(() => target.focus());
  };

  const notify = (text: string, tone: 'success' | 'error' | 'info' = 'success', undo?: QueueItem) => setToastText({ text, tone, undo });

  /** Runs an action; on success keeps the transfers in place, refreshes the list and says what happened. */
  async function run<T>(ids: string[], call: () => Promise<ActionResult<T>>, success: (data: T) => string, undo?: QueueItem): Promise<boolean> {
    setBusy(true);
    try {
      const result = await call();
      if (!result.ok) {
        notify(result.message, 'error');
        return false;
      }
      keep.current = [...new Set([...keep.current, ...ids])];
      await query.refetch();
      notify(success(result.data), 'success', undo);
      return true;
    } catch {
      notify(t('common.errorBody'), 'error');
      return false;
    } finally {
      setBusy(false);
    }
  }

  const confirmCandidate = (item: QueueItem, candidate: QueueCandidate) =>
    run(
      [item.id],
      () => matchOrderAction({ mutationId: item.id, orderId: candidate.orderId }),
      () => t('unmatched.matched', { amount: rupiah(item.amount), reference: candidate.reference }),
      item,
    );

  const confirmTop = (item: QueueItem) => {
    const top = item.candidates[0];
    if (!canReconcile || !IN_QUEUE.has(item.state) || busy) return;
    if (!top?.stored) return notify(t('unmatched.noTopSuggestion'), 'info');
    void confirmCandidate(item, top);
  };

  return (
    <div className="flex flex-col gap-4">
      {canReconcile && chosen.length > 0 && (
        <div className="sticky top-0 z-10 flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 dark:border-amber-700 dark:bg-amber-950">
          <span className="text-sm font-medium">{t('unmatched.selected', { count: chosen.length })}</span>
          <Button onClick={() => openDialog({ kind: 'bulk', ids: chosen })} disabled={busy}>
            {t('unmatched.bulkConfirm')}
          </Button>
          <Button variant="ghost" onClick={() => setSelected(new Set())}>
            {t('unmatched.clearSelection')}
          </Button>
        </div>
      )}
      {query.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {t('unmatched.loadFailed')}
        </p>
      )}
      {items.length === 0 ? (
        <EmptyState title={t('unmatched.empty')}>{t('unmatched.emptyHint')}</EmptyState>
      ) : (
        <ol aria-label={t('unmatched.listLabel')} className="flex flex-col gap-3" data-testid="unmatched-list">
          {items.map((item) => (
            <QueueCard
              key={item.id}
              item={item}
              now={now}
              locale={locale}
              canReconcile={canReconcile}
              busy={busy}
              selected={selected.has(item.id)}
              onSelect={(on) => setSelected((set) => {
                const next = new Set(set);
                if (on) next.add(item.id);
                else next.delete(item.id);
                return next;
              })}
              onEnter={() => confirmTop(item)}
              onConfirm={(candidate) => void confirmCandidate(item, candidate)}
              onDialog={(kind) => openDialog({ kind, item })}
            />
          ))}
        </ol>
      )}
      {query.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
          </Button>
        </div>
      )}

      <div aria-live="polite" role="status" className="fixed bottom-4 left-4 z-40 max-w-sm">
        {toastText && (
          <div
            data-tone={toastText.tone}
            className={`flex items-center gap-3 rounded-md px-4 py-3 text-sm text-white shadow-lg ${
              toastText.tone === 'error' ? 'bg-red-700' : toastText.tone === 'info' ? 'bg-slate-800' : 'bg-emerald-800'
            }`}
          >
            <span>{toastText.text}</span>
            {toastText.undo && canReconcile && (
              <button
                type="button"
                className="rounded border border-white/70 px-2 py-0.5 font-medium underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-white"
                onClick={() => openDialog({ kind: 'undo', item: toastText.undo! })}
              >
                {t('unmatched.undo')}
              </button>
            )}
            <button
              type="button"
              aria-label={t('common.close')}
              className="ml-auto rounded px-1 focus-visible:outline focus-visible:outline-2 focus-visible:outline-white"
              onClick={() => setToastText(null)}
            >
              ✕
            </button>
          </div>
        )}
      </div>

      {dialog?.kind === 'search' && (
        <SearchMatchDialog
          item={dialog.item}
          busy={busy}
          onCancel={closeDialog}
          onConfirm={async (order) => {
            const item = dialog.item;
            const ok = await run(
              [item.id],
              () => matchOrderAction({ mutationId: item.id, orderId: order.id }),
              () => t('unmatched.matched', { amount: rupiah(item.amount), reference: order.reference }),
              item,
            );
            if (ok) closeDialog();
          }}
        />
      )}
      {dialog?.kind === 'split' && (
        <SplitDialog
          item={dialog.item}
          busy={busy}
          onCancel={closeDialog}
          onConfirm={async (parts) => {
            const item = dialog.item;
            const ok = await run([item.id], () => splitAction({ mutationId: item.id, parts }), () => t('unmatched.splitDone', { count: parts.length }), item);
            if (ok) closeDialog();
          }}
        />
      )}
      {dialog?.kind === 'ignore' && (
        <TextDialog
          title={t('unmatched.notAnOrderTitle')}
          body={t('unmatched.notAnOrderBody')}
          label={t('unmatched.notAnOrderNote')}
          requiredMessage={t('unmatched.noteRequired')}
          confirmLabel={t('unmatched.notAnOrder')}
          busy={busy}
          onCancel={closeDialog}
          onConfirm={async (note) => {
            const item = dialog.item;
            const ok = await run([item.id], () => markNotAnOrderAction({ mutationId: item.id, note }), () => t('unmatched.notAnOrderDone'), item);
            if (ok) closeDialog();
          }}
        />
      )}
      {dialog?.kind === 'undo' && (
        <TextDialog
          title={t('unmatched.undoTitle')}
          body={t('unmatched.undoBody')}
          label={t('unmatched.undoReason')}
          requiredMessage={t('unmatched.reasonRequired')}
          confirmLabel={t('unmatched.undo')}
          busy={busy}
          onCancel={closeDialog}
          onConfirm={async (reason) => {
            const item = dialog.item;
            const ok = await run([item.id], () => undoAction({ mutationId: item.id, reason }), () => t('unmatched.undoDone'));
            if (ok) closeDialog();
          }}
        />
      )}
      {dialog?.kind === 'bulk' && (
        <ConfirmDialog
          open
          title={t('unmatched.bulkTitle', { count: dialog.ids.length })}
          confirmLabel={t('unmatched.confirm')}
          cancelLabel={t('common.cancel')}
          tone="primary"
          busy={busy}
          onCancel={closeDialog}
          onConfirm={async () => {
            const ids = dialog.ids;
            const ok = await run(
              ids,
              () => bulkConfirmAction({ mutationIds: ids }),
              (data) => t('unmatched.bulkResult', { confirmed: data.confirmed.length, failed: data.failed.length }),
            );
            if (ok) {
              setSelected(new Set());
              closeDialog();
            }
          }}
        >
          <p className="text-sm text-slate-600 dark:text-slate-300">{t('unmatched.bulkBody')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function QueueCard({
  item,
  now,
  locale,
  canReconcile,
  busy,
  selected,
  onSelect,
  onEnter,
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
  onConfirm: (candidate: QueueCandidate) => void;
  onDialog: (kind: 'search' | 'split' | 'ignore' | 'undo') => void;
}) {
  const t = useTranslations();
  const received = new Date(item.receivedAt);
  // The server's clock may run a little ahead of this page's: a new transfer is "now", never "in 1 second".
  const age = formatAge(received > now ? now : received, now, locale);
  const amount = rupiah(item.amount);
  const waiting = IN_QUEUE.has(item.state);
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
          if (event.key === 'Enter' && event.target === event.currentTarget) {
            event.preventDefault();
            onEnter();
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
              <Badge tone={STATE_TONES[item.state]}>{t(`unmatched.state.${item.state}`)}</Badge>
              <span className="text-sm font-normal text-slate-600 dark:text-slate-300" title={formatDateTime(new Date(item.receivedAt), locale)} suppressHydrationWarning>
                {t('unmatched.received', { age })}
              </span>
            </h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
              {item.bankLabel ? `${item.bankLabel} · ` : ''}
              {item.accountNumber}
              {item.paymentOrderId ? ` · VA ${item.paymentOrderId}` : ''}
            </p>
            <p className="mt-1 break-words font-mono text-sm text-slate-800 dark:text-slate-100">{item.description}</p>
            {item.note && <p className="mt-0.5 break-words text-sm text-slate-600 dark:text-slate-300">{t('common.note')}: {item.note}</p>}
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
                        <Badge tone={candidate.status === 'pending' ? 'blue' : 'slate'}>{t(`unmatched.orderStatus.${candidate.status}`)}</Badge>
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
                      <Button size="sm" disabled={busy} onClick={() => onConfirm(candidate)} aria-label={`${t('unmatched.confirm')} ${candidate.reference}`}>
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

function Payments({ item }: { item: QueueItem }) {
  const t = useTranslations();
  return (
    <p className="mt-2 text-sm" data-testid="payments">
      {t('unmatched.paidOrders')}:{' '}
      {item.payments.map((p) => `${p.reference} (${rupiah(p.amount)}${p.split ? `, ${t('unmatched.splitPart')}` : ''})`).join(', ')}
    </p>
  );
}
