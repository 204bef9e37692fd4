import { describe, expect, test } from 'vitest';
import { isAddressAllowed, MOOTA_SENDER_ADDRESSES, normaliseAddress, parseAllowlist, resolveClientAddress } from './client-address';

describe('normaliseAddress', () => {
  test.each([
    { label: 'plain IPv4', input: '103.236.201.178', expected: '103.236.201.178' },
    { label: 'IPv4-mapped IPv6', input: '::ffff:103.236.201.178', expected: '103.236.201.178' },
    { label: 'IPv4-mapped IPv6, upper case', input: '::FFFF:103.236.201.178', expected: '103.236.201.178' },
    { label: 'IPv4-mapped IPv6 in hex', input: '::ffff:67ec:c9b2', expected: '103.236.201.178' },
    { label: 'IPv4 with port', input: '103.236.201.178:51234', expected: '103.236.201.178' },
    { label: 'bracketed IPv6', input: '[2001:db8::1]', expected: '2001:db8::1' },
    { label: 'bracketed IPv6 with port', input: '[2001:db8::1]:443', expected: '2001:db8::1' },
    { label: 'bracketed mapped IPv4 with port', input: '[::ffff:10.0.0.7]:443', expected: '10.0.0.7' },
    { label: 'IPv6 zone', input: 'fe80::1%eth0', expected: 'fe80::1' },
    { label: 'IPv6 upper case', input: '2001:DB8::A', expected: '2001:db8::a' },
    { label: 'bare IPv6 keeps what looks like a port', input: '2001:db8::1:443', expected: '2001:db8::1:443' },
    { label: 'loopback IPv6', input: '::1', expected: '::1' },
    { label: 'surrounding whitespace', input: '  10.0.0.1 ', expected: '10.0.0.1' },
    { label: 'not an address', input: 'unknown', expected: 'unknown' },
  ])('$label: $input', ({ input, expected }) => {
    expect(normaliseAddress(input)).toBe(expected);
  });
});

describe('resolveClientAddress', () => {
  test.each([
    {
      label: 'no proxy: the socket, whatever the header says',
      socketAddress: '103.236.201.178',
      forwardedFor: '10.9.9.9',
      trustedProxyHops: 0,
      expected: '103.236.201.178',
    },
    {
      label: 'no proxy, spoofed header claiming to be Moota',
      socketAddress: '198.51.100.66',
      forwardedFor: '103.236.201.178',
      trustedProxyHops: 0,
      expected: '198.51.100.66',
    },
    {
      label: 'no proxy, mapped socket address',
      socketAddress: '::ffff:103.236.201.178',
      forwardedFor: null,
      trustedProxyHops: 0,
      expected: '103.236.201.178',
    },
    {
      label: 'one proxy: the entry the proxy appended',
      socketAddress: '127.0.0.1',
      forwardedFor: '103.236.201.178',
      trustedProxyHops: 1,
      expected: '103.236.201.178',
    },
    {
      label: 'one proxy, spoofed entry prepended by the caller',
      socketAddress: '127.0.0.1',
      forwardedFor: '103.236.201.178, 198.51.100.66',
      trustedProxyHops: 1,
      expected: '198.51.100.66',
    },
    {
      label: 'two proxies (CDN then nginx), spoofed entries ignored',
      socketAddress: '10.0.0.2',
      forwardedFor: '103.28.52.182,103.236.201.178 , 198.51.100.66,172.16.0.9',
      trustedProxyHops: 2,
      expected: '198.51.100.66',
    },
    {
      label: 'one proxy, header absent: chain is only the socket',
      socketAddress: '::ffff:127.0.0.1',
      forwardedFor: null,
      trustedProxyHops: 1,
      expected: '127.0.0.1',
    },
    {
      label: 'more hops than entries: the left-most entry',
      socketAddress: '10.0.0.2',
      forwardedFor: '198.51.100.66',
      trustedProxyHops: 5,
      expected: '198.51.100.66',
    },
    {
      label: 'empty entries are skipped',
      socketAddress: '10.0.0.2',
      forwardedFor: ' , 198.51.100.66, ,',
      trustedProxyHops: 1,
      expected: '198.51.100.66',
    },
    {
      label: 'forwarded entry with port and brackets',
      socketAddress: '10.0.0.2',
      forwardedFor: '[2001:db8::7]:4711',
      trustedProxyHops: 1,
      expected: '2001:db8::7',
    },
  ])('$label', ({ expected, ...input }) => {
    expect(resolveClientAddress(input)).toBe(expected);
  });

  test.each([
    { label: 'negative', trustedProxyHops: -1 },
    { label: 'fractional', trustedProxyHops: 1.5 },
    { label: 'NaN', trustedProxyHops: Number.NaN },
  ])('rejects $label hop count', ({ trustedProxyHops }) => {
    expect(() => resolveClientAddress({ socketAddress: '10.0.0.1', forwardedFor: null, trustedProxyHops })).toThrow('trustedProxyHops');
  });
});

