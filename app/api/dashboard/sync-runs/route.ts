import { apiUser } from '@/lib/next/session';
import { syncRunViewPage } from '@/lib/next/sync-run-view';
import { listSyncRuns, syncRunListParams } from '@/lib/queries/sync-runs';
import { parseSearchParams } from '@/lib/search-params';

export const dynamic = 'force-dynamic';

/** The sync runs for the audit log's polling: one page, newest first. */
export async function GET(request: Request): Promise<Response> {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  const { cursor, limit } = parseSearchParams(syncRunListParams, new URL(request.url).searchParams);
  return Response.json(await syncRunViewPage(await listSyncRuns({ cursor, limit })), { headers: { 'cache-control': 'no-store' } });
}
