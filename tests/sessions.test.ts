import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { NextRequest } from 'next/server';
import { encode } from 'next-auth/jwt';
import { createUser, endSessions, findSignedInUser, setPassword, updateUser, type SafeUser } from '@/lib/auth/users';
import { db } from '@/lib/db';
import { resetDatabase } from '@/tests/support/database';

const SECRET = 'sessions-test-secret-0123456789abcdef';
const COOKIE = 'authjs.session-token';
let handlers: typeof import('@/lib/next/auth').handlers;

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  ({ handlers } = await import('@/lib/next/auth'));
});

let user: SafeUser;
beforeEach(async () => {
  await resetDatabase();
  await createUser({ email: 'owner@toko.test', role: 'owner', password: 'the-owners-password' });
  user = await createUser({ email: 'finance@toko.test', role: 'finance', password: 'the-right-password' });
});

/** A session cookie as sign-in issues it, for the version the user has now. */
async function sessionCookie(): Promise<string> {
  const { sessionVersion } = await db().user.findUniqueOrThrow({ where: { id: user.id } });
  const token = await encode({ token: { uid: user.id, sv: sessionVersion, email: user.email }, secret: SECRET, salt: COOKIE });
  return `${COOKIE}=${token}`;
}

const sessionEndpoint = (cookie: string) => handlers.GET(new NextRequest('http://localhost:3000/api/auth/session', { headers: { cookie } }));

async function csrf(): Promise<{ token: string; cookie: string }> {
  const response = await handlers.GET(new NextRequest('http://localhost:3000/api/auth/csrf'));
  const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]!);
  return { token: ((await response.json()) as { csrfToken: string }).csrfToken, cookie: cookie.join('; ') };
}

const sessionSetCookie = (response: Response) => response.headers.getSetCookie().find((line) => line.startsWith(`${COOKIE}=`));

const version = async () => (await db().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;

describe('sessions end everywhere at once', () => {
  test.each([
    { label: 'signing out (on any device)', end: () => endSessions(user.id) },
    { label: 'being disabled', end: () => updateUser(user.id, { disabled: true }) },
    { label: 'a role change', end: () => updateUser(user.id, { role: 'viewer' }) },
    { label: 'a new password', end: () => setPassword(user.id, 'a-brand-new-password') },
  ])('after $label the old session has no user', async ({ end }) => {
    const before = await version();
    expect(await findSignedInUser(user.id, before)).toMatchObject({ id: user.id });
    await end();
    expect(await findSignedInUser(user.id, before)).toBeNull();
  });

  test('a change that takes nothing away keeps the sessions', async () => {
    const before = await version();
    await updateUser(user.id, { role: 'finance', disabled: false });
    expect(await findSignedInUser(user.id, before)).toMatchObject({ id: user.id });
  });

  test('the session endpoint renews a current session, and refuses and clears a revoked one', async () => {
    const cookie = await sessionCookie();
    const current = await sessionEndpoint(cookie);
    expect(await current.json()).toMatchObject({ user: { id: user.id }, sessionVersion: 1 });
    expect(sessionSetCookie(current)).toMatch(new RegExp(`^${COOKIE}=[^;]+;`));

    await endSessions(user.id);
    const revoked = await sessionEndpoint(cookie);
    expect(await revoked.json()).toBeNull();
    expect(sessionSetCookie(revoked)).toMatch(new RegExp(`^${COOKIE}=;`));
  });

  test('signing out through Auth.js raises the version, so the same cookie kept elsewhere stops working', async () => {
    const cookie = await sessionCookie();
    const { token, cookie: csrfCookie } = await csrf();
    const response = await handlers.POST(
      new NextRequest('http://localhost:3000/api/auth/signout', {
        method: 'POST',
        headers: { cookie: `${cookie}; ${csrfCookie}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrfToken: token }),
      }),
    );
    expect(response.status).toBe(302);
    expect(await version()).toBe(2);
    expect(await (await sessionEndpoint(cookie)).json()).toBeNull();
  });

  test('a revoked cookie signing out does not end the sessions that came after it', async () => {
    const old = await sessionCookie();
    await endSessions(user.id);
    const { token, cookie: csrfCookie } = await csrf();
    await handlers.POST(
      new NextRequest('http://localhost:3000/api/auth/signout', {
        method: 'POST',
        headers: { cookie: `${old}; ${csrfCookie}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrfToken: token }),
      }),
    );
    expect(await version()).toBe(2);
  });
});
