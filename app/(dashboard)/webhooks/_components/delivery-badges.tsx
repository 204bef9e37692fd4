import type { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/card';
import type { DeliveryOutcome, ProcessingState, SignatureResult } from '@/lib/generated/prisma/enums';
import type { ProcessingSummary } from '@/lib/queries/webhooks';

type T = ReturnType<typeof useTranslations<never>>;

export function OutcomeBadge({ outcome, t }: { outcome: DeliveryOutcome; t: T }) {
  return <Badge tone={outcome === 'accepted' ? 'green' : 'red'}>{t(`webhooks.outcome.${outcome}`)}</Badge>;
}

export function SignatureBadge({ signature, t }: { signature: SignatureResult; t: T }) {
  const tone = signature === 'valid' ? 'green' : signature === 'unchecked' ? 'slate' : 'red';
  return <Badge tone={tone}>{t(`webhooks.signature.${signature}`)}</Badge>;
}

export function ProcessingBadge({ summary, t }: { summary: ProcessingSummary; t: T }) {
  switch (summary.state) {
    case 'none':
      return <span className="text-slate-500 dark:text-slate-400">{t('webhooks.processing.none')}</span>;
    case 'processed':
      return <Badge tone="green">{t('webhooks.processing.processed')}</Badge>;
    case 'waiting':
      return <Badge tone="amber">{t('webhooks.processing.waiting', { count: summary.waiting })}</Badge>;
    case 'dead':
      return <Badge tone="red">{t('webhooks.processing.dead', { count: summary.dead })}</Badge>;
  }
}

export function MutationStateBadge({ state, t }: { state: ProcessingState; t: T }) {
  const tone = state === 'processed' ? 'green' : state === 'dead' ? 'red' : 'amber';
  return <Badge tone={tone}>{t(`webhooks.mutationState.${state}`)}</Badge>;
}
