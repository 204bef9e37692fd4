import { PageHeader } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { getT } from '@/lib/i18n/server';

export default async function OverviewPage() {
  await requireUser('view', '/');
  const t = await getT();
  return <PageHeader title={t('nav.overview')} />;
}
