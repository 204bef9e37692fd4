import { apiUser } from '@/lib/next/session';
import { deliveryListParams, listDeliveries } from '@/lib/queries/webhooks';
import { readQuery } from '@/lib/http/api-response';

export const dynamic = 'force-dynamic';

/** The webhook log for the dashboard's polling: one page of calls, newest first. */
export async function GET(request: Request): Promise<Response> {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  const query = readQuery(deliveryListParams, request);
  if (query instanceof Response) return query;
  const page = await listDeliveries(query.filters, { cursor: query.cursor, limit: query.limit });
  return Response.json(page, { headers: { 'cache-control': 'no-store' } });
}
