import { apiUser } from '@/lib/next/session';
import { searchOrders } from '@/lib/queries/unmatched';

export const dynamic = 'force-dynamic';

/** Orders a person can pay by hand, found by reference, customer or amount. */
export async function GET(request: Request) {
  const user = await apiUser('reconcile');
  if (user instanceof Response) return user;
  const orders = await searchOrders(new URL(request.url).searchParams.get('q') ?? '');
  return Response.json({ orders }, { headers: { 'cache-control': 'no-store' } });
}
