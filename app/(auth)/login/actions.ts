'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { signIn } from '@/lib/next/auth';

export interface LoginState {
  error: 'wrong' | 'throttled' | null;
}

/** A relative path inside Cocok only: never send someone elsewhere after sign-in. */
function safeNext(value: FormDataEntryValue | null): string {
  const next = typeof value === 'string' ? value : '';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export async function loginAction(_previous: LoginState, form: FormData): Promise<LoginState> {
  try {
    await signIn('credentials', {
      email: form.get('email'),
      password: form.get('password'),
      redirectTo: safeNext(form.get('next')),
    });
    return { error: null };
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === 'throttled') return { error: 'throttled' };
    if (error instanceof AuthError) return { error: 'wrong' };
    throw error;
  }
}
