import { answerLiveVersion } from '@/lib/http/changes';
import { apiUser } from '@/lib/next/session';

export const dynamic = 'force-dynamic';

/** The version of what the live pages show (order, transfer, webhook call, statement import): 304 while nothing changed. */
export async function GET(request: Request): Promise<Response> {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  return answerLiveVersion(request);
}
