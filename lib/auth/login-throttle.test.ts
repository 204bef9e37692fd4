import { describe, expect, test } from 'vitest';
import {
  backoffMs,
  decideAttempt,
  FIRST_BACKOFF_MS,
  FREE_FAILURES_PER_EMAIL,
  LOGIN_WINDOW_MS,
  MAX_BACKOFF_MS,
  MAX_FAILURES_PER_ADDRESS,
} from '@/lib/auth/login-throttle';

const now = new Date('2026-12-03T10:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const none = { byAddress: 0, byEmail: 0, lastEmailFailureAt: null, oldestAddressFailureAt: null };

describe('backoffMs', () => {
  test.each([
    { failures: 0, expected: 0 },
    { failures: FREE_FAILURES_PER_EMAIL - 1, expected: 0 },
    { failures: FREE_FAILURES_PER_EMAIL, expected: FIRST_BACKOFF_MS },
    { failures: FREE_FAILURES_PER_EMAIL + 1, expected: 2 * FIRST_BACKOFF_MS },
    { failures: FREE_FAILURES_PER_EMAIL + 3, expected: 8 * FIRST_BACKOFF_MS },
    { failures: FREE_FAILURES_PER_EMAIL + 10, expected: MAX_BACKOFF_MS },
    { failures: 10_000, expected: MAX_BACKOFF_MS },
  ])('$failures failures wait $expected ms', ({ failures, expected }) => {
    expect(backoffMs(failures)).toBe(expected);
  });
});

describe('decideAttempt', () => {
  test.each([
    { label: 'no failures', failures: none, retryAt: null },
    { label: 'a few failures for the email', failures: { ...none, byEmail: 4, lastEmailFailureAt: ago(1000) }, retryAt: null },
    {
      label: 'the fifth failure a moment ago',
      failures: { ...none, byEmail: 5, lastEmailFailureAt: ago(1000) },
      retryAt: new Date(now.getTime() - 1000 + FIRST_BACKOFF_MS),
    },
    {
      label: 'the fifth failure longer ago than its backoff',
      failures: { ...none, byEmail: 5, lastEmailFailureAt: ago(FIRST_BACKOFF_MS) },
      retryAt: null,
    },
    {
      label: 'the sixth failure waits twice as long',
      failures: { ...none, byEmail: 6, lastEmailFailureAt: ago(FIRST_BACKOFF_MS) },
      retryAt: new Date(now.getTime() + FIRST_BACKOFF_MS),
    },
    {
      label: 'an address at its limit',
      failures: { ...none, byAddress: MAX_FAILURES_PER_ADDRESS, oldestAddressFailureAt: ago(60_000) },
      retryAt: new Date(now.getTime() - 60_000 + LOGIN_WINDOW_MS),
    },
    {
      label: 'an address just below its limit',
      failures: { ...none, byAddress: MAX_FAILURES_PER_ADDRESS - 1, oldestAddressFailureAt: ago(60_000) },
      retryAt: null,
    },
    {
      label: 'both: the later wait wins',
      failures: { byAddress: MAX_FAILURES_PER_ADDRESS, oldestAddressFailureAt: ago(LOGIN_WINDOW_MS - 1000), byEmail: 5, lastEmailFailureAt: ago(0) },
      retryAt: new Date(now.getTime() + FIRST_BACKOFF_MS),
    },
  ])('$label', ({ failures, retryAt }) => {
    expect(decideAttempt(failures, now)).toEqual(retryAt ? { allowed: false, retryAt } : { allowed: true });
  });
});
