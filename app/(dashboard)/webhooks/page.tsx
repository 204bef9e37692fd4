import { HealthPanel } from '@/app/(dashboard)/_components/health-panel';
import { Refusal } from '@/components/ui/refusal';
import { ClientMessages } from '@/components/client-messages';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/roles';
import { mootaTokenStatus } from '@/lib/moota/connection';
import { requireUser } from '@/lib/next/session';
import { syncRunView, syncRunViewPage } from '@/lib/next/sync-run-view';
import { getTranslations } from 'next-intl/server';
import { listSyncAccounts, listSyncRuns, runningSyncRun } from '@/lib/queries/sync-runs';
import { deliveryFilterParams, listDeliveries } from '@/lib/queries/webhooks';
import { pageSearchParams } from '@/lib/next/page-search-params';
import { MAX_SYNC_DAYS } from '@/lib/sync/window';
import { jakartaDay } from '@/lib/time/jakarta';
import { DeliveryFilterForm } from './_components/delivery-filter-form';
import { DeliveryLog } from './_components/delivery-log';
import { SyncPanel, type SyncConnection } from './_components/sync-panel';
import { SyncRunList } from './_components/sync-run-list';

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('view', '/webhooks');
  const t = await getTranslations();
  const { value: filters, refusal } = await pageSearchParams(deliveryFilterParams, await searchParams);
  const maySync = can(user.role, 'sync');
  const [firstPage, runs, sync] = await Promise.all([
    listDeliveries(filters),
    listSyncRuns().then(syncRunViewPage),
    maySync ? syncPanelData() : null,
  ]);
  return (
    <ClientMessages areas={['webhooks']}>
      <PageHeader title={t('webhooks.title')} description={t('webhooks.description')} />
      <HealthPanel />
      {sync && <SyncPanel {...sync} canConnect={can(user.role, 'manage_settings')} />}
      <SyncRunList firstPage={runs} />
      <h2 className="mb-2 text-lg font-semibold text-slate-900 dark:text-slate-50">{t('webhooks.callsTitle')}</h2>
      {refusal && <Refusal>{refusal}</Refusal>}
      <DeliveryFilterForm filters={filters} />
      <DeliveryLog key={JSON.stringify(filters)} filters={filters} firstPage={firstPage} />
    </ClientMessages>
  );
}

async function syncPanelData() {
  const [token, accounts, running] = await Promise.all([mootaTokenStatus(), listSyncAccounts(), runningSyncRun()]);
  const connection: SyncConnection = token.source === 'none' ? 'none' : token.unreadable ? 'unreadable' : 'connected';
  return {
    connection,
    today: jakartaDay(new Date()),
    maxDays: MAX_SYNC_DAYS,
    accounts,
    running: running ? await syncRunView(running) : null,
  };
}
