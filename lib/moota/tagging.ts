import type { SqlExecutor } from '@/lib/db';
import { enqueueMootaTags, type MootaTagJob } from '@/lib/jobs/queue';
import { createMootaApi } from '@/lib/moota/api';
import { mootaConnection } from '@/lib/moota/connection';
import { loadSettings } from '@/lib/settings/store';

/** The tag Moota's own store plugins add beside the order id: which platform matched it. */
export const PLATFORM_TAG = 'cocok';

/**
 * When the owner asked for it, tags each mutation that paid these orders at Moota with the
 * order's reference, as Moota's store plugins do. Mutations known only from a statement have no
 * id at Moota and are left out. Enqueued in the caller's transaction; sent by the worker.
 */
export async function enqueueMatchTags(sql: SqlExecutor, orderIds: readonly string[]): Promise<void> {
  if (orderIds.length === 0 || !(await loadSettings()).values.mootaTagMatched) return;
  const { rows } = (await sql.executeSql(
    `SELECT m.moota_id, o.reference FROM payments p JOIN mutations m ON m.id = p.mutation_id JOIN orders o ON o.id = p.order_id
      WHERE p.order_id = ANY($1::uuid[]) AND p.undone_at IS NULL AND m.origin <> 'statement' ORDER BY p.id`,
    [orderIds],
  )) as { rows: { moota_id: string; reference: string }[] };
  await enqueueMootaTags(
    sql,
    rows.map((row): MootaTagJob => ({ mootaId: row.moota_id, names: [row.reference, PLATFORM_TAG] })),
  );
}

/** Sends one tag job; without a token there is nobody to tell. */
export async function sendMatchTag(job: MootaTagJob): Promise<void> {
  const connection = await mootaConnection();
  if (!connection) return;
  await createMootaApi(connection).tagMutation(job.mootaId, job.names);
}
