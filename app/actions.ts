'use server';

import { cookies } from 'next/headers';
import { signOut } from '@/lib/next/auth';
import { LOCALE_COOKIE, toLocale } from '@/lib/i18n/locales';

export async function setLocaleAction(locale: string): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, toLocale(locale), { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax' });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}
