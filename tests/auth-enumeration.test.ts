import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { can, ROLES, type Permission, type Role } from '@/lib/auth/roles';

vi.mock('@/lib/next/auth', async () => ({
  auth: (await import('@/tests/support/signed-in')).sessionOf,
  handlers: { GET: async () => new Response(null, { status: 500 }), POST: async () => new Response(null, { status: 500 }) },
  signIn: async () => {
    throw new Error('not signed in through the form in this test');
  },
  signOut: async () => {},
}));
// The sign-in action names Auth.js's error classes; Auth.js itself does not load outside Next.
vi.mock('next-auth', () => ({ AuthError: class AuthError extends Error {}, CredentialsSignin: class CredentialsSignin extends Error {} }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => ({ value: 'en' }), set: () => {} }) }));

const { signedIn } = await import('@/tests/support/signed-in');
const { createUser } = await import('@/lib/auth/users');
const { db } = await import('@/lib/db');
const { saveSettings } = await import('@/lib/settings/store');
const { resetDatabase } = await import('@/tests/support/database');
const { rowCounts } = await import('@/tests/support/row-counts');
const { TEST_SECRET, webhookRequest } = await import('@/tests/support/webhook');

const ROOT = path.resolve(import.meta.dirname, '..');
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * What every route handler and server action asks of its caller, by `file#export`. A session
 * permission is checked against every role; anything else says how the caller is checked instead
 * and why it must be reachable without a session. A file the app gains that is not listed here
 * fails the coverage test, so no route or action can be added without deciding this.
 */
type Guard = Permission | { public: string } | { apiKey: true } | { signature: true };
const GUARDS: Record<string, Guard> = {
  'app/api/auth/[...nextauth]/route.ts#GET': { public: "Auth.js's own sign-in, session and sign-out endpoints: how a visitor becomes signed in" },
  'app/api/auth/[...nextauth]/route.ts#POST': { public: "Auth.js's own sign-in, session and sign-out endpoints: how a visitor becomes signed in" },
  'app/api/health/route.ts#GET': { public: 'for load balancers and start scripts; says only whether the database answers' },
  'app/api/openapi.json/route.ts#GET': { public: 'the store API’s OpenAPI document: what any integrator reads before they have a key' },
  'app/api/webhook/route.ts#POST': { signature: true },
  'app/api/orders/route.ts#POST': { apiKey: true },
  'app/api/orders/[reference]/route.ts#GET': { apiKey: true },
  'app/api/orders/[reference]/cancel/route.ts#POST': { apiKey: true },
  'app/api/pay/[token]/route.ts#GET': {
    public: "a customer's payment status, opened by the order's signed link (lib/pay/token.ts), rate-limited per address",
  },
  'app/api/dashboard/cash-flow/route.ts#GET': 'view',
  'app/api/dashboard/changes/route.ts#GET': 'view',
  'app/api/dashboard/mutations/export/route.ts#GET': 'view',
  'app/api/dashboard/overview/route.ts#GET': 'view',
  'app/api/dashboard/revenue/route.ts#GET': 'view_revenue',
  'app/api/dashboard/revenue/export/route.ts#GET': 'view_revenue',
  'app/api/dashboard/statements/[id]/route.ts#GET': 'view',
  'app/api/dashboard/sync-runs/route.ts#GET': 'view',
  'app/api/dashboard/sync-runs/[id]/route.ts#GET': 'view',
  'app/api/dashboard/unmatched/route.ts#GET': 'view',
  'app/api/dashboard/unmatched/orders/route.ts#GET': 'reconcile',
  'app/api/dashboard/webhooks/route.ts#GET': 'view',

  'app/actions.ts#setLocaleAction': { public: 'sets the language cookie only; the sign-in page needs it' },
  'app/actions.ts#signOutAction': { public: 'ends the caller’s own session, if any' },
  'app/(auth)/login/actions.ts#loginAction': { public: 'the sign-in form itself (throttled in lib/next/auth.ts)' },
  'app/(auth)/setup/actions.ts#createOwnerAction': { public: 'creates the first owner, and only while no user exists (checked below)' },
  'app/(dashboard)/accounts/actions.ts#setAccountSandboxAction': 'manage_settings',
  'app/(dashboard)/accounts/actions.ts#checkAccountNowAction': 'sync',
  'app/(dashboard)/orders/actions.ts#createOrderAction': 'manage_orders',
  'app/(dashboard)/orders/actions.ts#cancelOrderAction': 'manage_orders',
  'app/(dashboard)/orders/actions.ts#acceptDifferenceAction': 'reconcile',
  'app/(dashboard)/orders/actions.ts#importOrdersAction': 'manage_orders',
  'app/(dashboard)/sandbox/actions.ts#sendPracticeTransferAction': 'reconcile',
  'app/(dashboard)/sandbox/actions.ts#practiceTransferStateAction': 'reconcile',
  'app/(dashboard)/settings/actions.ts#saveSettingsAction': 'manage_settings',
  'app/(dashboard)/settings/actions.ts#addWebhookSecretAction': 'manage_settings',
  'app/(dashboard)/settings/actions.ts#removeWebhookSecretAction': 'manage_settings',
  'app/(dashboard)/settings/actions.ts#saveStoreCallbackSecretAction': 'manage_settings',
  'app/(dashboard)/settings/actions.ts#saveMootaTokenAction': 'manage_settings',
  'app/(dashboard)/settings/actions.ts#forgetMootaTokenAction': 'manage_settings',
  'app/(dashboard)/settings/actions.ts#setMootaTaggingAction': 'manage_settings',
  'app/(dashboard)/settings/actions.ts#savePayAccountsAction': 'manage_settings',
  'app/(dashboard)/settings/actions.ts#createApiKeyAction': 'manage_settings',
  'app/(dashboard)/settings/actions.ts#revokeApiKeyAction': 'manage_settings',
  'app/(dashboard)/settings/actions.ts#createUserAction': 'manage_users',
  'app/(dashboard)/settings/actions.ts#updateUserAction': 'manage_users',
  'app/(dashboard)/statements/actions.ts#previewStatementAction': 'reconcile',
  'app/(dashboard)/statements/actions.ts#importStatementAction': 'reconcile',
  'app/(dashboard)/statements/actions.ts#decideDuplicateAction': 'reconcile',
  'app/(dashboard)/unmatched/actions.ts#matchOrderAction': 'reconcile',
  'app/(dashboard)/unmatched/actions.ts#splitAction': 'reconcile',
  'app/(dashboard)/unmatched/actions.ts#markNotAnOrderAction': 'reconcile',
  'app/(dashboard)/unmatched/actions.ts#undoAction': 'reconcile',
  'app/(dashboard)/unmatched/actions.ts#previewUndoAction': 'reconcile',
  'app/(dashboard)/unmatched/actions.ts#bulkConfirmAction': 'reconcile',
  'app/(dashboard)/webhooks/actions.ts#reprocessDeliveryAction': 'reprocess_webhooks',
  'app/(dashboard)/webhooks/actions.ts#startSyncAction': 'sync',
};

