import Link from 'next/link';
import { Button, buttonClass } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { getTranslations } from 'next-intl/server';
import type { DeliveryFilters } from '@/lib/queries/webhooks';

/** A plain GET form: the filters live in the URL, so a reload or a shared link keeps them. */
export async function DeliveryFilterForm({ filters }: { filters: DeliveryFilters }) {
  const t = await getTranslations();
  return (
    <form method="get" action="/webhooks" aria-label={t('webhooks.filters')} className="mb-4 flex flex-wrap items-end gap-3">
      <Field label={t('common.from')} htmlFor="webhooks-from">
        <Input id="webhooks-from" name="from" type="date" defaultValue={filters.from ?? ''} />
      </Field>
      <Field label={t('common.to')} htmlFor="webhooks-to">
        <Input id="webhooks-to" name="to" type="date" defaultValue={filters.to ?? ''} />
      </Field>
      <label className="flex items-center gap-2 py-2 text-sm text-slate-700 dark:text-slate-200">
        <input type="checkbox" name="failed" value="1" defaultChecked={filters.failedOnly} className="h-4 w-4 accent-emerald-700" />
        {t('webhooks.failedOnly')}
      </label>
      <div className="flex gap-2">
        <Button type="submit">{t('webhooks.apply')}</Button>
        <Link href="/webhooks" className={buttonClass('secondary')}>
          {t('common.reset')}
        </Link>
      </div>
    </form>
  );
}
