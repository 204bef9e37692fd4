import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { SafeUser } from '@/lib/auth/users';

const session = vi.hoisted(() => ({ user: null as SafeUser | null }));
vi.mock('@/lib/next/session', () => ({ currentUser: async () => session.user }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
// The visitor's language cookie: English unless a test says otherwise.
const language = vi.hoisted(() => ({ cookie: 'en' as string | undefined }));
vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => (language.cookie ? { value: language.cookie } : undefined) }) }));

const { addWebhookSecretAction, createUserAction, removeWebhookSecretAction, saveSettingsAction } =
  await import('@/app/(dashboard)/settings/actions');
const { createUser } = await import('@/lib/auth/users');
const { db } = await import('@/lib/db');
const { loadSettings } = await import('@/lib/settings/store');
const { secretFingerprint } = await import('@/lib/settings/webhook-secrets');
const { resetDatabase } = await import('@/tests/support/database');

const signIn = async (role: SafeUser['role']) => {
  session.user = await createUser({ email: `${role}-${Date.now()}@example.com`, role, password: 'long-enough-password' });
};

beforeEach(async () => {
  await resetDatabase();
  session.user = null;
  language.cookie = 'en';
});

describe('settings server actions', () => {
  test('finance is refused and nothing is saved', async () => {
    await signIn('finance');
    expect(await saveSettingsAction({ values: { uniqueCodeMax: '500' } })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await addWebhookSecretAction({ secret: 'a-new-secret-123' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await createUserAction({ email: 'x@example.com', role: 'owner', password: 'long-enough-password' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await db().setting.count()).toBe(0);
  });

  test('a visitor without a session is asked to sign in', async () => {
    expect(await saveSettingsAction({ values: { uniqueCodeMax: '500' } })).toMatchObject({ ok: false, code: 'unauthorized' });
  });

  test('the owner saves a unique-code range; an impossible one comes back as a message', async () => {
    await signIn('owner');
    expect(await saveSettingsAction({ values: { uniqueCodeMin: '10', uniqueCodeMax: '500' } })).toEqual({ ok: true, data: { saved: 2 } });
    expect((await loadSettings()).uniqueCodeRange).toEqual({ min: 10, max: 500 });

    expect(await saveSettingsAction({ values: { uniqueCodeMin: '600' } })).toMatchObject({
      ok: false,
      code: 'invalid',
      message: 'The largest unique code (500) must not be below the smallest (600).',
    });
    expect(await saveSettingsAction({ values: { orderExpiryMinutes: 'soon' } })).toMatchObject({ ok: false, code: 'invalid' });
    expect((await loadSettings()).uniqueCodeRange).toEqual({ min: 10, max: 500 });
  });

  test('the owner rotates the webhook secret: a second one beside the first, then the old one goes', async () => {
    await signIn('owner');
    expect(await addWebhookSecretAction({ secret: 'old-secret-123' })).toEqual({ ok: true, data: { active: 1 } });
    expect(await addWebhookSecretAction({ secret: 'new-secret-456' })).toEqual({ ok: true, data: { active: 2 } });
    expect((await loadSettings()).webhook.secrets).toEqual(['old-secret-123', 'new-secret-456']);
    expect(await addWebhookSecretAction({ secret: 'third-secret-789' })).toMatchObject({ ok: false, code: 'invalid' });

    expect(await removeWebhookSecretAction({ fingerprint: secretFingerprint('old-secret-123') })).toMatchObject({ ok: true });
    expect((await loadSettings()).webhook.secrets).toEqual(['new-secret-456']);
    expect(await removeWebhookSecretAction({ fingerprint: secretFingerprint('new-secret-456') })).toMatchObject({
      ok: false,
      message: expect.stringContaining('only webhook secret'),
    });
  });

  test("refusals come in the visitor's language: Indonesian without a cookie", async () => {
    await signIn('owner');
    language.cookie = undefined;
    expect(await saveSettingsAction({ values: { uniqueCodeMin: 'banyak' } })).toEqual({
      ok: false,
      code: 'invalid',
      message: 'uniqueCodeMin: isi dengan bilangan bulat.',
    });
    session.user = null;
    expect(await saveSettingsAction({ values: { uniqueCodeMax: '500' } })).toEqual({
      ok: false,
      code: 'unauthorized',
      message: 'Sesi Anda sudah berakhir; silakan masuk lagi.',
    });
  });
});
