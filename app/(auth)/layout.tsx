import '@fontsource-variable/inter';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';

/** Signing in and the first owner's setup: the dashboard's providers and font, without its menu. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return <Providers>{children}</Providers>;
}
