import { apiUser } from '@/lib/next/session';
import { searchOrders } from '@/lib/reconcile/work-queue';
import { orderSearchParams } from '@/lib/reconcile/work-queue-rules';
import { parseSearchParams } from '@/lib/search-params';

export const dynamic = 'force-dynamic';

/** Orders a person can pay by hand, found by reference, customer or amount. */
export async function GET(request: Request) {
  const user = await apiUser('reconcile');
  if (user instanceof Response) return user;
  const { q } = parseSearchParams(orderSearchParams, new URL(request.url).searchParams);
  const orders = await searchOrders(q);
  return Response.json({ orders }, { headers: { 'cache-control': 'no-store' } });
}
