import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import { SYSTEM_ACTOR } from '@/lib/actors';

const KEY = 'internal.authSecret';

/**
 * The key that signs session cookies: AUTH_SECRET when set, else one made on first start and
 * kept in the database, so every web server of an installation agrees without configuration.
 */
export async function ensureAuthSecret(fromEnvironment: string | undefined): Promise<string> {
  if (fromEnvironment) return fromEnvironment;
  const made = randomBytes(32).toString('base64url');
  await db().setting.upsert({ where: { key: KEY }, create: { key: KEY, value: made, updatedBy: SYSTEM_ACTOR }, update: {} });
  const stored = await db().setting.findUniqueOrThrow({ where: { key: KEY } });
  return String(stored.value);
}
