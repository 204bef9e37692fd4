import { apiUser } from '@/lib/next/session';
import { pageSize, param } from '@/lib/queries/ledger-filters';
import { listMutations, parseMutationFilters } from '@/lib/queries/mutations';

export const dynamic = 'force-dynamic';

/** One page of the mutations list as JSON (amounts as strings), for pages that poll. */
export async function GET(request: Request): Promise<Response> {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  const params = new URL(request.url).searchParams;
  const page = await listMutations(parseMutationFilters(params), param(params, 'cursor'), pageSize(param(params, 'limit')));
  return Response.json(
    {
      mutations: page.rows.map((mutation) => ({
        ...mutation,
        amount: String(mutation.amount),
        balance: mutation.balance === null ? null : String(mutation.balance),
        payments: mutation.payments.map((payment) => ({ amount: String(payment.amount), reference: payment.order.reference })),
      })),
      nextCursor: page.nextCursor,
    },
    { headers: { 'cache-control': 'no-store' } },
  );
}
