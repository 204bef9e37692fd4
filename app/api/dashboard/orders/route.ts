import { apiUser } from '@/lib/next/session';
import { pageSize, param } from '@/lib/queries/ledger-filters';
import { listOrders, parseOrderFilters } from '@/lib/queries/orders';

export const dynamic = 'force-dynamic';

/** One page of the orders list as JSON (amounts as strings), for pages that poll. */
export async function GET(request: Request): Promise<Response> {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  const params = new URL(request.url).searchParams;
  const page = await listOrders(parseOrderFilters(params), param(params, 'cursor'), pageSize(param(params, 'limit')));
  return Response.json(
    {
      orders: page.rows.map((order) => ({
        ...order,
        amount: String(order.amount),
        payableAmount: String(order.payableAmount),
        paidAmount: String(order.paidAmount),
      })),
      nextCursor: page.nextCursor,
    },
    { headers: { 'cache-control': 'no-store' } },
  );
}
