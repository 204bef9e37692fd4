import { forbidden, redirect } from 'next/navigation';
import { auth } from '@/lib/next/auth';
import { can, type Permission } from '@/lib/auth/roles';
import { findSignedInUser, type SafeUser } from '@/lib/auth/users';

/**
 * The signed-in person, read from the database on every request: a role change, a disabled
 * account or a sign-out elsewhere (each raises the session version) takes effect at once,
 * whatever the session cookie says.
 */
export async function currentUser(): Promise<SafeUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  const version = session?.sessionVersion;
  return id && typeof version === 'number' ? findSignedInUser(id, version) : null;
}

/** For pages: anonymous visitors go to the sign-in form, a role without the permission gets 403. */
export async function requireUser(permission: Permission = 'view', returnTo?: string): Promise<SafeUser> {
  const user = await currentUser();
  if (!user) redirect(returnTo ? `/login?next=${encodeURIComponent(returnTo)}` : '/login');
  if (!can(user.role, permission)) forbidden();
  return user;
}

/** For internal API routes: a JSON 401/403 answer, or the user. */
export async function apiUser(permission: Permission = 'view'): Promise<SafeUser | Response> {
  const user = await currentUser();
  if (!user) return Response.json({ error: { code: 'unauthorized', message: 'sign in first' } }, { status: 401 });
  if (!can(user.role, permission)) {
    return Response.json({ error: { code: 'forbidden', message: 'your role may not do this' } }, { status: 403 });
  }
  return user;
}
