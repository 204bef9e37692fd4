import { BlockList, isIP } from 'node:net';

/** Moota's published sender, and the second address its own WordPress plugin allows. */
export const MOOTA_SENDER_ADDRESSES = ['103.236.201.178', '103.28.52.182'] as const;

const MAPPED_DOTTED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;
const MAPPED_HEX = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i;
const BRACKETED = /^\[([^\]]+)\](?::\d+)?$/;
const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/;

/**
 * One spelling per address: "[::ffff:1.2.3.4]:443" → "1.2.3.4", "fe80::1%eth0" → "fe80::1".
 * A bare IPv6 address cannot carry a port unambiguously, so only bracketed ones lose theirs.
 * Text that is not an address comes back trimmed, and is then simply never allowed.
 */
export function normaliseAddress(a: string): string {
  let address = a.trim();
  address = BRACKETED.exec(address)?.[1] ?? IPV4_WITH_PORT.exec(address)?.[1] ?? address;
  if (address.includes(':')) address = address.replace(/%.*$/, '').toLowerCase();

  const dotted = MAPPED_DOTTED.exec(address);
  if (dotted && isIP(dotted[1]!) === 4) return dotted[1]!;
  const hex = MAPPED_HEX.exec(address);
  if (hex) {
    const high = parseInt(hex[1]!, 16);
    const low = parseInt(hex[2]!, 16);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return address;
}

/**
 * The caller as seen through `trustedProxyHops` reverse proxies. Each proxy appends the
 * address it received from, so only the right-most N entries were written by our own proxies;
 * anything further left is whatever the caller chose to send.
 */
export function resolveClientAddress({
  socketAddress,
  forwardedFor,
  trustedProxyHops,
}: {
  socketAddress: string;
  forwardedFor: string | null;
  trustedProxyHops: number;
}): string {
  if (!Number.isSafeInteger(trustedProxyHops) || trustedProxyHops < 0) {
    throw new RangeError(`trustedProxyHops must be a whole number of 0 or more, got ${trustedProxyHops}`);
  }
  if (trustedProxyHops === 0) return normaliseAddress(socketAddress);

  const forwarded = (forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const chain = [...forwarded, socketAddress];
  return normaliseAddress(chain[Math.max(0, chain.length - 1 - trustedProxyHops)]!);
}

export interface AllowlistEntry {
  address: string;
  family: 'ipv4' | 'ipv6';
  prefix: number;
}

export type Allowlist = { kind: 'any' } | { kind: 'list'; entries: readonly AllowlistEntry[] };

function parseEntry(text: string): AllowlistEntry {
  const [rawAddress = '', rawPrefix, ...rest] = text.split('/');
  const address = normaliseAddress(rawAddress);
  const version = isIP(address);
  const hasPort = IPV4_WITH_PORT.test(rawAddress) || /\]:/.test(rawAddress);
  if (version === 0 || hasPort || rest.length > 0) {
    throw new Error(`"${text}" is not an IPv4 or IPv6 address or CIDR range`);
  }
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const maxPrefix = version === 4 ? 32 : 128;
  if (rawPrefix === undefined) return { address, family, prefix: maxPrefix };

  if (!/^\d{1,3}$/.test(rawPrefix) || Number(rawPrefix) > maxPrefix) {
    throw new Error(`"${text}" has an invalid prefix length: it must be a number from 0 to ${maxPrefix}`);
  }
  return { address, family, prefix: Number(rawPrefix) };
}

/** Comma-separated addresses and CIDR ranges, or "*" for any. Empty text allows nobody. */
export function parseAllowlist(text: string): Allowlist {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.includes('*')) {
    if (items.length > 1) throw new Error(`"*" allows any address and cannot be combined with other entries`);
    return { kind: 'any' };
  }
  return { kind: 'list', entries: items.map(parseEntry) };
}

const blockLists = new WeakMap<readonly AllowlistEntry[], BlockList>();

function blockListFor(entries: readonly AllowlistEntry[]): BlockList {
  let list = blockLists.get(entries);
  if (!list) {
    list = new BlockList();
    for (const { address, family, prefix } of entries) list.addSubnet(address, prefix, family);
    blockLists.set(entries, list);
  }
  return list;
}

export function isAddressAllowed(address: string, allowlist: Allowlist): boolean {
  if (allowlist.kind === 'any') return true;
  const normalised = normaliseAddress(address);
  const version = isIP(normalised);
  if (version === 0) return false;
  return blockListFor(allowlist.entries).check(normalised, version === 4 ? 'ipv4' : 'ipv6');
}
