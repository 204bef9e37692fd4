import type { Metadata } from 'next';
import { CashFlowView } from '@/app/(dashboard)/cash-flow/_components/cash-flow-view';
import { ClientMessages } from '@/components/client-messages';
import { PageHeader } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { jakartaDay } from '@/lib/format';
import { getTranslations } from 'next-intl/server';
import { cashFlow, cashFlowAccounts } from '@/lib/queries/cash-flow';
import { paramsOf, rangeOrDefault } from '@/lib/reports/range';

export const metadata: Metadata = { title: 'Cash flow' };

export default async function CashFlowPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser('view', '/cash-flow');
  const t = await getTranslations();
  const params = paramsOf(await searchParams);
  const range = rangeOrDefault(params, jakartaDay(new Date()));
  const account = params.get('account')?.trim() || null;
  const [report, accounts] = await Promise.all([cashFlow(range, account), cashFlowAccounts()]);
  return (
    <ClientMessages areas={['cashFlow']}>
      <PageHeader title={t('cashFlow.title')} description={t('cashFlow.description')} />
      <CashFlowView initial={report} accounts={accounts} />
    </ClientMessages>
  );
}
