import { apiUser } from '@/lib/next/session';
import { jakartaDay } from '@/lib/time/jakarta';
import { apiError } from '@/lib/http/api-response';
import { revenueReport } from '@/lib/queries/revenue';
import { parseRange } from '@/lib/reports/range';

export const dynamic = 'force-dynamic';

/** Paid-order revenue, revenue by account and the matching trend: `?from=…&to=…&granularity=…`. Owner only. */
export async function GET(request: Request): Promise<Response> {
  const user = await apiUser('view_revenue');
  if (user instanceof Response) return user;
  const parsed = parseRange(new URL(request.url).searchParams, jakartaDay(new Date()));
  if (!parsed.ok) return apiError('invalid', parsed.message, 400);
  return Response.json(await revenueReport(parsed.range), { headers: { 'cache-control': 'no-store' } });
}
