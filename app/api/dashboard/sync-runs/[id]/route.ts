import { apiUser } from '@/lib/next/session';
import { syncRunView } from '@/lib/next/sync-run-view';
import { getSyncRun } from '@/lib/queries/sync-runs';

export const dynamic = 'force-dynamic';

/** One sync run, polled by "Sync now" for its progress and, at the end, its summary. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  const run = await getSyncRun((await params).id);
  if (!run) return Response.json({ error: { code: 'not_found', message: 'no such sync run' } }, { status: 404 });
  return Response.json(await syncRunView(run), { headers: { 'cache-control': 'no-store' } });
}
