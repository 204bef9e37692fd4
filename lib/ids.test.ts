import { describe, expect, test } from 'vitest';
import { uuidv7 } from '@/lib/ids';

describe('uuidv7', () => {
  test('is a version 7, variant 1 UUID', () => {
    expect(uuidv7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test.each([
    ['the Unix epoch', 0, '00000000-0000'],
    [
      'a moment in 2026',
      Date.UTC(2026, 10, 28, 10, 0, 0),
      Date.UTC(2026, 10, 28, 10, 0, 0)
        .toString(16)
        .padStart(12, '0')
        .replace(/^(.{8})/, '$1-'),
    ],
  ])('starts with the milliseconds of %s', (_label, ms, prefix) => {
    expect(uuidv7(ms).startsWith(prefix)).toBe(true);
  });

  test('later ids sort after earlier ones', () => {
    const ids = [1_000, 2_000, 3_000].map((ms) => uuidv7(ms));
    expect([...ids].sort()).toEqual(ids);
  });

  test('two ids of the same millisecond differ', () => {
    expect(uuidv7(5)).not.toBe(uuidv7(5));
  });
});
