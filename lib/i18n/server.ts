import { cookies } from 'next/headers';
import { LOCALE_COOKIE, toLocale, type Locale } from '@/lib/i18n/locales';
import { MESSAGES } from '@/lib/i18n/messages';
import { translate, type Params } from '@/lib/i18n/translate';

export async function getLocale(): Promise<Locale> {
  return toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}

/** The translate function for server components, in the visitor's language. */
export async function getT(): Promise<(key: string, params?: Params) => string> {
  const messages = MESSAGES[await getLocale()];
  return (key, params) => translate(messages, key, params);
}
