import { ClientMessages } from '@/components/client-messages';
import type { Metadata } from 'next';
import { CashFlowView } from '@/app/(dashboard)/cash-flow/_components/cash-flow-view';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/next/session';
import { jakartaDay } from '@/lib/time/jakarta';
import { getTranslations } from 'next-intl/server';
import { accountOptions } from '@/lib/queries/accounts';
import { cashFlow, cashFlowParams } from '@/lib/queries/cash-flow';
import { rangeOrDefault } from '@/lib/reports/range';
import { pageSearchParams } from '@/lib/next/page-search-params';

export const metadata: Metadata = { title: 'Cash flow' };

export default async function CashFlowPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser('view', '/cash-flow');
  const t = await getTranslations();
  const params = await searchParams;
  const { range, refused } = rangeOrDefault(params, jakartaDay(new Date()));
  // Like the range, an account filter that cannot be read falls back to all accounts.
  const {
    value: { account },
  } = await pageSearchParams(cashFlowParams, params);
  const [report, accounts] = await Promise.all([cashFlow(range, account), accountOptions()]);
  return (
    <ClientMessages areas={['cashFlow']}>
      <PageHeader title={t('cashFlow.title')} description={t('cashFlow.description')} />
      <CashFlowView initial={report} accounts={accounts} refused={refused} />
    </ClientMessages>
  );
}
