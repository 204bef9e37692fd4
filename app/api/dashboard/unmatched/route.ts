import { answerPolledRead } from '@/lib/http/changes';
import { apiUser } from '@/lib/next/session';
import { listQueue } from '@/lib/reconcile/work-queue';
import { queueParams } from '@/lib/reconcile/work-queue-rules';
import { readQuery } from '@/lib/http/api-response';

export const dynamic = 'force-dynamic';

/** A page of the finance work queue, polled by the page; `keep` holds transfers just acted on. 304 while it is unchanged. */
export async function GET(request: Request) {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  const query = readQuery(queueParams, request);
  if (query instanceof Response) return query;
  return answerPolledRead(request, ['unmatched', JSON.stringify(query)], () => listQueue(query));
}
