import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, test } from 'vitest';
import { authenticateStoreRequest, createApiKey, listApiKeys, revokeApiKey } from '@/lib/api-keys';
import { db } from '@/lib/db';
import { resetDatabase } from '@/tests/support/database';

beforeEach(resetDatabase);

describe('API keys', () => {
  test('a new key is shown once; Cocok keeps its SHA-256 and a display prefix', async () => {
    const { key, apiKey } = await createApiKey('  Toko Berkah  ', 'admin@toko');
    expect(key).toMatch(/^cocok_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: 'Toko Berkah', createdBy: 'admin@toko', prefix: key.slice(0, 12), revokedAt: null, lastUsedAt: null });
    expect(apiKey.hash).toBe(createHash('sha256').update(key).digest('hex'));
    const stored = JSON.stringify(await db().apiKey.findMany(), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(stored).not.toContain(key.slice(12));
    expect((await createApiKey('second', 'admin@toko')).key).not.toBe(key);
  });

  test.each([
    ['an empty name', '   ', /needs a name/],
    ['a long name', 'x'.repeat(101), /at most 100 characters/],
  ])('%s is refused', async (_label, name, message) => {
    await expect(createApiKey(name, 'admin')).rejects.toMatchObject({ kind: 'invalid', message: expect.stringMatching(message) });
  });

  test('the list is newest first, without hashes', async () => {
    await createApiKey('first', 'admin');
    await createApiKey('second', 'admin');
    const list = await listApiKeys();
    expect(list.map((k) => k.name)).toEqual(['second', 'first']);
    expect(list[0]).not.toHaveProperty('hash');
  });

  test('revoking is idempotent: the first revocation is kept', async () => {
    const { key, apiKey } = await createApiKey('shop', 'admin');
    const revoked = await revokeApiKey(apiKey.id, 'first-admin');
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const again = await revokeApiKey(apiKey.id, 'second-admin');
    expect(again).toEqual(revoked);
    expect(again.revokedBy).toBe('first-admin');
    expect(await authenticateStoreRequest(`Bearer ${key}`)).toBeNull();
  });

  test.each([
    ['an unknown id', '0190a6a0-0000-7000-8000-000000000000'],
    ['a value that is not an id', 'not-a-uuid'],
  ])('revoking %s is not_found', async (_label, id) => {
    await expect(revokeApiKey(id, 'admin')).rejects.toMatchObject({ kind: 'not_found', code: 'apiKeyNotFound' });
  });

  test('last use is recorded at most once a minute', async () => {
    const { key, apiKey } = await createApiKey('shop', 'admin');
    const lastUsed = async () => (await db().apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt;

    expect(await authenticateStoreRequest(`Bearer ${key}`)).toEqual({ label: 'api:shop' });
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);

    const recent = new Date(Date.now() - 30_000);
    await db().apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: recent } });
    await authenticateStoreRequest(`Bearer ${key}`);
    expect(await lastUsed()).toEqual(recent);

    const old = new Date(Date.now() - 61_000);
    await db().apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: old } });
    await authenticateStoreRequest(`Bearer ${key}`);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(old.getTime() + 60_000);
  });

  test.each([
    ['null', null],
    ['empty', ''],
    ['only the scheme', 'Bearer'],
    ['two tokens', 'Bearer a b'],
    ['an absurdly long key', `Bearer ${'x'.repeat(10_000)}`],
  ])('a header that is %s authenticates nobody', async (_label, header) => {
    expect(await authenticateStoreRequest(header)).toBeNull();
  });
});
