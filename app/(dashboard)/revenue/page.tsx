import type { Metadata } from 'next';
import { RevenueView } from '@/app/(dashboard)/revenue/_components/revenue-view';
import { ClientMessages } from '@/components/client-messages';
import { PageHeader } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { jakartaDay } from '@/lib/format';
import { getTranslations } from 'next-intl/server';
import { revenueReport } from '@/lib/queries/revenue';
import { paramsOf, rangeOrDefault } from '@/lib/reports/range';

export const metadata: Metadata = { title: 'Revenue' };

export default async function RevenuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser('view_revenue', '/revenue');
  const t = await getTranslations();
  const range = rangeOrDefault(paramsOf(await searchParams), jakartaDay(new Date()));
  const report = await revenueReport(range);
  return (
    <ClientMessages areas={['cashFlow', 'revenue']}>
      <PageHeader title={t('revenue.title')} description={t('revenue.description')} />
      <RevenueView initial={report} />
    </ClientMessages>
  );
}
