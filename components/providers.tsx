'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { I18nProvider } from '@/components/i18n-provider';
import { ToastProvider } from '@/components/ui/toast';
import type { Locale } from '@/lib/i18n/locales';
import type { MessageTree } from '@/lib/i18n/translate';

export function Providers({ locale, messages, children }: { locale: Locale; messages: MessageTree; children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, refetchOnWindowFocus: true, retry: 1 } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider locale={locale} messages={messages}>
        <ToastProvider>{children}</ToastProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
