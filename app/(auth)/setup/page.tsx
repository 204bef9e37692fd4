import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SetupForm } from '@/app/(auth)/setup/setup-form';
import { ClientMessages } from '@/components/client-messages';
import { AuthCard } from '@/components/shell/auth-card';
import { countUsers } from '@/lib/auth/users';
import { getTranslations } from 'next-intl/server';

export const metadata: Metadata = { title: 'Setup' };

export default async function SetupPage() {
  if ((await countUsers()) > 0) redirect('/login');
  const t = await getTranslations();
  return (
    <AuthCard title={t('auth.setupTitle')}>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">{t('auth.setupIntro')}</p>
      <ClientMessages areas={['auth']}>
        <SetupForm />
      </ClientMessages>
    </AuthCard>
  );
}
