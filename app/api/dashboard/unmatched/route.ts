import { apiUser } from '@/lib/next/session';
import { listQueue } from '@/lib/reconcile/work-queue';
import { queueParams } from '@/lib/reconcile/work-queue-rules';
import { parseSearchParams } from '@/lib/search-params';

export const dynamic = 'force-dynamic';

/** A page of the finance work queue, polled by the page; `keep` holds transfers just acted on. */
export async function GET(request: Request) {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  const page = await listQueue(parseSearchParams(queueParams, new URL(request.url).searchParams));
  return Response.json(page, { headers: { 'cache-control': 'no-store' } });
}
