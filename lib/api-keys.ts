import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import type { ApiKey } from '@/lib/generated/prisma/client';
import { isUuid } from '@/lib/uuid';

const KEY_PREFIX = 'cocok_';
/** "cocok_" and the first 6 characters of the random part: enough to tell keys apart. */
const DISPLAY_LENGTH = KEY_PREFIX.length + 6;
const MAX_NAME_LENGTH = 100;
const MAX_KEY_LENGTH = 512;
const LAST_USED_RESOLUTION_MS = 60_000;

export type ApiKeySummary = Omit<ApiKey, 'hash'>;

export interface StoreCaller {
  /** Who is asking, as history records it: `api:<key name>` or `api:env`. */
  label: string;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Creates a key for the store's order API. The key itself is returned here only; Cocok keeps its SHA-256. */
export async function createApiKey(name: string, actor: string): Promise<{ key: string; apiKey: ApiKey }> {
  const trimmed = name.trim();
  if (trimmed === '') throw new DomainError('invalid', 'apiKeyNameRequired');
  if (trimmed.length > MAX_NAME_LENGTH) {
    throw new DomainError('invalid', 'apiKeyNameTooLong', { max: MAX_NAME_LENGTH });
  }
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  const apiKey = await db().apiKey.create({
    data: { name: trimmed, prefix: key.slice(0, DISPLAY_LENGTH), hash: sha256(key).toString('hex'), createdBy: actor },
  });
  return { key, apiKey };
}

/** Revokes a key; revoking a revoked key changes nothing. */
export async function revokeApiKey(id: string, actor: string): Promise<ApiKeySummary> {
  if (!isUuid(id)) throw new DomainError('not_found', 'apiKeyNotFound', { id });
  await db().apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date(), revokedBy: actor } });
  const apiKey = await db().apiKey.findUnique({ where: { id }, omit: { hash: true } });
  if (!apiKey) throw new DomainError('not_found', 'apiKeyNotFound', { id });
  return apiKey;
}

/** Every key, newest first, revoked ones included. */
export async function listApiKeys(): Promise<ApiKeySummary[]> {
  return db().apiKey.findMany({ orderBy: { createdAt: 'desc' }, omit: { hash: true } });
}

/**
 * Who is calling the store API, from `Authorization: Bearer <key>`: an unrevoked key created in
 * the dashboard, or one of STORE_API_KEYS. Null when the header names neither.
 */
export async function authenticateStoreRequest(authorizationHeader: string | null): Promise<StoreCaller | null> {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorizationHeader ?? '');
  const key = match?.[1];
  if (!key || key.length > MAX_KEY_LENGTH) return null;
  const digest = sha256(key);

  // Compare against every configured key, so the time taken does not tell which one nearly matched.
  let envMatch = false;
  for (const configured of env().STORE_API_KEYS) {
    if (timingSafeEqual(digest, sha256(configured))) envMatch = true;
  }
  if (envMatch) return { label: 'api:env' };

  const apiKey = await db().apiKey.findUnique({
    where: { hash: digest.toString('hex') },
    select: { id: true, name: true, revokedAt: true, lastUsedAt: true },
  });
  if (!apiKey || apiKey.revokedAt) return null;

  const now = new Date();
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!apiKey.lastUsedAt || apiKey.lastUsedAt < stale) {
    await db().apiKey.updateMany({
      where: { id: apiKey.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: stale } }] },
      data: { lastUsedAt: now },
    });
  }
  return { label: `api:${apiKey.name}` };
}
