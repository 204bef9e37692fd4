import type { SqlExecutor } from '@/lib/db';
import { enqueueMatchTags } from '@/lib/moota/tagging';
import { enqueueOrderPaymentCallbacks } from '@/lib/store-callback/enqueue';

/**
 * Who hears of money allocated to orders (`ordersToAnnounce`), in the transaction that allocated
 * it: the store (`order.paid` or `order.underpaid`), and Moota's tags when asked for. The worker
 * and every person's action announce through here.
 */
export async function announceOrdersPaid(sql: SqlExecutor, orderIds: readonly string[]): Promise<void> {
  await enqueueOrderPaymentCallbacks(sql, orderIds);
  await enqueueMatchTags(sql, orderIds);
}
