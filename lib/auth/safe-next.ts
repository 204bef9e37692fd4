// Any fixed origin will do: only whether a path stays on it matters, never which host it is.
const HOME = new URL('http://cocok.invalid/');

/**
 * Where to go after signing in: a path on this site, or "/". The value is resolved the way a
 * browser would resolve it (backslashes as slashes, tabs and newlines dropped), so "/\evil.com"
 * and "/\t/evil.com" are seen for the other hosts they are.
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(value, HOME);
  } catch {
    return '/';
  }
  if (url.origin !== HOME.origin) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.com" resolves to the path "//evil.com", which a browser reads as another host.
  return path.startsWith('//') ? '/' : path;
}
