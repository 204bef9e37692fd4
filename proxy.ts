import { NextResponse, type NextRequest } from 'next/server';
import { cameOverHttps, HSTS, newNonce, pageContentSecurityPolicy, SECURITY_HEADERS } from '@/lib/security-headers';

const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];
const OPEN_PAGES = /^\/(login|setup|pay)(\/|$)/;

/**
 * Every page gets its security headers here, with a fresh script nonce in its policy: Next reads
 * the nonce from the request's policy and puts it on its own scripts. A visitor without a session
 * cookie is sent to the sign-in form, remembering where they were going; that is only a shortcut
 * for the address bar: every page and action still checks the session itself.
 */
export function proxy(request: NextRequest) {
  const policy = pageContentSecurityPolicy(newNonce());
  const { pathname, search } = request.nextUrl;
  let response: NextResponse;
  if (OPEN_PAGES.test(pathname) || SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const headers = new Headers(request.headers);
    headers.set('content-security-policy', policy);
    response = NextResponse.next({ request: { headers } });
  } else {
    const login = new URL('/login', request.url);
    if (pathname !== '/') login.searchParams.set('next', `${pathname}${search}`);
    response = NextResponse.redirect(login);
  }
  response.headers.set('content-security-policy', policy);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  if (cameOverHttps(request.headers.get('x-forwarded-proto'))) response.headers.set('strict-transport-security', HSTS);
  return response;
}

export const config = {
  matcher: ['/((?!api/|_next/|favicon\\.ico|.*\\.[a-z0-9]+$).*)'],
};
