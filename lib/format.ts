import type { Locale } from '@/lib/i18n/locales';
import { formatRupiah } from '@/lib/money';
import { JAKARTA_TIME_ZONE } from '@/lib/time/jakarta';

export { formatRupiah };

const intlLocale = (locale: Locale) => (locale === 'id' ? 'id-ID' : 'en-GB');

/** A moment as people in Indonesia read it: Asia/Jakarta time, e.g. "28 Nov 2026, 10.14". */
export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: JAKARTA_TIME_ZONE,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

export function formatDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: JAKARTA_TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

/** How long ago, in words: "3 jam yang lalu" / "3 hours ago". */
export function formatAge(since: Date, now: Date, locale: Locale): string {
  const seconds = Math.round((since.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' });
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}

export function formatPercent(ratio: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** How long something took: "45 dtk" / "45 secs", "2 mnt 5 dtk" / "2 mins 5 secs"; under a second counts as one. */
export function formatDuration(ms: number, locale: Locale): string {
  const total = Math.max(1, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  // Short hours read badly ("1 j"), short minutes and seconds well ("2 mnt 5 dtk").
  const unit = (value: number, name: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(intlLocale(locale), { style: 'unit', unit: name, unitDisplay: name === 'hour' ? 'long' : 'short' }).format(value);
  // From an hour up, seconds no longer matter to anyone reading it.
  if (minutes >= 60)
    return minutes % 60 === 0 ? unit(minutes / 60, 'hour') : `${unit(Math.floor(minutes / 60), 'hour')} ${unit(minutes % 60, 'minute')}`;
  if (minutes === 0) return unit(seconds, 'second');
  return seconds === 0 ? unit(minutes, 'minute') : `${unit(minutes, 'minute')} ${unit(seconds, 'second')}`;
}
