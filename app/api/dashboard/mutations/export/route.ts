import { apiUser } from '@/lib/next/session';
import { CSV_BOM, csvRow } from '@/lib/csv/writer';
import { eachMutation, mutationFilterParams, type MutationListRow } from '@/lib/queries/mutations';
import { readQuery } from '@/lib/http/api-response';
import { formatJakartaDateTime, jakartaDay } from '@/lib/time/jakarta';

export const dynamic = 'force-dynamic';

const HEADER = [
  'occurred_at_jakarta',
  'account_number',
  'bank',
  'type',
  'amount',
  'balance',
  'description',
  'note',
  'match_state',
  'orders',
  'moota_id',
  'id',
];

function record(row: MutationListRow): string {
  return csvRow([
    formatJakartaDateTime(row.occurredAt),
    row.accountNumber,
    row.bankLabel ?? row.bankType,
    row.type,
    row.amount,
    row.balance,
    row.description,
    row.note,
    row.matchState,
    row.payments.map((payment) => payment.order.reference).join(' '),
    row.mootaId,
    row.id,
  ]);
}

/**
 * The mutations the list's filters select, as a CSV file Excel opens correctly: UTF-8 with a byte
 * order mark, CRLF, quoted where needed, amounts in integer rupiah. Streamed in keyset batches.
 */
export async function GET(request: Request): Promise<Response> {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  const filters = readQuery(mutationFilterParams, request);
  if (filters instanceof Response) return filters;
  const rows = eachMutation(filters);
  const encoder = new TextEncoder();
  let lines: string[] = [CSV_BOM + csvRow(HEADER)];
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        for (let count = 0; count < 500; count++) {
          const next = await rows.next();
          if (next.done) {
            if (lines.length > 0) controller.enqueue(encoder.encode(lines.join('')));
            controller.close();
            return;
          }
          lines.push(record(next.value));
        }
        controller.enqueue(encoder.encode(lines.join('')));
        lines = [];
      } catch (error) {
        console.error('mutations export failed', { user: user.email, error });
        controller.error(error);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="mutasi-${jakartaDay(new Date())}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
