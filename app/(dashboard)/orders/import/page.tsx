import { ClientMessages } from '@/components/client-messages';
import { ImportOrders } from '@/app/(dashboard)/orders/_components/import-orders';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/next/session';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata() {
  return { title: (await getTranslations())('orders.import.title') };
}

export default async function ImportOrdersPage() {
  await requireUser('manage_orders', '/orders/import');
  const t = await getTranslations();
  return (
    <ClientMessages areas={['orders', 'errors']}>
      <PageHeader
        back={{ href: '/orders', label: t('orders.import.back') }}
        title={t('orders.import.title')}
        description={t('orders.import.description')}
      />
      <ImportOrders />
    </ClientMessages>
  );
}
