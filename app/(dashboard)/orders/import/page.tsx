import Link from 'next/link';
import { ImportOrders } from '@/app/(dashboard)/orders/_components/import-orders';
import { ClientMessages } from '@/components/client-messages';
import { PageHeader } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata() {
  return { title: (await getTranslations())('orders.import.title') };
}

export default async function ImportOrdersPage() {
  await requireUser('manage_orders', '/orders/import');
  const t = await getTranslations();
  return (
    <ClientMessages areas={['orders']}>
      <p className="mb-2 text-sm">
        <Link href="/orders" className="text-emerald-800 underline dark:text-emerald-300">
          {t('orders.import.back')}
        </Link>
      </p>
      <PageHeader title={t('orders.import.title')} description={t('orders.import.description')} />
      <ImportOrders />
    </ClientMessages>
  );
}
