import { NextResponse, type NextRequest } from 'next/server';

const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];

/**
 * Sends a visitor without a session cookie to the sign-in form, remembering where they were going.
 * Only a shortcut for the address bar: every page and action still checks the session itself.
 */
export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  const login = new URL('/login', request.url);
  if (pathname !== '/') login.searchParams.set('next', `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ['/((?!api/|_next/|login|setup|favicon\\.ico|.*\\.[a-z0-9]+$).*)'],
};
