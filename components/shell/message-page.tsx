import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { getTranslations } from 'next-intl/server';
import type { MessageKey } from '@/lib/i18n/messages';

/** A whole page that only says something (not allowed, not found) and leads back to the overview. */
export async function MessagePage({ title, body }: { title: MessageKey; body: MessageKey }) {
  const t = await getTranslations();
  return (
    <div className="mx-auto flex max-w-md flex-col items-start gap-3 p-8">
      <h1 className="text-2xl font-semibold">{t(title)}</h1>
      <p className="text-slate-600 dark:text-slate-300">{t(body)}</p>
      <Link href="/" className={buttonClass('secondary')}>
        {t('common.back')}
      </Link>
    </div>
  );
}
