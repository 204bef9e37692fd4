'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';

export default function DashboardError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations();
  return (
    <div role="alert" className="flex max-w-md flex-col items-start gap-3">
      <h1 className="text-2xl font-semibold">{t('common.errorTitle')}</h1>
      <p className="text-slate-600 dark:text-slate-300">{t('common.errorBody')}</p>
      <Button onClick={reset}>{t('common.tryAgain')}</Button>
    </div>
  );
}
