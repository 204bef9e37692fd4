import Link from 'next/link';
import { Button, buttonClass } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { getTranslations } from 'next-intl/server';
import { DELIVERY_SOURCES, type DeliveryFilters } from '@/lib/queries/webhooks';

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
      <Field label={t('webhooks.sourceFilter')} htmlFor="webhooks-source">
        <Select id="webhooks-source" name="source" defaultValue={filters.source ?? ''}>
          <option value="">{t('webhooks.sources.all')}</option>
          {DELIVERY_SOURCES.map((source) => (
            <option key={source} value={source}>
              {t(`webhooks.sources.${source}`)}
            </option>
          ))}
        </Select>
      </Field>
      {filters.syncRunId && <input type="hidden" name="run" value={filters.syncRunId} />}
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
      {filters.syncRunId && <p className="w-full text-sm text-slate-600 dark:text-slate-400">{t('webhooks.filteredByRun')}</p>}
    </form>
  );
}
