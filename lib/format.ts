import type { Locale } from '@/lib/i18n/locales';
import { formatRupiah } from '@/lib/money';

export { formatRupiah };

const TIME_ZONE = 'Asia/Jakarta';
const intlLocale = (locale: Locale) => (locale === 'id' ? 'id-ID' : 'en-GB');

/** A moment as people in Indonesia read it: Asia/Jakarta time, e.g. "28 Nov 2026, 10.14". */
export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

export function formatDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' }).format(date);
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

/** The Jakarta calendar day of a moment, as YYYY-MM-DD. */
export function jakartaDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** The instant a Jakarta calendar day (YYYY-MM-DD) starts. */
export function startOfJakartaDay(day: string): Date {
  return new Date(`${day}T00:00:00+07:00`);
}

export function formatPercent(ratio: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}
