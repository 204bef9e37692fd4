import { apiUser } from '@/lib/auth/session';
import { listOrders, orderListParams } from '@/lib/queries/orders';
import { parseSearchParams } from '@/lib/search-params';

export const dynamic = 'force-dynamic';

/** One page of the orders list as JSON (amounts as strings), for pages that poll. */
export async function GET(request: Request): Promise<Response> {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  const { filters, cursor, limit } = parseSearchParams(orderListParams, new URL(request.url).searchParams);
  const page = await listOrders(filters, cursor, limit);
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
