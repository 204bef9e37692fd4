import { z } from 'zod';
import { can, type Permission } from '@/lib/auth/roles';
import { currentUser } from '@/lib/next/session';
import type { SafeUser } from '@/lib/auth/users';
import { DomainError, invalidFields, isErrorCode, type ErrorCode, type ErrorKind, type ErrorParams } from '@/lib/errors';
import { createTranslator } from 'next-intl';
import { MESSAGES } from '@/lib/i18n/messages';
import { requestLocale } from '@/lib/next/i18n-request';
import { findUnstorableText } from '@/lib/text';

/** What a server action answers: its data, or why not in the visitor's language. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; code: ErrorKind | 'unauthorized' | 'internal'; message: string };

/** An error code's message in the visitor's language: the one place error codes become words. */
async function errorText(code: ErrorCode, params?: ErrorParams): Promise<string> {
  const locale = await requestLocale();
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: 'errors' })(code, params);
}

export const translateError = (error: DomainError): Promise<string> => errorText(error.code, error.params);

/** An error kept in the database as its code, parameters and English text: translated when the code is known, else the text. */
export const translateStoredError = (stored: { code: string | null; params: ErrorParams; text: string }): Promise<string> =>
  isErrorCode(stored.code) ? errorText(stored.code, stored.params) : Promise.resolve(stored.text);

async function refuse(code: ErrorKind | 'unauthorized' | 'internal', key: ErrorCode, params?: ErrorParams): Promise<ActionResult<never>> {
  return { ok: false, code, message: await errorText(key, params) };
}

/**
 * The one way a server action is made: who is asking, may their role do this, is the input
 * valid; expected failures come back as messages the page shows, anything else is logged.
 */
export function defineAction<S extends z.ZodType, T>(
  options: { name: string; permission: Permission; schema: S },
  handler: (input: z.output<S>, user: SafeUser) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    const user = await currentUser();
    if (!user) return refuse('unauthorized', 'unauthorized');
    if (!can(user.role, options.permission)) return refuse('forbidden', 'forbidden');
    const unstorable = findUnstorableText(input);
    if (unstorable !== null) return refuse('invalid', 'textUnstorable', { field: unstorable });
    const parsed = options.schema.safeParse(input);
    if (!parsed.success) {
      const error = invalidFields(parsed.error);
      return refuse(error.kind, error.code, error.params);
    }
    try {
      return { ok: true, data: await handler(parsed.data, user) };
    } catch (error) {
      if (error instanceof DomainError) return refuse(error.kind, error.code, error.params);
      console.error(`action ${options.name} failed`, { user: user.email, error });
      return refuse('internal', 'internal');
    }
  };
}
