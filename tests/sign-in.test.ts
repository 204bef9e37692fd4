import { beforeEach, describe, expect, test, vi } from 'vitest';
import { FIRST_BACKOFF_MS, FREE_FAILURES_PER_EMAIL, MAX_FAILURES_PER_ADDRESS } from '@/lib/auth/login-throttle';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '@/lib/auth/password';
import { signInWithPassword, type SignInOutcome } from '@/lib/auth/sign-in';
import { createUser, updateUser } from '@/lib/auth/users';
import { db } from '@/lib/db';
import { resetDatabase } from '@/tests/support/database';

const PASSWORD = 'the-right-password';
const EMAIL = 'finance@toko.test';
const HOME = '203.0.113.10';

let clock: Date;
const now = () => clock;
const at = (ms: number) => new Date(Date.parse('2026-12-03T03:00:00Z') + ms);
const verify = vi.fn(verifyPassword);
const attempt = (password: string, address: string, email = EMAIL): Promise<SignInOutcome> =>
  signInWithPassword({ email, password, address }, { verify, now });

beforeEach(async () => {
  await resetDatabase();
  clock = at(0);
  verify.mockClear();
  await createUser({ email: EMAIL, role: 'finance', password: PASSWORD });
});

describe('signing in with a password', () => {
  test('the right password signs in, records the time and remembers the address', async () => {
    const outcome = await attempt(PASSWORD, HOME, '  Finance@Toko.test ');
    expect(outcome).toMatchObject({ kind: 'signed-in', user: { email: EMAIL, sessionVersion: 1 } });
    expect((await db().user.findUniqueOrThrow({ where: { email: EMAIL } })).lastLoginAt).toEqual(clock);
    expect(await db().signInAddress.findMany()).toEqual([{ email: EMAIL, address: HOME, lastSignedInAt: clock }]);
    expect(await db().loginAttempt.count()).toBe(0);
  });

  test('15 parallel wrong guesses from one address: only the free ones reach a password check', async () => {
    const outcomes = await Promise.all(Array.from({ length: 15 }, (_, n) => attempt(`guess-${n}`, '198.51.100.1')));
    expect(verify).toHaveBeenCalledTimes(FREE_FAILURES_PER_EMAIL);
    expect(outcomes.filter((o) => o.kind === 'wrong')).toHaveLength(FREE_FAILURES_PER_EMAIL);
    expect(outcomes.filter((o) => o.kind === 'throttled')).toHaveLength(15 - FREE_FAILURES_PER_EMAIL);
  });

  test('15 parallel wrong guesses from 15 addresses: the email is still guessed at most the free number of times', async () => {
    await Promise.all(Array.from({ length: 15 }, (_, n) => attempt(`guess-${n}`, `198.51.100.${n + 1}`)));
    expect(verify).toHaveBeenCalledTimes(FREE_FAILURES_PER_EMAIL);
  });

  test('an unknown email and a disabled account each check the dummy hash once', async () => {
    expect(await attempt(PASSWORD, HOME, 'nobody@toko.test')).toEqual({ kind: 'wrong' });
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify).toHaveBeenLastCalledWith(DUMMY_PASSWORD_HASH, PASSWORD);

    const owner = await createUser({ email: 'owner@toko.test', role: 'owner', password: PASSWORD });
    const user = await db().user.findUniqueOrThrow({ where: { email: EMAIL } });
    expect(owner.role).toBe('owner');
    await updateUser(user.id, { disabled: true });
    expect(await attempt(PASSWORD, HOME)).toEqual({ kind: 'wrong' });
    expect(verify).toHaveBeenCalledTimes(2);
    expect(verify).toHaveBeenLastCalledWith(DUMMY_PASSWORD_HASH, PASSWORD);
  });

  test('repeated failures slow the email down, they do not lock it: the right password works once the wait is over', async () => {
    for (let n = 0; n < FREE_FAILURES_PER_EMAIL; n++) expect(await attempt(`guess-${n}`, '198.51.100.1')).toEqual({ kind: 'wrong' });
    clock = at(1000);
    expect(await attempt(PASSWORD, HOME)).toEqual({ kind: 'throttled', retryAt: at(FIRST_BACKOFF_MS) });
    clock = at(FIRST_BACKOFF_MS);
    expect(await attempt('guess-again', '198.51.100.1')).toEqual({ kind: 'wrong' });
    clock = at(FIRST_BACKOFF_MS + 1000);
    expect(await attempt(PASSWORD, HOME)).toEqual({ kind: 'throttled', retryAt: at(3 * FIRST_BACKOFF_MS) });
    clock = at(3 * FIRST_BACKOFF_MS);
    expect(await attempt(PASSWORD, HOME)).toMatchObject({ kind: 'signed-in' });
  });

  test("strangers' failures do not slow down an address the email signed in from before", async () => {
    expect(await attempt(PASSWORD, HOME)).toMatchObject({ kind: 'signed-in' });
    clock = at(60_000);
    await Promise.all(Array.from({ length: 12 }, (_, n) => attempt(`guess-${n}`, `198.51.100.${n + 1}`)));
    expect(await attempt(PASSWORD, '198.51.100.99')).toMatchObject({ kind: 'throttled' });
    expect(await attempt(PASSWORD, HOME)).toMatchObject({ kind: 'signed-in' });

    // From the known address its own failures still count.
    for (let n = 0; n < FREE_FAILURES_PER_EMAIL; n++) expect(await attempt(`typo-${n}`, HOME)).toEqual({ kind: 'wrong' });
    expect(await attempt(PASSWORD, HOME)).toMatchObject({ kind: 'throttled' });
  });

  test('an address that failed too often for many emails waits, other addresses do not', async () => {
    const guesser = '198.51.100.7';
    for (let n = 0; n < MAX_FAILURES_PER_ADDRESS; n++) await attempt('guess', guesser, `someone-${n}@toko.test`);
    verify.mockClear();
    expect(await attempt(PASSWORD, guesser)).toMatchObject({ kind: 'throttled' });
    expect(verify).not.toHaveBeenCalled();
    expect(await attempt(PASSWORD, HOME)).toMatchObject({ kind: 'signed-in' });
  });

  test('an empty email or password is wrong without counting or checking anything', async () => {
    expect(await attempt('', HOME)).toEqual({ kind: 'wrong' });
    expect(await attempt(PASSWORD, HOME, '  ')).toEqual({ kind: 'wrong' });
    expect(verify).not.toHaveBeenCalled();
    expect(await db().loginAttempt.count()).toBe(0);
  });
});
