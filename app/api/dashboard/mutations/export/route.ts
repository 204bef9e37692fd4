import { createTranslator } from 'next-intl';
import { apiUser } from '@/lib/next/session';
import { localeOfRequest } from '@/lib/next/i18n-request';
import { MESSAGES } from '@/lib/i18n/messages';
import { csvSeparatorFor, csvStream, type CsvValue } from '@/lib/csv/writer';
import { mutationFilterParams } from '@/lib/queries/mutations';
import { countMutationsForExport, eachMutationBatchForExport, type MutationExportRow } from '@/lib/queries/mutation-export';
import { readQuery } from '@/lib/http/api-response';
import { jakartaDay } from '@/lib/time/jakarta';
import type { MatchState, MutationType } from '@/lib/generated/prisma/client';

export const dynamic = 'force-dynamic';

const COLUMNS = [
  'occurredAt',
  'accountNumber',
  'bank',
  'type',
  'amount',
  'balance',
  'description',
  'note',
  'matchState',
  'orders',
  'mootaId',
  'id',
] as const;
const MATCH_STATES: readonly MatchState[] = ['pending', 'unmatched', 'suggested', 'review', 'matched', 'ignored', 'debit'];

/**
 * The mutations the list's filters select, as a CSV file Excel opens correctly in the reader's
 * language: UTF-8 with a byte order mark, CRLF, ';' for Indonesian and ',' for English, translated
 * header and values, Jakarta date-times, amounts in integer rupiah, formulas defused. Streamed in
 * keyset batches; `X-Total-Rows` tells the browser how many rows to expect.
 */
export async function GET(request: Request): Promise<Response> {
  const user = await apiUser('view');
  if (user instanceof Response) return user;
  const filters = readQuery(mutationFilterParams, request);
  if (filters instanceof Response) return filters;
  const locale = localeOfRequest(request);
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'mutations' });
  const typeLabel = { CR: t('export.type.CR'), DB: t('export.type.DB') } satisfies Record<MutationType, string>;
  const states = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'common.matchState' });
  const stateLabel = Object.fromEntries(MATCH_STATES.map((state) => [state, states(state)])) as Record<MatchState, string>;
  const record = (row: MutationExportRow): CsvValue[] => [
    row.occurredAt,
    row.accountNumber,
    row.bank,
    typeLabel[row.type],
    row.amount,
    row.balance,
    row.description,
    row.note,
    stateLabel[row.matchState],
    row.orders,
    row.mootaId,
    row.id,
  ];
  const total = await countMutationsForExport(filters);
  const batches = eachMutationBatchForExport(filters);
  const records = (async function* () {
    for await (const batch of batches) yield batch.map(record);
  })();
  const body = csvStream(records, {
    header: COLUMNS.map((column) => t(`export.columns.${column}`)),
    separator: csvSeparatorFor(locale),
    onError: (error) => console.error('mutations export failed', { user: user.email, error }),
  });
  const fileName = t('export.fileName', { day: jakartaDay(new Date()) });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
      'x-total-rows': String(total),
    },
  });
}
