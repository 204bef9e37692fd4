import { describe, expect, test } from 'vitest';
import { safeNextPath } from '@/lib/auth/safe-next';

describe('safeNextPath', () => {
  test.each([
    { label: 'a page', next: '/mutations', expected: '/mutations' },
    { label: 'a page with its filters', next: '/orders?status=pending&q=a%20b#top', expected: '/orders?status=pending&q=a%20b#top' },
    { label: 'the home page', next: '/', expected: '/' },
    { label: 'dot segments that stay here', next: '/orders/../mutations', expected: '/mutations' },
    { label: 'an encoded tab kept as text in the path', next: '/%09/evil.com', expected: '/%09/evil.com' },
    { label: 'an encoded slash kept as text', next: '/%2F%2Fevil.com', expected: '/%2F%2Fevil.com' },
    { label: 'an encoded backslash kept as text', next: '/%5C%5Cevil.com', expected: '/%5C%5Cevil.com' },
  ])('keeps $label', ({ next, expected }) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  test.each([
    { label: 'a protocol-relative address', next: '//evil.com' },
    { label: 'a protocol-relative address without a dot', next: '//evil' },
    { label: 'a backslash start', next: '\\\\evil.com' },
    { label: 'a slash then a backslash', next: '/\\evil.com' },
    { label: 'a backslash then a slash', next: '\\/evil.com' },
    { label: 'a tab after the first slash', next: '/\t/evil.com' },
    { label: 'a newline after the first slash', next: '/\n/evil.com' },
    { label: 'a carriage return and line feed after the first slash', next: '/\r\n/evil.com' },
    { label: 'a tab between backslashes', next: '/\\\t\\evil.com' },
    { label: 'a leading space', next: ' //evil.com' },
    { label: 'dot segments that become a protocol-relative path', next: '/.//evil.com' },
    { label: 'parent segments that become a protocol-relative path', next: '/..//evil.com' },
    { label: 'an absolute address elsewhere', next: 'https://evil.com/' },
    { label: 'a javascript: address', next: 'javascript:alert(1)' },
    { label: 'a relative path', next: 'mutations' },
    { label: 'an empty value', next: '' },
    { label: 'no value', next: null },
    { label: 'a file from a form', next: { name: 'next.txt' } },
  ])('sends $label home instead', ({ next }) => {
    expect(safeNextPath(next)).toBe('/');
  });
});
