import { HealthPanel } from '@/app/(dashboard)/_components/health-panel';
import { ClientMessages } from '@/components/client-messages';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/next/session';
import { getTranslations } from 'next-intl/server';
import { deliveryFilterParams, listDeliveries } from '@/lib/queries/webhooks';
import { parseSearchParams } from '@/lib/search-params';
import { DeliveryFilterForm } from './_components/delivery-filter-form';
import { DeliveryLog } from './_components/delivery-log';

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser('view', '/webhooks');
  const t = await getTranslations();
  const filters = parseSearchParams(deliveryFilterParams, await searchParams);
  const firstPage = await listDeliveries(filters);
  return (
    <ClientMessages areas={['webhooks']}>
      <PageHeader title={t('webhooks.title')} description={t('webhooks.description')} />
      <HealthPanel />
      <DeliveryFilterForm filters={filters} />
      <DeliveryLog key={JSON.stringify(filters)} filters={filters} firstPage={firstPage} />
    </ClientMessages>
  );
}
