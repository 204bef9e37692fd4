import { signInAddress } from '@/lib/auth/sign-in';
import { answerPolledRead } from '@/lib/http/changes';
import { payRequests } from '@/lib/pay/limit';
import { orderIdForPayToken } from '@/lib/pay/link';
import { paymentView, paymentViewJson } from '@/lib/pay/payment-view';
import { payOrder } from '@/lib/queries/pay';
import { loadSettings } from '@/lib/settings/store';

export const dynamic = 'force-dynamic';

/** What a customer's payment page shows, polled by it without signing in; 304 while nothing changed, 404 for an unknown link. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const limit = payRequests(signInAddress(request.headers, (await loadSettings()).webhook.trustedProxyHops));
  if (!limit.allowed) {
    return Response.json({ error: 'too_many_requests' }, { status: 429, headers: { 'retry-after': String(limit.retryAfterSeconds) } });
  }
  const orderId = await orderIdForPayToken(token);
  if (!orderId || !(await payOrder(orderId))) return Response.json({ error: 'not_found' }, { status: 404 });
  // The view changes with the clock too: an open order past its time is expired to the customer.
  return answerPolledRead(request, ['pay', orderId, String(Math.floor(Date.now() / 60_000))], async () => {
    const order = (await payOrder(orderId))!;
    return paymentViewJson(paymentView(order, new Date()));
  });
}
