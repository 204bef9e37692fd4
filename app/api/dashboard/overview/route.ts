import { apiUser } from '@/lib/next/session';
import { overview } from '@/lib/queries/overview';

export const dynamic = 'force-dynamic';

/** The overview figures, polled by the overview page. */
export async function GET(): Promise<Response> {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  return Response.json(await overview(), { headers: { 'cache-control': 'no-store' } });
}
