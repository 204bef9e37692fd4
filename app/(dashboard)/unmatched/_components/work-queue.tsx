'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { EmptyState } from '@/components/ui/card';
import { LoadMore } from '@/components/ui/pager';
import { useToast } from '@/components/ui/toast';
import { formatRupiah } from '@/lib/format';
import type { QueueCandidate, QueueCount, QueueItem, QueuePage } from '@/lib/reconcile/work-queue';
import type { QueueState } from '@/lib/reconcile/work-queue-rules';
import { BulkBar } from './bulk-bar';
import { UndoMatchDialog } from '@/components/reconcile/undo-match-dialog';
import { confirmDepartures, type Departure } from '@/lib/reconcile/confirm-check';
import { previewUndoAction } from '../actions';
import { BulkConfirmDialog, confirmTarget, DepartureDialog, SearchMatchDialog, SplitDialog, TextDialog } from './queue-dialogs';
import { isWaitingForPerson, WAITING_FOR_PERSON } from '@/lib/reconcile/states';
import { QueueCard } from './queue-item';
import { useQueue } from './use-queue';
import { useQueueActions } from './use-queue-actions';

type Dialog =
  | { kind: 'search'; item: QueueItem }
  | { kind: 'split'; item: QueueItem }
  | { kind: 'ignore'; item: QueueItem }
  | { kind: 'undo'; item: QueueItem }
  | { kind: 'departs'; item: QueueItem; candidate: QueueCandidate; departures: Departure[] }
  | { kind: 'bulk'; ids: string[] };

/** The finance work queue: polled for new transfers, acted on in place. */
export function WorkQueue({
  initialPage,
  canReconcile,
  query: filterQuery,
  state,
  narrowed,
}: {
  initialPage: QueuePage;
  canReconcile: boolean;
  /** The filters as query parameters, the state left out: the tabs add their own. */
  query: string;
  state: QueueState | null;
  narrowed: boolean;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const toast = useToast();
  const { query, items, counts, busy, acted } = useQueue(initialPage, withState(filterQuery, state));
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [clock, setClock] = useState(() => new Date());

  useEffect(() => {
    const timer = setInterval(() => setClock(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const openDialog = (next: Dialog) => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDialog(next);
  };
  const closeDialog = () => {
    setDialog(null);
    const target = returnFocus.current;
    if (target?.isConnected) requestAnimationFrame(() => target.focus());
  };
  const actions = useQueueActions({ acted, offerUndo: (item) => openDialog({ kind: 'undo', item }) });

  const now = new Date(Math.max(clock.getTime(), query.dataUpdatedAt));
  const selectable = new Set(items.filter((item) => item.state === 'suggested').map((item) => item.id));
  const chosen = [...selected].filter((id) => selectable.has(id));

  // One click confirms the exact, open, single candidate; anything else asks once, saying why.
  const confirmCandidate = (item: QueueItem, candidate: QueueCandidate) => {
    const departures = confirmDepartures(BigInt(item.amount), confirmTarget(candidate), item.candidates.map(confirmTarget));
    if (departures.length > 0) return openDialog({ kind: 'departs', item, candidate, departures });
    actions.match.run({ item, orderId: candidate.orderId, reference: candidate.reference });
  };
  const confirmTop = (item: QueueItem) => {
    const top = item.candidates[0];
    if (!canReconcile || !isWaitingForPerson(item.state) || busy) return;
    if (!top?.stored) return toast(t('unmatched.noTopSuggestion'), 'info');
    confirmCandidate(item, top);
  };

  // "/" opens the search, as in most web apps; not while typing somewhere.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || target?.closest('input, textarea, select, [role="dialog"]')) return;
      const search = document.getElementById('queue-q');
      if (!search) return;
      event.preventDefault();
      search.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const shown = counts ? (state ? counts[state] : totalOf(Object.values(counts))) : null;

  return (
    <div className="flex flex-col gap-4">
      <StateTabs query={filterQuery} state={state} counts={counts} />
      {shown && (
        <p className="text-sm text-slate-700 tabular-nums dark:text-slate-200" data-testid="queue-totals">
          {t('unmatched.totals', { count: shown.count, amount: formatRupiah(BigInt(shown.amount)) })}
        </p>
      )}
      {canReconcile && chosen.length > 0 && (
        <BulkBar
          count={chosen.length}
          busy={busy}
          onConfirm={() => openDialog({ kind: 'bulk', ids: chosen })}
          onClear={() => setSelected(new Set())}
        />
      )}
      {query.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {t('unmatched.loadFailed')}
        </p>
      )}
      {items.length === 0 ? (
        narrowed || state ? (
          <EmptyState title={t('unmatched.emptyFiltered')}>{t('unmatched.emptyFilteredHint')}</EmptyState>
        ) : (
          <EmptyState title={t('unmatched.empty')}>{t('unmatched.emptyHint')}</EmptyState>
        )
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
              onSelect={(on) =>
                setSelected((set) => {
                  const next = new Set(set);
                  if (on) next.add(item.id);
                  else next.delete(item.id);
                  return next;
                })
              }
              onEnter={() => confirmTop(item)}
              onUndo={() => canReconcile && !busy && (item.payments.length > 0 || item.state === 'ignored') && openDialog({ kind: 'undo', item })}
              onConfirm={(candidate) => confirmCandidate(item, candidate)}
              onDialog={(kind) => openDialog({ kind, item })}
            />
          ))}
        </ol>
      )}
      <LoadMore query={query} label={t('common.loadMore')} loadingLabel={t('common.loading')} className="flex justify-center" />

      {dialog?.kind === 'search' && (
        <SearchMatchDialog
          item={dialog.item}
          busy={busy}
          onCancel={closeDialog}
          onConfirm={(order, answer) =>
            actions.match.run({ item: dialog.item, orderId: order.id, reference: order.reference, ...answer }, { onSuccess: closeDialog })
          }
        />
      )}
      {dialog?.kind === 'departs' && (
        <DepartureDialog
          item={dialog.item}
          candidate={dialog.candidate}
          departures={dialog.departures}
          busy={busy}
          onCancel={closeDialog}
          onConfirm={(reason) =>
            actions.match.run(
              { item: dialog.item, orderId: dialog.candidate.orderId, reference: dialog.candidate.reference, acknowledged: true, reason },
              { onSuccess: closeDialog },
            )
          }
        />
      )}
      {dialog?.kind === 'split' && (
        <SplitDialog
          item={dialog.item}
          busy={busy}
          onCancel={closeDialog}
          onConfirm={(parts, reason) => actions.split.run({ item: dialog.item, parts, reason }, { onSuccess: closeDialog })}
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
          onConfirm={(note) => actions.notAnOrder.run({ item: dialog.item, note }, { onSuccess: closeDialog })}
        />
      )}
      {dialog?.kind === 'undo' && (
        <UndoMatchDialog
          mutationId={dialog.item.id}
          preview={previewUndoAction}
          busy={busy}
          onCancel={closeDialog}
          onConfirm={(reason) => actions.undo.run({ item: dialog.item, reason }, { onSuccess: closeDialog })}
        />
      )}
      {dialog?.kind === 'bulk' && (
        <BulkConfirmDialog
          items={items.filter((item) => dialog.ids.includes(item.id))}
          busy={busy}
          onCancel={closeDialog}
          onConfirm={(reason) =>
            actions.bulkConfirm.run(
              { mutationIds: dialog.ids, reason },
              {
                onSuccess: () => {
                  setSelected(new Set());
                  closeDialog();
                },
              },
            )
          }
        />
      )}
    </div>
  );
}

