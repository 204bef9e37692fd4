import { apiUser } from '@/lib/next/session';
import { searchOrders } from '@/lib/reconcile/work-queue';
import { orderSearchParams } from '@/lib/reconcile/work-queue-rules';
import { readQuery } from '@/lib/http/api-response';

export const dynamic = 'force-dynamic';

/** Orders a person can pay by hand, found by reference, customer or amount. */
export async function GET(request: Request) {
  const user = await apiUser('reconcile');
  if (user instanceof Response) return user;
  const query = readQuery(orderSearchParams, request);
  if (query instanceof Response) return query;
  const orders = await searchOrders(query.q);
  return Response.json({ orders }, { headers: { 'cache-control': 'no-store' } });
}
