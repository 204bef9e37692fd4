import { ClientMessages } from '@/components/client-messages';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/lib/next/session';
import { getTranslations } from 'next-intl/server';
import { listQueue } from '@/lib/reconcile/work-queue';
import { WorkQueue } from './_components/work-queue';

export const dynamic = 'force-dynamic';

export default async function UnmatchedPage() {
  const user = await requireUser('view', '/unmatched');
  const t = await getTranslations();
  const firstPage = await listQueue();
  const canReconcile = can(user.role, 'reconcile');
  return (
    <ClientMessages areas={['unmatched']}>
      <PageHeader title={t('unmatched.title')} description={t('unmatched.description')} />
      {!canReconcile && (
        <p className="mb-4 rounded-md bg-slate-100 px-4 py-3 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-200">
          {t('unmatched.viewOnly')}
        </p>
      )}
      {canReconcile && (
        <details className="mb-4 rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-700 dark:bg-slate-900">
          <summary className="cursor-pointer font-medium text-slate-700 dark:text-slate-200">{t('unmatched.shortcutsTitle')}</summary>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-600 dark:text-slate-300">
            <li>{t('unmatched.shortcuts.tab')}</li>
            <li>{t('unmatched.shortcuts.enter')}</li>
            <li>{t('unmatched.shortcuts.space')}</li>
            <li>{t('unmatched.shortcuts.escape')}</li>
          </ul>
        </details>
      )}
      <WorkQueue initialPage={firstPage} canReconcile={canReconcile} />
    </ClientMessages>
  );
}
