'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { safeNextPath } from '@/lib/auth/safe-next';
import { signIn } from '@/lib/next/auth';

export interface LoginState {
  error: 'wrong' | 'throttled' | null;
}

export async function loginAction(_previous: LoginState, form: FormData): Promise<LoginState> {
  try {
    await signIn('credentials', {
      email: form.get('email'),
      password: form.get('password'),
      redirectTo: safeNextPath(form.get('next')),
    });
    return { error: null };
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === 'throttled') return { error: 'throttled' };
    if (error instanceof AuthError) return { error: 'wrong' };
    throw error;
  }
}
