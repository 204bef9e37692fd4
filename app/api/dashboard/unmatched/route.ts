import { apiUser } from '@/lib/next/session';
import { listQueue } from '@/lib/queries/unmatched';

export const dynamic = 'force-dynamic';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A page of the finance work queue, polled by the page; `keep` holds transfers just acted on. */
export async function GET(request: Request) {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  const params = new URL(request.url).searchParams;
  const keep = (params.get('keep') ?? '').split(',').filter((id) => UUID.test(id));
  const page = await listQueue({ cursor: params.get('cursor'), limit: params.get('limit'), keep });
  return Response.json(page, { headers: { 'cache-control': 'no-store' } });
}
