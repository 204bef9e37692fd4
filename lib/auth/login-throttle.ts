import { db } from '@/lib/db';

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

/** Too many recent failures for this account, or from this address, blocks further tries for a while. */
export function isThrottled(failures: { byEmail: number; byAddress: number }): boolean {
  return failures.byEmail >= MAX_FAILURES_PER_EMAIL || failures.byAddress >= MAX_FAILURES_PER_ADDRESS;
}

export async function loginThrottled(email: string, address: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const [byEmail, byAddress] = await Promise.all([
    db().loginAttempt.count({ where: { email, createdAt: { gte: since } } }),
    db().loginAttempt.count({ where: { address, createdAt: { gte: since } } }),
  ]);
  return isThrottled({ byEmail, byAddress });
}

export async function recordFailedLogin(email: string, address: string): Promise<void> {
  await db().loginAttempt.create({ data: { email, address } });
}

export async function clearFailedLogins(email: string): Promise<void> {
  await db().loginAttempt.deleteMany({ where: { email } });
}
