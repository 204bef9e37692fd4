import type { SqlExecutor } from '@/lib/db';
import { uuidv7 } from '@/lib/ids';

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
  details?: Record<string, unknown>;
}

/** Appends history entries in one statement, in whatever transaction `sql` belongs to. */
export async function recordHistory(sql: SqlExecutor, entries: HistoryInput | HistoryInput[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const at = Date.now();
  await sql.executeSql(
    `INSERT INTO history (id, actor, action, mutation_id, order_id, reason, details)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::jsonb[])`,
    [
      list.map(() => uuidv7(at)),
      list.map((entry) => entry.actor),
      list.map((entry) => entry.action),
      list.map((entry) => entry.mutationId ?? null),
      list.map((entry) => entry.orderId ?? null),
      list.map((entry) => entry.reason ?? null),
      list.map((entry) => (entry.details === undefined ? null : JSON.stringify(entry.details))),
    ],
  );
}
