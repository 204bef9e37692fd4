import { ClientMessages } from '@/components/client-messages';
import type { Metadata } from 'next';
import { RevenueView } from '@/app/(dashboard)/revenue/_components/revenue-view';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/next/session';
import { jakartaDay } from '@/lib/time/jakarta';
import { getTranslations } from 'next-intl/server';
import { revenueReport } from '@/lib/queries/revenue';
import { rangeOrDefault } from '@/lib/reports/range';

export const metadata: Metadata = { title: 'Revenue' };

export default async function RevenuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser('view_revenue', '/revenue');
  const t = await getTranslations();
  const { range, refused } = rangeOrDefault(await searchParams, jakartaDay(new Date()));
  const report = await revenueReport(range);
  return (
    <ClientMessages areas={['cashFlow', 'revenue']}>
      <PageHeader title={t('revenue.title')} description={t('revenue.description')} />
      <RevenueView initial={report} refused={refused} />
    </ClientMessages>
  );
}
