'use client';

import { createContext, useCallback, useContext, type ReactNode } from 'react';
import type { Locale } from '@/lib/i18n/locales';
import { translate, type MessageTree, type Params } from '@/lib/i18n/translate';

interface I18n {
  locale: Locale;
  t: (key: string, params?: Params) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: MessageTree; children: ReactNode }) {
  const t = useCallback((key: string, params?: Params) => translate(messages, key, params), [messages]);
  return <I18nContext.Provider value={{ locale, t }}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n needs an I18nProvider above it');
  return i18n;
}
