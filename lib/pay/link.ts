import { ensureAuthSecret } from '@/lib/auth/auth-secret';
import { orderIdOfPayToken, payLinkKey, payToken } from '@/lib/pay/token';

let key: Promise<Buffer> | null = null;

/** The payment links' key, derived once per process from the app's secret (AUTH_SECRET, or the one kept in the database). */
function currentKey(): Promise<Buffer> {
  key ??= ensureAuthSecret(process.env.AUTH_SECRET)
    .then(payLinkKey)
    .catch((error: unknown) => {
      key = null;
      throw error;
    });
  return key;
}

/** The path of an order's payment page: `/pay/<token>`. */
export async function payPath(orderId: string): Promise<string> {
  return `/pay/${payToken(orderId, await currentKey())}`;
}

/** The order a payment page's token names, or null (unknown or tampered). */
export async function orderIdForPayToken(token: string): Promise<string | null> {
  return orderIdOfPayToken(token, await currentKey());
}

/** The address this request came to, for links given out in its answer. */
export const requestOrigin = (request: Request): string => new URL(request.url).origin;
