import type { SqlExecutor } from '@/lib/db';
import { enqueueMatchTags } from '@/lib/moota/tagging';
import { enqueueOrderPaidCallbacks } from '@/lib/store-callback/enqueue';

/** Who hears of orders that became paid, in the transaction that made them so: the store, and Moota's tags when asked for. */
export async function announceOrdersPaid(sql: SqlExecutor, orderIds: readonly string[]): Promise<void> {
  await enqueueOrderPaidCallbacks(sql, orderIds);
  await enqueueMatchTags(sql, orderIds);
}
