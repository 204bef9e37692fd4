/** Sent with every answer, pages and API routes alike (next.config.ts, and proxy.ts for pages). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
};

/** API routes answer JSON or CSV: nothing in them may run, load or be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const HSTS = 'max-age=31536000';

/**
 * A page's policy. Scripts run only with this request's nonce (Next puts it on its own scripts);
 * 'strict-dynamic' lets those load the page's chunks. Style elements need the nonce too, but
 * style attributes are allowed: charts (recharts) and React render them into the server's HTML.
 * No upgrade-insecure-requests: Cocok is often reached over plain HTTP on a shop's own network.
 */
export function pageContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** 128 random bits, base64: a fresh one for every page request. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * HSTS when the proxy in front of Cocok says the browser came over HTTPS. A proxy that appends
 * writes its entry last, so only that one counts. A browser ignores HSTS received over plain
 * HTTP, so a caller who claims HTTPS without it gains nothing.
 */
export function cameOverHttps(forwardedProto: string | null): boolean {
  const last = forwardedProto?.split(',').at(-1)?.trim().toLowerCase();
  return last === 'https';
}
