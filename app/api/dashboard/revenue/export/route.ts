import { createTranslator } from 'next-intl';
import { apiUser } from '@/lib/next/session';
import { localeOfRequest } from '@/lib/next/i18n-request';
import { MESSAGES } from '@/lib/i18n/messages';
import { csvSeparatorFor } from '@/lib/csv/writer';
import { jakartaDay } from '@/lib/time/jakarta';
import { apiError } from '@/lib/http/api-response';
import { revenueReport } from '@/lib/queries/revenue';
import { parseRange } from '@/lib/reports/range';
import { periodName } from '@/lib/reports/periods';
import { REVENUE_CSV_COLUMNS, revenueCsv, type RevenueCsvColumn } from '@/lib/reports/revenue-csv';

export const dynamic = 'force-dynamic';

/** The revenue report as a CSV download in the reader's language (separator, header, decimal mark). Owner only. */
export async function GET(request: Request): Promise<Response> {
  const user = await apiUser('view_revenue');
  if (user instanceof Response) return user;
  const parsed = parseRange(new URL(request.url).searchParams, jakartaDay(new Date()));
  if (!parsed.ok) return apiError('invalid', parsed.message, 400);
  const { from, to, granularity } = parsed.range;
  const locale = localeOfRequest(request);
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'revenue.export' });
  const columns = Object.fromEntries(REVENUE_CSV_COLUMNS.map((column) => [column, t(`columns.${column}`)])) as Record<RevenueCsvColumn, string>;
  const words = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'common.period' });
  const today = jakartaDay(new Date());
  const periodWords = { today: (day: string) => words('today', { day }), week: (week: number, days: string) => words('week', { week, days }) };
  const csv = revenueCsv(await revenueReport(parsed.range), csvSeparatorFor(locale), {
    columns,
    total: t('total'),
    periodName: (key) => periodName(key, granularity, locale, today, periodWords),
  });
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${t('fileName', { from, to, granularity })}"`,
      'cache-control': 'no-store',
    },
  });
}