describe('parseAllowlist', () => {
  test.each([
    { label: 'star', text: '*', expected: { kind: 'any' } },
    { label: 'star with spaces', text: ' * ', expected: { kind: 'any' } },
    { label: 'empty allows nobody', text: '', expected: { kind: 'list', entries: [] } },
    {
      label: 'Moota defaults',
      text: MOOTA_SENDER_ADDRESSES.join(','),
      expected: {
        kind: 'list',
        entries: [
          { address: '103.236.201.178', family: 'ipv4', prefix: 32 },
          { address: '103.28.52.182', family: 'ipv4', prefix: 32 },
        ],
      },
    },
    {
      label: 'mixed addresses and ranges with spaces',
      text: ' 10.0.0.0/8 , 2001:DB8::/32,::1,, ::ffff:192.0.2.1 ',
      expected: {
        kind: 'list',
        entries: [
          { address: '10.0.0.0', family: 'ipv4', prefix: 8 },
          { address: '2001:db8::', family: 'ipv6', prefix: 32 },
          { address: '::1', family: 'ipv6', prefix: 128 },
          { address: '192.0.2.1', family: 'ipv4', prefix: 32 },
        ],
      },
    },
    {
      label: 'zero-length prefix',
      text: '0.0.0.0/0',
      expected: { kind: 'list', entries: [{ address: '0.0.0.0', family: 'ipv4', prefix: 0 }] },
    },
  ])('$label', ({ text, expected }) => {
    expect(parseAllowlist(text)).toEqual(expected);
  });

  test.each([
    { label: 'hostname', text: '103.236.201.178,moota.co', message: '"moota.co" is not an IPv4 or IPv6 address' },
    { label: 'out-of-range octet', text: '103.236.201.278', message: '"103.236.201.278"' },
    { label: 'IPv4 prefix too long', text: '10.0.0.0/33', message: '"10.0.0.0/33" has an invalid prefix length' },
    { label: 'IPv6 prefix too long', text: '2001:db8::/129', message: 'from 0 to 128' },
    { label: 'negative prefix', text: '10.0.0.0/-1', message: '"10.0.0.0/-1"' },
    { label: 'empty prefix', text: '10.0.0.0/', message: '"10.0.0.0/"' },
    { label: 'two slashes', text: '10.0.0.0/8/8', message: '"10.0.0.0/8/8"' },
    { label: 'with port', text: '103.236.201.178:443', message: '"103.236.201.178:443"' },
    { label: 'bracketed with port', text: '[::1]:443', message: '"[::1]:443"' },
    { label: 'wildcard octet', text: '103.236.201.*', message: '"103.236.201.*"' },
    { label: 'star among addresses', text: '*,10.0.0.1', message: 'cannot be combined' },
  ])('rejects $label', ({ text, message }) => {
    expect(() => parseAllowlist(text)).toThrow(message);
  });
});

describe('isAddressAllowed', () => {
  const moota = parseAllowlist(MOOTA_SENDER_ADDRESSES.join(','));
  const ranges = parseAllowlist('10.0.0.0/8, 2001:db8::/32');

  test.each([
    { label: 'Moota primary', address: '103.236.201.178', allowlist: moota, expected: true },
    { label: 'Moota secondary', address: '103.28.52.182', allowlist: moota, expected: true },
    { label: 'Moota as IPv4-mapped IPv6', address: '::ffff:103.236.201.178', allowlist: moota, expected: true },
    { label: 'neighbour of Moota', address: '103.236.201.179', allowlist: moota, expected: false },
    { label: 'stranger', address: '198.51.100.66', allowlist: moota, expected: false },
    { label: 'IPv4 inside range', address: '10.200.3.4', allowlist: ranges, expected: true },
    { label: 'IPv4 outside range', address: '11.0.0.1', allowlist: ranges, expected: false },
    { label: 'IPv6 inside range', address: '2001:db8:ffff::1', allowlist: ranges, expected: true },
    { label: 'IPv6 outside range', address: '2001:db9::1', allowlist: ranges, expected: false },
    { label: 'not an address', address: 'unknown', allowlist: ranges, expected: false },
    { label: 'empty address', address: '', allowlist: ranges, expected: false },
    { label: 'any allows anything', address: '198.51.100.66', allowlist: parseAllowlist('*'), expected: true },
    { label: 'empty list allows nobody', address: '103.236.201.178', allowlist: parseAllowlist(''), expected: false },
  ])('$label: $address', ({ address, allowlist, expected }) => {
    expect(isAddressAllowed(address, allowlist)).toBe(expected);
  });

  test('a spoofed X-Forwarded-For does not get a stranger through', () => {
    const client = resolveClientAddress({
      socketAddress: '127.0.0.1',
      forwardedFor: '103.236.201.178, 198.51.100.66',
      trustedProxyHops: 1,
    });
    expect(isAddressAllowed(client, moota)).toBe(false);
  });
});
