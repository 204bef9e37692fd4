import { db } from '@/lib/db';

/** Who is signed in, as Auth.js's `auth()` would say: the real currentUser, apiUser and defineAction read it. */
export const signedIn = { userId: null as string | null };

/** A fresh session of the signed-in user, as Auth.js's `auth()` gives it: id and the user's current session version. */
export async function sessionOf() {
  if (!signedIn.userId) return null;
  const user = await db().user.findUnique({ where: { id: signedIn.userId }, select: { sessionVersion: true } });
  return { user: { id: signedIn.userId }, sessionVersion: user?.sessionVersion };
}
