import { createHmac, timingSafeEqual } from 'node:crypto';

/** Moota's `Signature` header: lowercase hex HMAC-SHA256 of the raw body, keyed with the webhook secret. */
export function signBody(body: string | Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export type SignatureCheck = 'valid' | 'invalid' | 'missing';

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * Checks the header against every configured secret (two are active while rotating).
 * Empty secrets are skipped: anyone can compute an HMAC keyed with "".
 */
export function verifySignature(body: Uint8Array, header: string | null | undefined, secrets: readonly string[]): SignatureCheck {
  const text = header?.trim() ?? '';
  if (text === '') return 'missing';
  if (!SHA256_HEX.test(text)) return 'invalid';

  const received = Buffer.from(text, 'hex');
  let matched = false;
  for (const secret of secrets) {
    if (secret === '') continue;
    const expected = createHmac('sha256', secret).update(body).digest();
    matched = timingSafeEqual(expected, received) || matched;
  }
  return matched ? 'valid' : 'invalid';
}
