import type { Tx } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';

/** What happened, in the merchant's words; stored as text so new actions need no migration. */
export type HistoryAction =
  | 'order_created'
  | 'order_cancelled'
  | 'order_expired'
  | 'matched_automatically'
  | 'suggested'
  | 'needs_review'
  | 'left_unmatched'
  | 'confirmed'
  | 'matched_by_hand'
  | 'split'
  | 'undone'
  | 'marked_not_an_order'
  | 'unmarked_not_an_order'
  | 'reprocess_requested';

export interface HistoryInput {
  actor: string;
  action: HistoryAction;
  mutationId?: string;
  orderId?: string;
  reason?: string | null;
  details?: Prisma.InputJsonValue;
}

export async function recordHistory(tx: Tx, entries: HistoryInput | HistoryInput[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await tx.historyEntry.createMany({
    data: list.map((entry) => ({
      actor: entry.actor,
      action: entry.action,
      mutationId: entry.mutationId,
      orderId: entry.orderId,
      reason: entry.reason ?? null,
      details: entry.details,
    })),
  });
}
