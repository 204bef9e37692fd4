'use client';

import { useTranslations } from 'next-intl';
import { useAction } from '@/components/use-action';
import type { QueueItem } from '@/lib/reconcile/work-queue';
import { bulkConfirmAction, markNotAnOrderAction, matchOrderAction, splitAction, undoAction } from '../actions';
import { rupiah } from './queue-item';
import { QUEUE_KEY } from './use-queue';

/**
 * The queue's actions. Each one, once the server agrees, keeps its transfers listed, waits for the
 * refetched list (`acted`), then says what happened; a match or a set-aside offers Undo in its toast.
 */
export function useQueueActions({ acted, offerUndo }: { acted: (ids: string[]) => Promise<unknown>; offerUndo: (item: QueueItem) => void }) {
  const t = useTranslations();
  const withUndo = (text: string, item: QueueItem) => ({ text, action: { label: t('unmatched.undo'), onClick: () => offerUndo(item) } });
  const shared = { key: QUEUE_KEY, onSuccess: (_: unknown, input: { item: QueueItem }) => acted([input.item.id]) };

  const match = useAction(
    ({
      item,
      orderId,
      acknowledged = false,
      reason,
    }: {
      item: QueueItem;
      orderId: string;
      reference: string;
      acknowledged?: boolean;
      reason?: string;
    }) => matchOrderAction({ mutationId: item.id, orderId, acknowledged, reason }),
    { ...shared, success: (_, { item, reference }) => withUndo(t('unmatched.matched', { amount: rupiah(item.amount), reference }), item) },
  );
  const split = useAction(
    ({ item, parts, reason }: { item: QueueItem; parts: { orderId: string; amount: string }[]; reason: string }) =>
      splitAction({ mutationId: item.id, parts, reason }),
    { ...shared, success: (_, { item, parts }) => withUndo(t('unmatched.splitDone', { count: parts.length }), item) },
  );
  const notAnOrder = useAction(({ item, note }: { item: QueueItem; note: string }) => markNotAnOrderAction({ mutationId: item.id, note }), {
    ...shared,
    success: (_, { item }) => withUndo(t('unmatched.notAnOrderDone'), item),
  });
  const undo = useAction(({ item, reason }: { item: QueueItem; reason: string }) => undoAction({ mutationId: item.id, reason }), {
    ...shared,
    success: () => t('unmatched.undoDone'),
  });
  const bulkConfirm = useAction(bulkConfirmAction, {
    key: QUEUE_KEY,
    onSuccess: (_, input) => acted(input.mutationIds),
    success: (data) => t('unmatched.bulkResult', { confirmed: data.confirmed.length, failed: data.failed.length }),
  });
  return { match, split, notAnOrder, undo, bulkConfirm };
}
