'use client';

import { useActionState } from 'react';
import { createOwnerAction, type SetupState } from '@/app/(auth)/setup/actions';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password-rules';

export function SetupForm() {
  const t = useTranslations();
  const [state, action, pending] = useActionState<SetupState, FormData>(createOwnerAction, { error: null });
  return (
    <form action={action} className="flex flex-col gap-4">
      <Field label={t('auth.name')} htmlFor="name">
        <Input id="name" name="name" autoComplete="name" />
      </Field>
      <Field label={t('auth.email')} htmlFor="email">
        <Input id="email" name="email" type="email" autoComplete="username" required />
      </Field>
      <Field label={t('auth.password')} htmlFor="password" hint={`≥ ${MIN_PASSWORD_LENGTH}`}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={MIN_PASSWORD_LENGTH}
          required
          aria-describedby="password-hint"
        />
      </Field>
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <Button type="submit" disabled={pending}>
        {t('auth.createOwner')}
      </Button>
    </form>
  );
}
