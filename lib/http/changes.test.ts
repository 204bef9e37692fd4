import { describe, expect, test } from 'vitest';
import { entityTag, namesTag } from '@/lib/http/changes';

describe('entityTag', () => {
  test('is weak and the same for the same count and context', () => {
    expect(entityTag(7n, ['overview', '2026-11-28'])).toMatch(/^W\/"[\w-]{27}"$/);
    expect(entityTag(7n, ['overview', '2026-11-28'])).toBe(entityTag(7n, ['overview', '2026-11-28']));
  });

  test.each([
    ['another change count', entityTag(8n, ['overview', '2026-11-28'])],
    ['another Jakarta day', entityTag(7n, ['overview', '2026-11-29'])],
    ['another read', entityTag(7n, ['unmatched', '2026-11-28'])],
    ['parts that only join to the same text', entityTag(7n, ['overview2026', '-11-28'])],
  ])('changes with %s', (_, other) => {
    expect(other).not.toBe(entityTag(7n, ['overview', '2026-11-28']));
  });
});

describe('namesTag', () => {
  const tag = 'W/"abc"';
  test.each<[string, string | null, boolean]>([
    ['no header', null, false],
    ['the same weak tag', 'W/"abc"', true],
    ['the same tag sent strong', '"abc"', true],
    ['one of a list', '"x", W/"abc" , "y"', true],
    ['any representation', '*', true],
    ['another tag', 'W/"abd"', false],
    ['an empty header', '', false],
  ])('%s', (_, header, expected) => {
    expect(namesTag(header, tag)).toBe(expected);
  });
});
