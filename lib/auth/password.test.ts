import { describe, expect, test } from 'vitest';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from '@/lib/auth/password';
import { passwordProblem } from '@/lib/auth/password-rules';

describe('passwords', () => {
  test('a hash is argon2id, salted, and verifies only the right password', async () => {
    const first = await hashPassword('cocok-finance');
    const second = await hashPassword('cocok-finance');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword(first, 'cocok-finance')).toBe(true);
    expect(await verifyPassword(first, 'cocok-financE')).toBe(false);
  });

  test('the dummy hash costs what a real one costs, and verifies nothing a visitor would type', async () => {
    const real = await hashPassword('cocok-finance');
    expect(DUMMY_PASSWORD_HASH.slice(0, DUMMY_PASSWORD_HASH.lastIndexOf('$', DUMMY_PASSWORD_HASH.lastIndexOf('$') - 1))).toBe(
      real.slice(0, real.lastIndexOf('$', real.lastIndexOf('$') - 1)),
    );
    expect(await verifyPassword(DUMMY_PASSWORD_HASH, '')).toBe(false);
    expect(await verifyPassword(DUMMY_PASSWORD_HASH, 'cocok-finance')).toBe(false);
  });

  test('a malformed hash never verifies', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });

  test.each([
    ['too short', 'short', /at least 10/],
    ['long enough', 'long-enough-1', null],
    ['too long', 'x'.repeat(201), /at most 200/],
  ])('%s', (_label, password, problem) => {
    const found = passwordProblem(password);
    if (problem === null) expect(found).toBeNull();
    else expect(found?.message).toMatch(problem);
  });
});
