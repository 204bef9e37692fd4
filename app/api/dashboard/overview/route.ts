import { answerPolledRead } from '@/lib/http/changes';
import { apiUser } from '@/lib/next/session';
import { overview } from '@/lib/queries/overview';
import { jakartaDay } from '@/lib/time/jakarta';

export const dynamic = 'force-dynamic';

/** The overview figures, polled by the overview page: 304 while nothing they show has changed. */
export async function GET(request: Request): Promise<Response> {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  const now = new Date();
  return answerPolledRead(request, ['overview', jakartaDay(now)], () => overview(now));
}
