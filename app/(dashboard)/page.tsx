import { ClientMessages } from '@/components/client-messages';
import type { Metadata } from 'next';
import { AccountBalances } from '@/app/(dashboard)/_components/account-balances';
import { HealthPanel } from '@/app/(dashboard)/_components/health-panel';
import { OverviewLive } from '@/app/(dashboard)/_components/overview-live';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/next/session';
import { getTranslations } from 'next-intl/server';
import { overview } from '@/lib/queries/overview';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  await requireUser('view', '/');
  const t = await getTranslations();
  const initial = await overview();
  return (
    <ClientMessages areas={['overview']}>
      <PageHeader title={t('overview.title')} description={t('overview.description')} />
      <OverviewLive initial={initial} />
      <div className="mt-6 space-y-4">
        <HealthPanel />
        <AccountBalances />
      </div>
    </ClientMessages>
  );
}
