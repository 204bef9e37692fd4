import { apiUser } from '@/lib/next/session';
import { syncRunViewPage } from '@/lib/next/sync-run-view';
import { listSyncRuns, syncRunListParams } from '@/lib/queries/sync-runs';
import { readQuery } from '@/lib/http/api-response';

export const dynamic = 'force-dynamic';

/** The sync runs for the audit log's polling: one page, newest first. */
export async function GET(request: Request): Promise<Response> {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  const query = readQuery(syncRunListParams, request);
  if (query instanceof Response) return query;
  return Response.json(await syncRunViewPage(await listSyncRuns({ cursor: query.cursor, limit: query.limit })), {
    headers: { 'cache-control': 'no-store' },
  });
}
