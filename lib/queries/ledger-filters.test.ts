import { describe, expect, test } from 'vitest';
import { jakartaDayRange } from '@/lib/queries/ledger-filters';

describe('jakartaDayRange', () => {
  test.each([
    ['a single day runs midnight to midnight Jakarta time', '2026-11-28', '2026-11-28', { gte: new Date('2026-11-27T17:00:00Z'), lt: new Date('2026-11-28T17:00:00Z') }],
    ['only a start', '2026-11-01', undefined, { gte: new Date('2026-10-31T17:00:00Z') }],
    ['only an end', undefined, '2026-11-30', { lt: new Date('2026-11-30T17:00:00Z') }],
    ['neither', undefined, undefined, {}],
  ])('%s', (_label, from, to, expected) => {
    expect(jakartaDayRange(from, to)).toEqual(expected);
  });
});
