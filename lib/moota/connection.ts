import { ensureAuthSecret } from '@/lib/auth/auth-secret';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import { openSecret, sealSecret } from '@/lib/settings/secret-box';

const KEY = 'moota.apiToken';
const PURPOSE = 'moota-api-token';
const MIN_TOKEN_LENGTH = 16;

export interface MootaConnection {
  baseUrl: string;
  token: string;
}

/** What Settings may show of the token: where it comes from and its last 4 characters, never more. */
export interface MootaTokenStatus {
  source: 'environment' | 'settings' | 'none';
  last4: string | null;
  /** A token is stored but cannot be opened: the app's secret changed since it was entered. */
  unreadable: boolean;
}

const appSecret = () => ensureAuthSecret(process.env.AUTH_SECRET);

async function storedToken(): Promise<{ token: string | null; unreadable: boolean } | null> {
  const row = await db().setting.findUnique({ where: { key: KEY } });
  if (!row) return null;
  const token = openSecret(String(row.value), await appSecret(), PURPOSE);
  return { token, unreadable: token === null };
}

/** Moota's API as configured: MOOTA_API_TOKEN wins over the token entered in Settings; null when neither is set. */
export async function mootaConnection(): Promise<MootaConnection | null> {
  const config = env();
  const token = config.MOOTA_API_TOKEN ?? (await storedToken())?.token;
  return token ? { baseUrl: config.MOOTA_API_URL, token } : null;
}

export async function mootaTokenStatus(): Promise<MootaTokenStatus> {
  const fromEnvironment = env().MOOTA_API_TOKEN;
  if (fromEnvironment) return { source: 'environment', last4: fromEnvironment.slice(-4), unreadable: false };
  const stored = await storedToken();
  if (!stored) return { source: 'none', last4: null, unreadable: false };
  return { source: 'settings', last4: stored.token?.slice(-4) ?? null, unreadable: stored.unreadable };
}

/** Keeps the token encrypted with a key derived from the app's secret; an empty token forgets it. */
export async function saveMootaToken(token: string, actor: string): Promise<MootaTokenStatus> {
  if (env().MOOTA_API_TOKEN) throw new DomainError('invalid', 'mootaTokenFromEnvironment');
  const trimmed = token.trim();
  if (trimmed === '') {
    await db().setting.deleteMany({ where: { key: KEY } });
    return mootaTokenStatus();
  }
  if (trimmed.length < MIN_TOKEN_LENGTH || /\s/.test(trimmed)) throw new DomainError('invalid', 'mootaTokenTooShort');
  const value = sealSecret(trimmed, await appSecret(), PURPOSE);
  await db().setting.upsert({ where: { key: KEY }, create: { key: KEY, value, updatedBy: actor }, update: { value, updatedBy: actor } });
  return mootaTokenStatus();
}
