import { Badge } from '@/components/ui/card';
import type { MatchState } from '@/lib/generated/prisma/client';
import { getTranslations } from 'next-intl/server';

const TONES: Record<MatchState, 'green' | 'amber' | 'red' | 'slate' | 'blue'> = {
  pending: 'slate',
  unmatched: 'red',
  suggested: 'amber',
  review: 'amber',
  matched: 'green',
  ignored: 'slate',
  debit: 'blue',
};

export async function MatchStateBadge({ state }: { state: MatchState }) {
  const t = await getTranslations();
  return <Badge tone={TONES[state]}>{t(`mutations.matchState.${state}`)}</Badge>;
}
