'use server';

import { redirect } from 'next/navigation';
import { countUsers, createUser } from '@/lib/auth/users';
import { translateError } from '@/lib/next/action';
import { DomainError } from '@/lib/errors';

export interface SetupState {
  error: string | null;
}

/** Creates the first owner; once anyone exists this does nothing but send people to sign in. */
export async function createOwnerAction(_previous: SetupState, form: FormData): Promise<SetupState> {
  if ((await countUsers()) > 0) redirect('/login');
  try {
    await createUser({ email: form.get('email'), name: form.get('name'), password: form.get('password'), role: 'owner' });
  } catch (error) {
    if (error instanceof DomainError) return { error: await translateError(error) };
    throw error;
  }
  redirect('/login?created=1');
}
