import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import { pickAreas, type Area } from '@/lib/i18n/messages';

/**
 * Sends the browser only the message areas its client components below use (`common` always);
 * it replaces, not extends, the messages of the provider above it.
 */
export async function ClientMessages({ areas, children }: { areas: Area[]; children: ReactNode }) {
  return <NextIntlClientProvider messages={pickAreas(await getMessages(), ['common', ...areas])}>{children}</NextIntlClientProvider>;
}
