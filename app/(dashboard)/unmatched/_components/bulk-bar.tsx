'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';

/** Stays at the top while suggestions are chosen: how many, confirm them all, or clear the choice. */
export function BulkBar({ count, busy, onConfirm, onClear }: { count: number; busy: boolean; onConfirm: () => void; onClear: () => void }) {
  const t = useTranslations();
  return (
    <div className="sticky top-0 z-10 flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 dark:border-amber-700 dark:bg-amber-950">
      <span className="text-sm font-medium">{t('unmatched.selected', { count })}</span>
      <Button onClick={onConfirm} disabled={busy}>
        {t('unmatched.bulkConfirm')}
      </Button>
      <Button variant="ghost" onClick={onClear}>
        {t('unmatched.clearSelection')}
      </Button>
    </div>
  );
}
