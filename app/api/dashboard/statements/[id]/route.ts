import { apiUser } from '@/lib/next/session';
import { statementImportProgress } from '@/lib/queries/statements';

export const dynamic = 'force-dynamic';

/** Where a background statement import is, for the page's progress bar. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  const progress = await statementImportProgress((await params).id);
  if (!progress) return Response.json({ error: { code: 'not_found', message: 'no such statement import' } }, { status: 404 });
  return Response.json(progress, { headers: { 'cache-control': 'no-store' } });
}
