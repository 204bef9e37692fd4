import { describe, expect, test } from 'vitest';
import { signInAddress } from '@/lib/auth/sign-in';
import { PEER_ADDRESS_HEADER } from '@/lib/intake/delivery-call';

describe('signInAddress', () => {
  test.each([
    { label: 'no proxy: the socket, whatever X-Forwarded-For claims', hops: 0, peer: '198.51.100.4', forwarded: '1.2.3.4', expected: '198.51.100.4' },
    { label: 'behind one proxy: the address that proxy saw', hops: 1, peer: '10.0.0.2', forwarded: '203.0.113.9', expected: '203.0.113.9' },
    {
      label: 'behind one proxy: what the caller wrote before it is ignored',
      hops: 1,
      peer: '10.0.0.2',
      forwarded: '1.2.3.4, 203.0.113.9',
      expected: '203.0.113.9',
    },
    { label: 'behind one proxy: another caller is another address', hops: 1, peer: '10.0.0.2', forwarded: '203.0.113.77', expected: '203.0.113.77' },
    { label: 'a mapped IPv4 socket address', hops: 0, peer: '::ffff:198.51.100.4', forwarded: null, expected: '198.51.100.4' },
  ])('$label', ({ hops, peer, forwarded, expected }) => {
    const headers = new Headers({ [PEER_ADDRESS_HEADER]: peer, ...(forwarded ? { 'x-forwarded-for': forwarded } : {}) });
    expect(signInAddress(headers, hops)).toBe(expected);
  });

  test('without the peer header (not started through npm start) every caller is one "unknown" address', () => {
    expect(signInAddress(new Headers(), 0)).toBe('unknown');
  });
});
