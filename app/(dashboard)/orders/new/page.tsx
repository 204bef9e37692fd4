import Link from 'next/link';
import { OrderForm } from '@/app/(dashboard)/orders/_components/order-form';
import { ClientMessages } from '@/components/client-messages';
import { PageHeader } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata() {
  return { title: (await getTranslations())('orders.form.title') };
}

export default async function NewOrderPage() {
  await requireUser('manage_orders', '/orders/new');
  const t = await getTranslations();
  return (
    <ClientMessages areas={['orders']}>
      <p className="mb-2 text-sm">
        <Link href="/orders" className="text-emerald-800 underline dark:text-emerald-300">
          {t('orders.detail.back')}
        </Link>
      </p>
      <PageHeader title={t('orders.form.title')} description={t('orders.form.description')} />
      <OrderForm />
    </ClientMessages>
  );
}
