import { authenticateStoreRequest } from '@/lib/api-keys';
import { domainErrorResponse, readJson, unauthorized } from '@/lib/http/api-response';
import { createOrder } from '@/lib/orders/create-order';
import { orderJson } from '@/lib/orders/order-json';
import { payPath, requestOrigin } from '@/lib/pay/link';

export const dynamic = 'force-dynamic';

/** Creates an order; the same reference and amount again answers the existing order with 200. */
export async function POST(request: Request): Promise<Response> {
  try {
    const caller = await authenticateStoreRequest(request.headers.get('authorization'));
    if (!caller) return unauthorized();
    const body = await readJson(request);
    if (body instanceof Response) return body;
    const { order, created } = await createOrder(body, 'api', caller.label);
    return Response.json(orderJson(order, requestOrigin(request) + (await payPath(order.id))), { status: created ? 201 : 200 });
  } catch (error) {
    return domainErrorResponse(error, { route: 'POST /api/orders' });
  }
}
