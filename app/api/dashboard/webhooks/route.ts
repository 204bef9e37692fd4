import { apiUser } from '@/lib/next/session';
import { listDeliveries, parseDeliveryFilters } from '@/lib/queries/webhooks';

export const dynamic = 'force-dynamic';

/** The webhook log for the dashboard's polling: one page of calls, newest first. */
export async function GET(request: Request): Promise<Response> {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const page = await listDeliveries(parseDeliveryFilters(params), { cursor: params.cursor ?? null });
  return Response.json(page, { headers: { 'cache-control': 'no-store' } });
}
