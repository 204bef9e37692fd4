import { apiUser } from '@/lib/next/session';
import { jakartaDay } from '@/lib/time/jakarta';
import { apiError, readQuery } from '@/lib/http/api-response';
import { cashFlow, cashFlowParams } from '@/lib/queries/cash-flow';
import { parseRange } from '@/lib/reports/range';

export const dynamic = 'force-dynamic';

/** Money in and out per period: `?from=YYYY-MM-DD&to=YYYY-MM-DD&granularity=day|week|month&account=…`. */
export async function GET(request: Request): Promise<Response> {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  const params = new URL(request.url).searchParams;
  const parsed = parseRange(params, jakartaDay(new Date()));
  if (!parsed.ok) return apiError('invalid', parsed.message, 400);
  const query = readQuery(cashFlowParams, request);
  if (query instanceof Response) return query;
  return Response.json(await cashFlow(parsed.range, query.account), { headers: { 'cache-control': 'no-store' } });
}
