import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/app/(auth)/login/login-form';
import { ClientMessages } from '@/components/client-messages';
import { AuthCard } from '@/components/shell/auth-card';
import { currentUser } from '@/lib/next/session';
import { countUsers } from '@/lib/auth/users';
import { safeNextPath } from '@/lib/auth/safe-next';
import { getTranslations } from 'next-intl/server';
import { isDemo } from '@/lib/sandbox/demo';

export const metadata: Metadata = { title: 'Login' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await currentUser()) redirect('/');
  if ((await countUsers()) === 0) redirect('/setup');
  const t = await getTranslations();
  const { next } = await searchParams;
  return (
    <AuthCard title={t('auth.signInTitle')}>
      <ClientMessages areas={['auth']}>
        <LoginForm next={safeNextPath(next)} />
      </ClientMessages>
      {isDemo() && <p className="mt-4 text-xs text-slate-500 dark:text-slate-400">{t('auth.demoHint')}</p>}
    </AuthCard>
  );
}
