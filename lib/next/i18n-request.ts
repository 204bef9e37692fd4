import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE, toLocale } from '@/lib/i18n/locales';
import { MESSAGES } from '@/lib/i18n/messages';

// next-intl without i18n routing: the language comes from the language switch's cookie, never the URL.
export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: MESSAGES[locale] };
});
