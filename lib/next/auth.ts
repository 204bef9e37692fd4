import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { clearFailedLogins, loginThrottled, recordFailedLogin } from '@/lib/auth/login-throttle';
import { verifyPassword } from '@/lib/auth/password';
import { db } from '@/lib/db';
import { PEER_ADDRESS_HEADER } from '@/lib/intake/delivery-call';
import { isStorableText } from '@/lib/text';

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
        const email = String(credentials.email ?? '')
          .trim()
          .toLowerCase();
        const password = String(credentials.password ?? '');
        const address = request.headers.get(PEER_ADDRESS_HEADER) ?? 'unknown';
        // An email the database cannot hold belongs to no one, and could not be counted as a failure either.
        if (!email || !password || !isStorableText(email)) return null;
        if (await loginThrottled(email, address)) throw new TooManyAttempts();
        const user = await db().user.findUnique({ where: { email } });
        if (!user || user.disabledAt || !(await verifyPassword(user.passwordHash, password))) {
          await recordFailedLogin(email, address);
          return null;
        }
        await clearFailedLogins(email);
        await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === 'string') session.user.id = token.uid;
      return session;
    },
  },
});
