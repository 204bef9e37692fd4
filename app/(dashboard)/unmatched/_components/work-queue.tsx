'use client';

import { useEffect, useRef, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { EmptyState } from '@/components/ui/card';
import { LoadMore } from '@/components/ui/pager';
import { useToast } from '@/components/ui/toast';
import type { QueueCandidate, QueueItem, QueuePage } from '@/lib/reconcile/work-queue';
import { BulkBar } from './bulk-bar';
import { UndoMatchDialog } from '@/components/reconcile/undo-match-dialog';
import { confirmDepartures, type Departure } from '@/lib/reconcile/confirm-check';
import { previewUndoAction } from '../actions';
import { BulkConfirmDialog, confirmTarget, DepartureDialog, SearchMatchDialog, SplitDialog, TextDialog } from './queue-dialogs';
import { isWaitingForPerson } from '@/lib/reconcile/states';
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
export function WorkQueue({ initialPage, canReconcile }: { initialPage: QueuePage; canReconcile: boolean }) {
  const t = useTranslations();
  const locale = useLocale();
  const toast = useToast();
  const { query, items, busy, acted } = useQueue(initialPage);
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

  return (
    <div className="flex flex-col gap-4">
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
              onSelect={(on) =>
                setSelected((set) => {
                  const next = new Set(set);
                  if (on) next.add(item.id);
                  else next.delete(item.id);
                  return next;
                })
              }
              onEnter={() => confirmTop(item)}
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
