import { recordSignIn, reserveAttempt } from '@/lib/auth/login-throttle';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '@/lib/auth/password';
import { db } from '@/lib/db';
import { PEER_ADDRESS_HEADER } from '@/lib/intake/delivery-call';
import { resolveClientAddress } from '@/lib/moota/client-address';
import { isStorableText } from '@/lib/text';

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  sessionVersion: number;
}

export type SignInOutcome = { kind: 'signed-in'; user: SignedInUser } | { kind: 'wrong' } | { kind: 'throttled'; retryAt: Date };

export interface SignInDependencies {
  verify?: (passwordHash: string, password: string) => Promise<boolean>;
  now?: () => Date;
}

/**
 * Email and password from `address` (the caller as resolved through the trusted proxies). Every
 * try the throttle lets through checks exactly one password hash, a dummy one for an unknown or
 * disabled account, so the answer's timing does not tell which emails exist.
 */
export async function signInWithPassword(
  input: { email: string; password: string; address: string },
  { verify = verifyPassword, now = () => new Date() }: SignInDependencies = {},
): Promise<SignInOutcome> {
  const email = input.email.trim().toLowerCase();
  // An email the database cannot hold belongs to no one, and its attempt could not be counted either.
  if (!email || !input.password || !isStorableText(email)) return { kind: 'wrong' };
  const reserved = await reserveAttempt(email, input.address, now());
  if (!reserved.allowed) return { kind: 'throttled', retryAt: reserved.retryAt };

  const user = await db().user.findUnique({ where: { email } });
  const usable = user !== null && user.disabledAt === null;
  const matches = await verify(usable ? user.passwordHash : DUMMY_PASSWORD_HASH, input.password);
  if (!usable || !matches) return { kind: 'wrong' };

  const signedInAt = now();
  await recordSignIn(reserved.attemptId, email, input.address, signedInAt);
  await db().user.update({ where: { id: user.id }, data: { lastLoginAt: signedInAt } });
  return { kind: 'signed-in', user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}

/** Who is signing in, resolved exactly as the webhook resolves its caller: through the trusted proxy hops only. */
export function signInAddress(headers: Headers, trustedProxyHops: number): string {
  return resolveClientAddress({
    socketAddress: headers.get(PEER_ADDRESS_HEADER) ?? 'unknown',
    forwardedFor: headers.get('x-forwarded-for'),
    trustedProxyHops,
  });
}
