import { describe, expect, test } from 'vitest';
import { createRateLimit } from '@/lib/http/rate-limit';

describe('createRateLimit', () => {
  test('allows the limit per window and key, then says when to come back; a new window starts afresh', () => {
    let clock = 1_000_000;
    const limit = createRateLimit({ limit: 3, windowMs: 60_000, now: () => clock });
    expect([1, 2, 3].map(() => limit('10.0.0.1').allowed)).toEqual([true, true, true]);
    expect(limit('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(limit('10.0.0.2')).toEqual({ allowed: true });
    clock += 45_000;
    expect(limit('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 15 });
    clock += 15_000;
    expect(limit('10.0.0.1')).toEqual({ allowed: true });
  });
});
