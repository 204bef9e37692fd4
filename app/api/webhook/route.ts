import { withinDeadline } from '@/lib/database/unavailable';
import { env } from '@/lib/env';
import { receiveWebhook } from '@/lib/intake/receive-webhook';
import { loadSettings } from '@/lib/settings/store';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  const databaseDeadline = performance.now() + env().WEBHOOK_DATABASE_MS;
  const settings = await withinDeadline(loadSettings(), databaseDeadline).catch((error: unknown) => {
    console.error('webhook: could not read settings', error);
    return null;
  });
  if (!settings) {
    return Response.json({ status: 'error', error: 'the database is not available, try again later' }, { status: 503 });
  }
  return receiveWebhook(request, { ...settings.webhook, maxBodyBytes: env().WEBHOOK_MAX_BYTES, databaseDeadline });
}
