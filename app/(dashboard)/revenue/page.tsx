import type { Metadata } from 'next';
import { RevenueView } from '@/app/(dashboard)/revenue/_components/revenue-view';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/next/session';
import { jakartaDay } from '@/lib/time/jakarta';
import { getT } from '@/lib/i18n/server';
import { revenueReport } from '@/lib/queries/revenue';
import { rangeOrDefault } from '@/lib/reports/range';

export const metadata: Metadata = { title: 'Revenue' };

export default async function RevenuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser('view_revenue', '/revenue');
  const t = await getT();
  const range = rangeOrDefault(await searchParams, jakartaDay(new Date()));
  const report = await revenueReport(range);
  return (
    <>
      <PageHeader title={t('revenue.title')} description={t('revenue.description')} />
      <RevenueView initial={report} />
    </>
  );
}
