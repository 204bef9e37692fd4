import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE, toLocale, type Locale } from '@/lib/i18n/locales';
import { MESSAGES } from '@/lib/i18n/messages';

/** The visitor's language: the language switch's cookie, never the URL (next-intl without i18n routing). */
export async function requestLocale(): Promise<Locale> {
  return toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}

/** A route handler's visitor's language, from the same cookie on the request itself. */
export function localeOfRequest(request: Request): Locale {
  const cookie = (request.headers.get('cookie') ?? '').split(';').find((part) => part.trim().startsWith(`${LOCALE_COOKIE}=`));
  return toLocale(cookie?.split('=')[1]?.trim());
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: MESSAGES[locale] };
});
