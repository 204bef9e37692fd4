import { ClientMessages } from '@/components/client-messages';
import { PageHeader } from '@/components/ui/page-header';
import { formatRupiah } from '@/lib/money';
import { requireUser } from '@/lib/next/session';
import { openOrdersToPractiseOn } from '@/lib/sandbox/send-practice-transfer';
import { getTranslations } from 'next-intl/server';
import { SandboxForm } from './_components/sandbox-form';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations())('sandbox.title') };
}

export default async function SandboxPage() {
  await requireUser('reconcile', '/sandbox');
  const t = await getTranslations();
  const orders = await openOrdersToPractiseOn();
  return (
    <ClientMessages areas={['sandbox']}>
      <PageHeader title={t('sandbox.title')} description={t('sandbox.description')} />
      <p
        role="note"
        className="mb-6 max-w-2xl rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100"
      >
        {t('sandbox.note')}
      </p>
      <SandboxForm
        orders={orders.map((order) => ({
          reference: order.reference,
          payable: formatRupiah(order.payableAmount),
          customer: order.customerName ?? '',
        }))}
      />
    </ClientMessages>
  );
}
