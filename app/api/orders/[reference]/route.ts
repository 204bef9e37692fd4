import { authenticateStoreRequest } from '@/lib/api-keys';
import { db } from '@/lib/db';
import { apiError, domainErrorResponse, unauthorized } from '@/lib/http/api-response';
import { orderJson } from '@/lib/orders/order-json';
import { payPath, requestOrigin } from '@/lib/pay/link';
import { refuseUnstorableText } from '@/lib/text';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ reference: string }> }): Promise<Response> {
  const { reference } = await params;
  try {
    const caller = await authenticateStoreRequest(request.headers.get('authorization'));
    if (!caller) return unauthorized();
    refuseUnstorableText({ reference });
    const order = await db().order.findUnique({ where: { referenceKey: reference.trim().toUpperCase() } });
    if (!order) return apiError('not_found', `there is no order ${reference}`, 404);
    return Response.json(orderJson(order, requestOrigin(request) + (await payPath(order.id))));
  } catch (error) {
    return domainErrorResponse(error, { route: 'GET /api/orders/[reference]', reference });
  }
}
