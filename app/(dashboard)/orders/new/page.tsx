import { ClientMessages } from '@/components/client-messages';
import { OrderForm } from '@/app/(dashboard)/orders/_components/order-form';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/next/session';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata() {
  return { title: (await getTranslations())('orders.form.title') };
}

export default async function NewOrderPage() {
  await requireUser('manage_orders', '/orders/new');
  const t = await getTranslations();
  return (
    <ClientMessages areas={['orders']}>
      <PageHeader
        back={{ href: '/orders', label: t('orders.detail.back') }}
        title={t('orders.form.title')}
        description={t('orders.form.description')}
      />
      <OrderForm />
    </ClientMessages>
  );
}
