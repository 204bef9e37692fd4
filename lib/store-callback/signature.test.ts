import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { signCallback, verifyCallback } from './signature';

const SECRET = 'store-callback-secret-1';
const NOW = 1_800_000_000;
const body = JSON.stringify({ id: '0197', event: 'order.paid', order: { reference: 'INV-1', paid_amount: 150123 } });
const header = signCallback(body, SECRET, NOW);
const hex = header.slice(header.indexOf('v1=') + 3);

describe('signCallback', () => {
  test('is the HMAC-SHA256 of "<timestamp>.<body>" after the timestamp', () => {
    const expected = createHmac('sha256', SECRET).update(`${NOW}.${body}`).digest('hex');
    expect(header).toBe(`t=${NOW},v1=${expected}`);
  });

  test('signs the timestamp with the body', () => {
    expect(signCallback(body, SECRET, NOW + 1).split('v1=')[1]).not.toBe(hex);
  });

  test.each([
    { label: 'milliseconds as a fraction', timestamp: NOW + 0.5 },
    { label: 'negative', timestamp: -1 },
    { label: 'NaN', timestamp: Number.NaN },
  ])('refuses a timestamp that is not unix seconds: $label', ({ timestamp }) => {
    expect(() => signCallback(body, SECRET, timestamp)).toThrow(RangeError);
  });
});

describe('verifyCallback', () => {
  test.each([
    { label: 'signed just now', now: NOW, expected: true },
    { label: '300 s later, at the edge of the tolerance', now: NOW + 300, expected: true },
    { label: '301 s later', now: NOW + 301, expected: false },
    { label: '300 s earlier (sender clock ahead)', now: NOW - 300, expected: true },
    { label: '301 s earlier', now: NOW - 301, expected: false },
  ])('timestamp: $label', ({ now, expected }) => {
    expect(verifyCallback(body, header, SECRET, now)).toBe(expected);
  });

  test('a custom tolerance applies', () => {
    expect(verifyCallback(body, header, SECRET, NOW + 30, 10)).toBe(false);
    expect(verifyCallback(body, header, SECRET, NOW + 30, 60)).toBe(true);
  });

  test.each([
    { label: 'body with one character changed', body: body.replace('150123', '150124'), secret: SECRET },
    { label: 'body re-serialised with spaces', body: JSON.stringify(JSON.parse(body), null, 1), secret: SECRET },
    { label: 'wrong secret', body, secret: 'another-secret-of-16' },
    { label: 'empty secret', body, secret: '' },
  ])('rejects $label', ({ body, secret }) => {
    expect(verifyCallback(body, header, secret, NOW)).toBe(false);
  });

  test('an empty secret does not validate a body signed with an empty key', () => {
    expect(verifyCallback(body, signCallback(body, '', NOW), '', NOW)).toBe(false);
  });

  test.each([
    { label: 'the header as signed', value: header, expected: true },
    { label: 'surrounding whitespace', value: ` ${header}\n`, expected: true },
    { label: 'null', value: null, expected: false },
    { label: 'undefined', value: undefined, expected: false },
    { label: 'empty', value: '', expected: false },
    { label: 'signature only', value: hex, expected: false },
    { label: 'no timestamp', value: `v1=${hex}`, expected: false },
    { label: 'parts swapped', value: `v1=${hex},t=${NOW}`, expected: false },
    { label: 'timestamp in milliseconds', value: `t=${NOW}000,v1=${hex}`, expected: false },
    { label: 'fractional timestamp', value: `t=${NOW}.0,v1=${hex}`, expected: false },
    { label: 'another timestamp with the same signature', value: `t=${NOW + 1},v1=${hex}`, expected: false },
    { label: 'unknown scheme', value: `t=${NOW},v0=${hex}`, expected: false },
    { label: 'uppercase hex', value: `t=${NOW},v1=${hex.toUpperCase()}`, expected: false },
    { label: 'truncated signature', value: header.slice(0, -2), expected: false },
    { label: 'signature one byte too long', value: `${header}00`, expected: false },
    { label: 'two signatures', value: `${header},v1=${hex}`, expected: false },
    { label: 'spaces after the comma', value: `t=${NOW}, v1=${hex}`, expected: false },
    { label: 'all zeros', value: `t=${NOW},v1=${'0'.repeat(64)}`, expected: false },
  ])('header: $label', ({ value, expected }) => {
    expect(verifyCallback(body, value, SECRET, NOW)).toBe(expected);
  });
});
