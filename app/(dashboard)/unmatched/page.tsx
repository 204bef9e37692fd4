import Form from 'next/form';
import { Refusal } from '@/components/ui/refusal';
import Link from 'next/link';
import { ClientMessages } from '@/components/client-messages';
import { buttonClass } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { AccountFilter, RangeFilters } from '@/components/ui/filter-fields';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/lib/next/session';
import { pageSearchParams } from '@/lib/next/page-search-params';
import { getTranslations } from 'next-intl/server';
import { accountOptions } from '@/lib/queries/accounts';
import { listQueue } from '@/lib/reconcile/work-queue';
import { isNarrowed, QUEUE_SORTS, queueFilterParams, queueFilterQuery } from '@/lib/reconcile/work-queue-rules';
import { isTooShortToSearch, searchParamValues } from '@/lib/search-params';
import { SearchTooShort } from '@/components/ui/search-too-short';
import { WorkQueue } from './_components/work-queue';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations())('unmatched.title') };
}

const SHORTCUTS = ['move', 'enter', 'undo', 'search', 'space', 'escape'] as const;

export default async function UnmatchedPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('view', '/unmatched');
  const params = await searchParams;
  const t = await getTranslations();
  const { value: filters, refusal } = await pageSearchParams(queueFilterParams, params);
  const [firstPage, accounts] = await Promise.all([listQueue({ filters }), accountOptions()]);
  const canReconcile = can(user.role, 'reconcile');
  const typed = searchParamValues(params);
  const raw = (name: string) => typed[name] ?? '';
  return (
    <ClientMessages areas={['unmatched']}>
      <PageHeader title={t('unmatched.title')} description={t('unmatched.description')} />
      {!canReconcile && (
        <p className="mb-4 rounded-md bg-slate-100 px-4 py-3 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-200">
          {t('unmatched.viewOnly')}
        </p>
      )}
      {refusal && <Refusal>{refusal}</Refusal>}
      <Form
        action="/unmatched"
        aria-label={t('unmatched.filters.label')}
        className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 lg:grid-cols-4 dark:border-slate-700 dark:bg-slate-900"
      >
        {filters.state && <input type="hidden" name="state" value={filters.state} />}
        <div className="col-span-2">
          <Field label={t('unmatched.filters.q')} htmlFor="queue-q" hint={t('unmatched.filters.qHint')}>
            <Input id="queue-q" name="q" type="search" defaultValue={filters.q ?? ''} aria-keyshortcuts="/" />
          </Field>
        </div>
        <div className="col-span-2 sm:col-span-1">
          <AccountFilter
            id="queue-account"
            value={filters.account}
            accounts={accounts}
            labels={{ label: t('mutations.filters.account'), all: t('mutations.filters.allAccounts'), sandbox: t('accounts.sandbox') }}
          />
        </div>
        <div className="col-span-2 sm:col-span-1">
          <Field label={t('unmatched.filters.sort')} htmlFor="queue-sort">
            <Select id="queue-sort" name="sort" defaultValue={filters.sort}>
              {QUEUE_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {t(`unmatched.sorts.${sort}`)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <RangeFilters
          idPrefix="queue"
          days={filters}
          amounts={{ min: raw('min'), max: raw('max') }}
          labels={{
            from: t('unmatched.filters.from'),
            to: t('unmatched.filters.to'),
            min: t('mutations.filters.min'),
            max: t('mutations.filters.max'),
          }}
        />
        <div className="col-span-2 flex gap-2 lg:col-span-4">
          <button type="submit" className={buttonClass('primary')}>
            {t('mutations.filters.apply')}
          </button>
          {(isNarrowed(filters) || filters.sort !== 'oldest') && (
            <Link href={`/unmatched?${queueFilterQuery({ sort: 'oldest', state: filters.state })}`} className={buttonClass('ghost')}>
              {t('mutations.filters.reset')}
            </Link>
          )}
        </div>
      </Form>
      {isTooShortToSearch(filters.q) && <SearchTooShort t={t} />}
      {canReconcile && (
        <details className="mb-4 hidden rounded-lg border border-slate-200 bg-white p-4 text-sm sm:block dark:border-slate-700 dark:bg-slate-900">
          <summary className="cursor-pointer font-medium text-slate-700 dark:text-slate-200">{t('unmatched.shortcutsTitle')}</summary>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-600 dark:text-slate-300" data-testid="shortcuts">
            {SHORTCUTS.map((shortcut) => (
              <li key={shortcut}>{t(`unmatched.shortcuts.${shortcut}`)}</li>
            ))}
          </ul>
        </details>
      )}
      <WorkQueue
        initialPage={firstPage}
        canReconcile={canReconcile}
        query={queueFilterQuery(filters, { state: null }).toString()}
        state={filters.state ?? null}
        narrowed={isNarrowed(filters)}
      />
    </ClientMessages>
  );
}
