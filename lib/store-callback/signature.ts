import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `X-Cocok-Signature`: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. The timestamp is
 * signed with the body so a captured request cannot be replayed later with a fresh timestamp.
 */
export function signCallback(body: string, secret: string, timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError(`expected unix seconds, got ${timestamp}`);
  return `t=${timestamp},v1=${digest(body, secret, timestamp).toString('hex')}`;
}

const HEADER = /^t=(\d{1,15}),v1=([0-9a-f]{64})$/;

/** Checks a signature header as a store would: right secret, exact body, timestamp within tolerance of `now` (unix seconds). */
export function verifyCallback(body: string, header: string | null | undefined, secret: string, now: number, toleranceSeconds = 300): boolean {
  if (secret === '') return false;
  const match = HEADER.exec(header?.trim() ?? '');
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(now - timestamp) > toleranceSeconds) return false;
  return timingSafeEqual(digest(body, secret, timestamp), Buffer.from(match[2]!, 'hex'));
}

function digest(body: string, secret: string, timestamp: number): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
}
