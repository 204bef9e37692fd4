'use client';

import { useLocale, useTranslations } from 'next-intl';
import { periodName, type Granularity } from '@/lib/reports/periods';
import { jakartaDay } from '@/lib/time/jakarta';

/** Names report periods the way people read them, in the visitor's language ("5 Nov", "Minggu 45 (3–9 Nov)"). */
export function usePeriodName(granularity: Granularity, { markToday = true } = {}): (key: string) => string {
  const locale = useLocale();
  const t = useTranslations('common.period');
  const today = jakartaDay(new Date());
  const words = { today: (day: string) => (markToday ? t('today', { day }) : day), week: (week: number, days: string) => t('week', { week, days }) };
  return (key) => periodName(key, granularity, locale, today, words);
}
