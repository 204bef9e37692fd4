import { describe, expect, test } from 'vitest';
import { DomainError, errorMessage, isErrorCode } from '@/lib/errors';

describe('errorMessage', () => {
  test.each([
    ['an Error', new Error('disk full'), 'disk full'],
    ['a DomainError', new DomainError('conflict', 'orderCancelled', { reference: 'INV-1' }), 'Order INV-1 is cancelled.'],
    ['a string', 'timeout', 'timeout'],
    ['an object', { code: 'E1' }, '{"code":"E1"}'],
    ['undefined', undefined, 'undefined'],
    ['a bigint, which JSON cannot write', 12n, '12'],
  ])('%s', (_label, thrown, expected) => {
    expect(errorMessage(thrown)).toBe(expected);
  });
});

describe('isErrorCode', () => {
  test.each([
    ['a known code', 'syncFailed', true],
    ['an unknown code', 'noSuchCode', false],
    ['a property every object has', 'toString', false],
    ['none', null, false],
  ])('%s', (_label, code, expected) => {
    expect(isErrorCode(code)).toBe(expected);
  });
});
