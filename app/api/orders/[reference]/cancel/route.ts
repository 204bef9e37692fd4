import { authenticateStoreRequest } from '@/lib/api-keys';
import { apiError, domainErrorResponse, readJson, unauthorized } from '@/lib/http/api-response';
import { cancelOrder } from '@/lib/orders/close-orders';
import { orderJson } from '@/lib/orders/order-json';
import { cancelInputSchema, describeIssues } from '@/lib/orders/order-input';
import { payPath, requestOrigin } from '@/lib/pay/link';

export const dynamic = 'force-dynamic';

/** Cancels an open or expired order; cancelling again answers the cancelled order. */
export async function POST(request: Request, { params }: { params: Promise<{ reference: string }> }): Promise<Response> {
  const { reference } = await params;
  try {
    const caller = await authenticateStoreRequest(request.headers.get('authorization'));
    if (!caller) return unauthorized();
    const body = await readJson(request, { optional: true });
    if (body instanceof Response) return body;
    const parsed = cancelInputSchema.safeParse(body);
    if (!parsed.success) return apiError('invalid', describeIssues(parsed.error), 422);
    const order = await cancelOrder(reference, caller.label, parsed.data.reason || null);
    return Response.json(orderJson(order, requestOrigin(request) + (await payPath(order.id))));
  } catch (error) {
    return domainErrorResponse(error, { route: 'POST /api/orders/[reference]/cancel', reference });
  }
}
