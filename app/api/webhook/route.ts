import { env } from '@/lib/env';
import { receiveWebhook } from '@/lib/intake/receive-webhook';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  const config = env();
  return receiveWebhook(request, {
    secrets: config.MOOTA_WEBHOOK_SECRET,
    allowlist: config.MOOTA_ALLOWED_IPS,
    trustedProxyHops: config.TRUSTED_PROXY_HOPS,
    maxBodyBytes: config.WEBHOOK_MAX_BYTES,
  });
}
