import { z } from 'zod';
import { can, type Permission } from '@/lib/auth/roles';
import { currentUser } from '@/lib/next/session';
import type { SafeUser } from '@/lib/auth/users';
import { DomainError, type DomainErrorCode } from '@/lib/errors';

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: DomainErrorCode | 'unauthorized' | 'internal'; message: string };

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
    if (!user) return { ok: false, code: 'unauthorized', message: 'Your session has ended; sign in again.' };
    if (!can(user.role, options.permission)) return { ok: false, code: 'forbidden', message: 'Your role may not do this.' };
    const parsed = options.schema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, code: 'invalid', message: parsed.error.issues.map((issue) => issue.message).join('; ') };
    }
    try {
      return { ok: true, data: await handler(parsed.data, user) };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, code: error.code, message: error.message };
      console.error(`action ${options.name} failed`, { user: user.email, error });
      return { ok: false, code: 'internal', message: 'Something went wrong on our side; the change was not saved. Try again.' };
    }
  };
}
