import { StatusBadge } from '@/components/ui/badge';
import type { useTranslations } from 'next-intl';
import type { ProcessingSummary } from '@/lib/queries/webhooks';

type T = ReturnType<typeof useTranslations<never>>;

/** Where a delivery's mutations are: none stored, all processed, some waiting, some given up on. */
export function ProcessingBadge({ summary, t }: { summary: ProcessingSummary; t: T }) {
  switch (summary.state) {
    case 'none':
      return <span className="text-slate-500 dark:text-slate-400">{t('webhooks.processing.none')}</span>;
    case 'processed':
      return (
        <StatusBadge of="processing" value="processed">
          {t('webhooks.processing.processed')}
        </StatusBadge>
      );
    case 'waiting':
      return (
        <StatusBadge of="processing" value="received">
          {t('webhooks.processing.waiting', { count: summary.waiting })}
        </StatusBadge>
      );
    case 'dead':
      return (
        <StatusBadge of="processing" value="dead">
          {t('webhooks.processing.dead', { count: summary.dead })}
        </StatusBadge>
      );
  }
}
