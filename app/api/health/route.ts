import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

/** For load balancers and start scripts: the app answers and its database does too. */
export async function GET(): Promise<Response> {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ status: 'ok' });
  } catch {
    return Response.json({ status: 'unavailable', error: 'the database does not answer' }, { status: 503 });
  }
}
