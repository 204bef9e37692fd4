import { describe, expect, test } from 'vitest';
import { cameOverHttps, newNonce, pageContentSecurityPolicy } from '@/lib/security-headers';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));

describe('pageContentSecurityPolicy', () => {
  test('scripts and style elements need the nonce; nothing frames, embeds or rebases the page', () => {
    const policy = directives(pageContentSecurityPolicy('abc123=='));
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
    expect(policy.get('style-src')).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
  });
});

describe('newNonce', () => {
  test('is 16 random bytes in base64, new every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});

describe('cameOverHttps', () => {
  test.each([
    { forwardedProto: 'https', expected: true },
    { forwardedProto: 'HTTPS', expected: true },
    { forwardedProto: 'http, https', expected: true },
    { forwardedProto: 'https, http', expected: false },
    { forwardedProto: 'http', expected: false },
    { forwardedProto: '', expected: false },
    { forwardedProto: null, expected: false },
  ])('X-Forwarded-Proto $forwardedProto: $expected', ({ forwardedProto, expected }) => {
    expect(cameOverHttps(forwardedProto)).toBe(expected);
  });
});
