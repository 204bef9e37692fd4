/** Header our HTTP server sets from the TCP socket; any value a caller sends is overwritten. */
export const PEER_ADDRESS_HEADER = 'x-cocok-peer-address';

const REDACTED_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', PEER_ADDRESS_HEADER]);
const MAX_HEADERS = 50;
const MAX_HEADER_VALUE = 512;

/** What the audit log keeps of a call's headers: bounded, without credentials. */
export function auditHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of headers) {
    if (++count > MAX_HEADERS) break;
    kept[name] = REDACTED_HEADERS.has(name) ? '[redacted]' : value.length > MAX_HEADER_VALUE ? `${value.slice(0, MAX_HEADER_VALUE)}…` : value;
  }
  return kept;
}

// What a refused caller may leave in the log: the headers that say who it claims to be.
const REFUSED_CALL_HEADERS = ['user-agent', 'content-type', 'content-length', 'x-forwarded-for', 'signature', 'x-moota-user', 'x-moota-webhook'];
const MAX_REFUSED_HEADER_VALUE = 128;

/** What the audit log keeps of an unsigned or badly signed call's headers: a few named ones, under 1 KB. */
export function refusedCallHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of REFUSED_CALL_HEADERS) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value.length > MAX_REFUSED_HEADER_VALUE ? `${value.slice(0, MAX_REFUSED_HEADER_VALUE)}…` : value;
  }
  return kept;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body is larger than ${limit} bytes`);
  }
}

/** Reads a request body, giving up as soon as it passes `limit` bytes. */
export async function readBodyWithin(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