interface Entry {
  key: string;
  kind: 'route' | 'action';
  call: (...args: unknown[]) => Promise<unknown>;
}

/** Every exported HTTP method of every app/**\/route.ts and every function of every app/**\/actions.ts. */
async function enumerate(): Promise<Entry[]> {
  const files = (readdirSync(path.join(ROOT, 'app'), { recursive: true }) as string[])
    .map((file) => `app/${file.split(path.sep).join('/')}`)
    .filter((file) => /(^|\/)(route|actions)\.tsx?$/.test(file))
    .sort();
  const entries: Entry[] = [];
  for (const file of files) {
    const kind = /route\.tsx?$/.test(file) ? 'route' : 'action';
    const module = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value !== 'function') continue;
      if (kind === 'route' && !HTTP_METHODS.includes(name)) continue;
      entries.push({ key: `${file}#${name}`, kind, call: value as Entry['call'] });
    }
  }
  return entries;
}

const ENTRIES = await enumerate();
const users = {} as Record<Role, string>;
const PARAMS = { params: Promise.resolve({ id: '0190a0a0-0000-7000-8000-000000000000', reference: 'INV-ENUM-1' }) };

const request = (key: string, method: string, headers: Record<string, string> = {}) => {
  const url = `http://localhost/${key
    .split('#')[0]!
    .replace(/^app\//, '')
    .replace(/\/route\.tsx?$/, '')}`;
  return new Request(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: method === 'GET' ? undefined : '{}' });
};

/** A route's or an action's answer as `{ status }` or the action's result; a route's body is read to its end. */
async function callAs(role: Role | null, entry: Entry): Promise<{ status?: number; ok?: boolean; code?: string }> {
  signedIn.userId = role ? users[role] : null;
  if (entry.kind === 'action') return (await entry.call(undefined)) as { ok: boolean; code?: string };
  const response = (await entry.call(request(entry.key, entry.key.split('#')[1]!), PARAMS)) as Response;
  await response.arrayBuffer();
  return { status: response.status };
}

