import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { signInAddress, signInWithPassword } from '@/lib/auth/sign-in';
import { endSessions, findSignedInUser } from '@/lib/auth/users';
import { loadSettings } from '@/lib/settings/store';

declare module 'next-auth' {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    sessionVersion?: number;
  }
}

class TooManyAttempts extends CredentialsSignin {
  code = 'throttled';
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const { trustedProxyHops } = (await loadSettings()).webhook;
        const outcome = await signInWithPassword({
          email: String(credentials.email ?? ''),
          password: String(credentials.password ?? ''),
          address: signInAddress(request.headers, trustedProxyHops),
        });
        if (outcome.kind === 'throttled') throw new TooManyAttempts();
        return outcome.kind === 'signed-in' ? outcome.user : null;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) return { ...token, uid: user.id, sv: user.sessionVersion };
      // Every later read of the session (pages, /api/auth/session): a revoked one is dropped and its cookie cleared.
      if (typeof token.uid !== 'string' || typeof token.sv !== 'number') return null;
      return (await findSignedInUser(token.uid, token.sv)) ? token : null;
    },
    session({ session, token }) {
      if (typeof token.uid === 'string') session.user.id = token.uid;
      if (typeof token.sv === 'number') session.sessionVersion = token.sv;
      return session;
    },
  },
  events: {
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      if (typeof token?.uid === 'string' && typeof token.sv === 'number') await endSessions(token.uid, token.sv);
    },
  },
});
