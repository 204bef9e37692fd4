import { apiUser } from '@/lib/next/session';
import { jakartaDay } from '@/lib/time/jakarta';
import { apiError } from '@/lib/http/api-response';
import { revenueReport } from '@/lib/queries/revenue';
import { parseRange } from '@/lib/reports/range';
import { revenueCsv } from '@/lib/reports/revenue-csv';

export const dynamic = 'force-dynamic';

/** The revenue report as a CSV download. Owner only. */
export async function GET(request: Request): Promise<Response> {
  const user = await apiUser('view_revenue');
  if (user instanceof Response) return user;
  const parsed = parseRange(new URL(request.url).searchParams, jakartaDay(new Date()));
  if (!parsed.ok) return apiError('invalid', parsed.message, 400);
  const { from, to, granularity } = parsed.range;
  const csv = revenueCsv(await revenueReport(parsed.range));
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="cocok-revenue-${from}-${to}-${granularity}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
