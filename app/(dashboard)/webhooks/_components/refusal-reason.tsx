'use client';

import { useTranslations } from 'next-intl';
import { readRefusalReason } from '@/lib/moota/refusal-reasons';

/** Why a call was refused, in the reader's language; a sentence Cocok did not make is shown as logged. */
export function RefusalReason({ reason }: { reason: string }) {
  const t = useTranslations('webhooks.reasons');
  const words = readRefusalReason(reason);
  return <>{words ? t(words.code, words.params) : reason}</>;
}
