import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages } from 'next-intl/server';
import { pickAreas } from '@/lib/i18n/messages';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Cocok', template: '%s · Cocok' },
  description: 'Reconcile Moota bank mutations with your orders',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {/* The shell's client parts; a page's own client parts get their areas from ClientMessages. The
            dashboard's providers and font are its layouts' (app/(dashboard), app/(auth)): a customer's
            payment page loads neither. */}
        <NextIntlClientProvider messages={pickAreas(await getMessages(), ['common', 'nav'])}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
