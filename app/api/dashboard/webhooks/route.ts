import { apiUser } from '@/lib/next/session';
import { deliveryListParams, listDeliveries } from '@/lib/queries/webhooks';
import { parseSearchParams } from '@/lib/search-params';

export const dynamic = 'force-dynamic';

/** The webhook log for the dashboard's polling: one page of calls, newest first. */
export async function GET(request: Request): Promise<Response> {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  const { filters, cursor, limit } = parseSearchParams(deliveryListParams, new URL(request.url).searchParams);
  const page = await listDeliveries(filters, { cursor, limit });
  return Response.json(page, { headers: { 'cache-control': 'no-store' } });
}
