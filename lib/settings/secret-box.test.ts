import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from '@/lib/settings/secret-box';

const APP_SECRET = 'an-app-secret-of-at-least-32-characters!';

describe('secret box', () => {
  it('opens what it sealed, and the sealed text does not contain the secret', () => {
    const sealed = sealSecret('moota-token-1234567890', APP_SECRET, 'moota-api-token');
    expect(sealed).not.toContain('moota-token');
    expect(openSecret(sealed, APP_SECRET, 'moota-api-token')).toBe('moota-token-1234567890');
  });

  it('seals the same text differently every time', () => {
    expect(sealSecret('same', APP_SECRET, 'p')).not.toBe(sealSecret('same', APP_SECRET, 'p'));
  });

  it('refuses another app secret, another purpose and altered text', () => {
    const sealed = sealSecret('moota-token', APP_SECRET, 'moota-api-token');
    expect(openSecret(sealed, `${APP_SECRET}x`, 'moota-api-token')).toBeNull();
    expect(openSecret(sealed, APP_SECRET, 'other')).toBeNull();
    const [v, iv, tag, data] = sealed.split('.');
    const flipped = `${data!.slice(0, -2)}${data!.at(-2) === 'A' ? 'B' : 'A'}${data!.at(-1)}`;
    expect(openSecret([v, iv, tag, flipped].join('.'), APP_SECRET, 'moota-api-token')).toBeNull();
    expect(openSecret('not sealed', APP_SECRET, 'moota-api-token')).toBeNull();
  });
});