const refusedAnonymous = (answer: { status?: number; ok?: boolean; code?: string }) =>
  answer.status === 401 || (answer.ok === false && answer.code === 'unauthorized');
const refusedRole = (answer: { status?: number; ok?: boolean; code?: string }) =>
  answer.status === 403 || (answer.ok === false && answer.code === 'forbidden');

beforeAll(async () => {
  await resetDatabase();
  for (const role of ROLES) users[role] = (await createUser({ email: `${role}@enum.test`, role, password: 'long-enough-password' })).id;
  await saveSettings({ webhookSecrets: [TEST_SECRET] }, 'test');
});

describe('every route handler and server action is enumerated from the app’s files', () => {
  test('each one has its guard listed, and every listed one exists', () => {
    expect(ENTRIES.length).toBeGreaterThan(40);
    const found = ENTRIES.map((entry) => entry.key).sort();
    expect(
      found.filter((key) => !(key in GUARDS)),
      'routes or actions with no guard listed in this test',
    ).toEqual([]);
    expect(
      Object.keys(GUARDS).filter((key) => !found.includes(key)),
      'guards listed for routes or actions that no longer exist',
    ).toEqual([]);
  });
});

const withPermission = ENTRIES.filter((entry) => typeof GUARDS[entry.key] === 'string');

describe.each(withPermission.map((entry) => [entry.key, entry] as const))('%s', (_key, entry) => {
  const permission = GUARDS[entry.key] as Permission;

  test('refuses an anonymous caller and writes nothing', async () => {
    const before = await rowCounts();
    expect(refusedAnonymous(await callAs(null, entry))).toBe(true);
    expect(await rowCounts()).toEqual(before);
  });

  test.each(ROLES.map((role) => [role, can(role, permission)] as const))(`as %s (may: %s)`, async (role, may) => {
    const before = await rowCounts();
    const answer = await callAs(role, entry);
    if (may) {
      // The permission listed is the one checked: a role that has it gets past the check (to a refusal of the empty input, or an answer).
      expect(refusedAnonymous(answer) || refusedRole(answer)).toBe(false);
    } else {
      expect(refusedRole(answer)).toBe(true);
      expect(await rowCounts()).toEqual(before);
    }
  });
});

describe('the ones without a session are guarded otherwise', () => {
  const entry = (key: string) => ENTRIES.find((found) => found.key === key)!;

  test.each([null, 'owner'] as const)('the store API wants its API key, signed in or not (%s)', async (role) => {
    const before = await rowCounts();
    for (const key of Object.keys(GUARDS).filter((listed) => (GUARDS[listed] as { apiKey?: true }).apiKey)) {
      signedIn.userId = role ? users[role] : null;
      const response = (await entry(key).call(request(key, key.split('#')[1]!), PARAMS)) as Response;
      expect(response.status, key).toBe(401);
    }
    expect(await rowCounts()).toEqual(before);
  });

  test('the webhook wants a valid signature, signed in or not', async () => {
    signedIn.userId = users.owner;
    const { POST } = (await import('@/app/api/webhook/route')) as { POST: (request: Request) => Promise<Response> };
    expect((await POST(webhookRequest({ body: '[]', secret: null }))).status).toBe(401);
    expect((await POST(webhookRequest({ body: '[]', signature: '0'.repeat(64) }))).status).toBe(401);
  });

  test('health says whether the database answers and nothing else', async () => {
    signedIn.userId = null;
    const response = (await entry('app/api/health/route.ts#GET').call()) as Response;
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test('setup creates no owner once anyone exists: it sends the caller to sign in', async () => {
    signedIn.userId = null;
    const form = new FormData();
    form.set('email', 'intruder@enum.test');
    form.set('password', 'long-enough-password');
    await expect(entry('app/(auth)/setup/actions.ts#createOwnerAction').call({ error: null }, form)).rejects.toMatchObject({
      digest: expect.stringContaining('/login'),
    });
    expect(await db().user.count({ where: { email: 'intruder@enum.test' } })).toBe(0);
  });

  test('choosing a language writes nothing', async () => {
    signedIn.userId = null;
    const before = await rowCounts();
    await entry('app/actions.ts#setLocaleAction').call('en');
    expect(await rowCounts()).toEqual(before);
  });
});
