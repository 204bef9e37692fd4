import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUuid } from '@/lib/uuid';

const MAC_BYTES = 12;

/** The key payment links are signed with, derived from the app's secret so that no other signature can be replayed as one. */
export const payLinkKey = (appSecret: string): Buffer => createHmac('sha256', appSecret).update('cocok/pay-link/v1').digest();

const mac = (key: Buffer, orderId: string) => createHmac('sha256', key).update(orderId).digest().subarray(0, MAC_BYTES);

/**
 * An order's payment link token: its id and a signature of it, URL-safe. The order's reference is
 * not in it and the id cannot be guessed from another's, so links cannot be enumerated.
 */
export function payToken(orderId: string, key: Buffer): string {
  if (!isUuid(orderId)) throw new Error(`not an order id: ${orderId}`);
  const id = Buffer.from(orderId.replaceAll('-', ''), 'hex');
  return `${id.toString('base64url')}${mac(key, orderId.toLowerCase()).toString('base64url')}`;
}

const TOKEN = /^[A-Za-z0-9_-]{22}[A-Za-z0-9_-]{16}$/;

/** The order a token names, or null for anything else (unknown, tampered, truncated, another key's). */
export function orderIdOfPayToken(token: string, key: Buffer): string | null {
  if (!TOKEN.test(token)) return null;
  const hex = Buffer.from(token.slice(0, 22), 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  const orderId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  if (!isUuid(orderId)) return null;
  const given = Buffer.from(token.slice(22), 'base64url');
  return given.length === MAC_BYTES && timingSafeEqual(given, mac(key, orderId)) ? orderId : null;
}
