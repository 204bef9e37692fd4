import { describe, expect, test } from 'vitest';
import { addWebhookSecret, maskSecret, removeWebhookSecret, secretFingerprint } from '@/lib/settings/webhook-secrets';

describe('maskSecret', () => {
  test.each([
    ['a long secret shows its last four characters', 'cocok-demo-secret', '••••••••cret'],
    ['a short secret shows nothing', 'abcdefgh', '••••••••'],
  ])('%s', (_label, secret, expected) => {
    expect(maskSecret(secret)).toBe(expected);
  });
});

describe('secretFingerprint', () => {
  test('is stable and does not contain the secret', () => {
    expect(secretFingerprint('cocok-demo-secret')).toBe(secretFingerprint('cocok-demo-secret'));
    expect(secretFingerprint('cocok-demo-secret')).not.toContain('secret');
    expect(secretFingerprint('a-secret-one')).not.toBe(secretFingerprint('a-secret-two'));
  });
});

describe('rotating webhook secrets', () => {
  const old = 'old-secret-123';
  const fresh = 'new-secret-456';

  test.each([
    ['the first secret', [], fresh, [fresh]],
    ['a second beside the first', [old], ` ${fresh} `, [old, fresh]],
  ])('adding %s', (_label, current, secret, expected) => {
    expect(addWebhookSecret(current, secret)).toEqual(expected);
  });

  test.each([
    ['a third', [old, fresh], 'third-secret-789', /already active: remove the old one first/],
    ['one already active', [old], old, /already active/],
  ])('adding %s is refused', (_label, current, secret, message) => {
    expect(() => addWebhookSecret(current, secret)).toThrow(message);
  });

  test.each([
    ['the old one keeps the new', [old, fresh], old, [fresh]],
    ['the new one keeps the old', [old, fresh], fresh, [old]],
  ])('removing %s', (_label, current, removed, expected) => {
    expect(removeWebhookSecret(current, secretFingerprint(removed))).toEqual(expected);
  });

  test.each([
    ['the only secret', [old], secretFingerprint(old), /only webhook secret/],
    ['an unknown fingerprint', [old, fresh], 'ffffffffffffffff', /no longer active/],
  ])('removing %s is refused', (_label, current, fingerprint, message) => {
    expect(() => removeWebhookSecret(current, fingerprint)).toThrow(message);
  });
});