const withState = (query: string, state: QueueState | null): string => {
  const params = new URLSearchParams(query);
  if (state) params.set('state', state);
  return params.toString();
};

const totalOf = (counts: QueueCount[]): QueueCount => ({
  count: counts.reduce((sum, c) => sum + c.count, 0),
  amount: counts.reduce((sum, c) => sum + BigInt(c.amount), 0n).toString(),
});

/** All waiting, or one state: links that keep the other filters, each with how many wait there. */
function StateTabs({ query, state, counts }: { query: string; state: QueueState | null; counts: Record<QueueState, QueueCount> | null }) {
  const t = useTranslations();
  const tabs: (QueueState | null)[] = [null, ...WAITING_FOR_PERSON];
  return (
    <nav aria-label={t('unmatched.tabsLabel')} className="-mx-1 flex gap-1 overflow-x-auto border-b border-slate-200 px-1 dark:border-slate-700">
      {tabs.map((tab) => {
        const params = withState(query, tab);
        const count = counts ? (tab ? counts[tab] : totalOf(Object.values(counts))).count : null;
        const current = tab === state;
        return (
          <Link
            key={tab ?? 'all'}
            href={`/unmatched${params ? `?${params}` : ''}`}
            aria-current={current ? 'page' : undefined}
            data-testid="queue-tab"
            className={`-mb-px flex shrink-0 items-center gap-2 whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
              current
                ? 'border-emerald-700 text-emerald-800 dark:border-emerald-400 dark:text-emerald-300'
                : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white'
            }`}
          >
            {tab ? t(`common.matchState.${tab}`) : t('unmatched.allWaiting')}
            {count !== null && (
              <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs tabular-nums text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                {t('unmatched.count', { count })}
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
