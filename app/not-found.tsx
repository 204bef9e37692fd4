import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { getT } from '@/lib/i18n/server';

export default async function NotFound() {
  const t = await getT();
  return (
    <main className="mx-auto flex max-w-md flex-col items-start gap-3 p-8">
      <h1 className="text-2xl font-semibold">{t('common.notFoundTitle')}</h1>
      <p className="text-slate-600 dark:text-slate-300">{t('common.notFoundBody')}</p>
      <Link href="/" className={buttonClass('secondary')}>
        {t('common.back')}
      </Link>
    </main>
  );
}
