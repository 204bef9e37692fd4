import Form from 'next/form';
import { Refusal } from '@/components/ui/refusal';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { ClientMessages } from '@/components/client-messages';
import { StreamedDownload } from '@/components/streamed-download';
import { StatusBadge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { ResultCountLine } from '@/components/ui/result-count';
import { SearchTooShort } from '@/components/ui/search-too-short';
import { Table, TD } from '@/components/ui/table';
import { TextLink } from '@/components/ui/text-link';
import { Field, Input, Select } from '@/components/ui/field';
import { AccountFilter, RangeFilters } from '@/components/ui/filter-fields';
import { requireUser } from '@/lib/next/session';
import { formatDateTime, formatRupiah } from '@/lib/format';
import { getLocale, getTranslations } from 'next-intl/server';
import { accountOptions } from '@/lib/queries/accounts';
import { countMutations, listMutations, MUTATION_ORIGINS, mutationFilterQuery, mutationListParams } from '@/lib/queries/mutations';
import { Badge } from '@/components/ui/badge';
import { pageSearchParams } from '@/lib/next/page-search-params';
import { isTooShortToSearch, searchParamValues } from '@/lib/search-params';

export async function generateMetadata() {
  return { title: (await getTranslations())('mutations.title') };
}

export default async function MutationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser('view', '/mutations');
  const params = await searchParams;
  const t = await getTranslations();
  const locale = await getLocale();
  const {
    value: { filters, cursor },
    refusal,
  } = await pageSearchParams(mutationListParams, params);
  const [page, count, accounts] = await Promise.all([listMutations(filters, cursor), countMutations(filters), accountOptions()]);
  const query = mutationFilterQuery(filters);
  const typed = searchParamValues(params);
  const raw = (name: string) => typed[name] ?? '';
  const exportHref = `/api/dashboard/mutations/export${query.size > 0 ? `?${query}` : ''}`;

  return (
    <>
      <PageHeader
        title={t('mutations.title')}
        description={t('mutations.description')}
        actions={
          <ClientMessages areas={[]}>
            <StreamedDownload href={exportHref} label={t('mutations.exportCsv')} title={t('mutations.exportHint')} />
          </ClientMessages>
        }
      />
      {refusal && <Refusal>{refusal}</Refusal>}
      <Form
        action="/mutations"
        aria-label={t('mutations.filters.label')}
        className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-5 dark:border-slate-700 dark:bg-slate-900"
      >
        <AccountFilter
          id="filter-account"
          value={filters.account}
          accounts={accounts}
          labels={{ label: t('mutations.filters.account'), all: t('mutations.filters.allAccounts'), sandbox: t('accounts.sandbox') }}
        />
        <Field label={t('mutations.filters.type')} htmlFor="filter-type">
          <Select id="filter-type" name="type" defaultValue={filters.type ?? ''}>
            <option value="">{t('mutations.filters.allTypes')}</option>
            <option value="CR">{t('mutations.type.CR')}</option>
            <option value="DB">{t('mutations.type.DB')}</option>
          </Select>
        </Field>
        <Field label={t('accounts.filters.origin')} htmlFor="filter-origin">
          <Select id="filter-origin" name="origin" defaultValue={filters.origin ?? ''}>
            <option value="">{t('accounts.filters.allOrigins')}</option>
            {MUTATION_ORIGINS.map((origin) => (
              <option key={origin} value={origin}>
                {t(`accounts.origins.${origin}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('accounts.filters.gap')} htmlFor="filter-gap">
          <Select id="filter-gap" name="gap" defaultValue={filters.gap ? '1' : ''}>
            <option value="">{t('accounts.filters.gapAll')}</option>
            <option value="1">{t('accounts.filters.gapOnly')}</option>
          </Select>
        </Field>
        <RangeFilters
          idPrefix="filter"
          days={filters}
          amounts={{ min: raw('min'), max: raw('max') }}
          labels={{
            from: t('mutations.filters.from'),
            to: t('mutations.filters.to'),
            min: t('mutations.filters.min'),
            max: t('mutations.filters.max'),
          }}
        />
        <Field label={t('mutations.filters.q')} htmlFor="filter-q">
          <Input id="filter-q" name="q" type="search" placeholder={t('mutations.filters.qPlaceholder')} defaultValue={filters.q ?? ''} />
        </Field>
        <div className="flex gap-2 sm:col-span-2 lg:col-span-4 xl:col-span-5">
          <button type="submit" className={buttonClass('primary')}>
            {t('mutations.filters.apply')}
          </button>
          <Link href="/mutations" className={buttonClass('ghost')}>
            {t('mutations.filters.reset')}
          </Link>
        </div>
      </Form>

      {isTooShortToSearch(filters.q) && <SearchTooShort t={t} />}
      <ResultCountLine count={count} t={t} />
      <Table
        framed
        caption={t('mutations.listCaption')}
        columns={[
          t('mutations.columns.date'),
          t('mutations.columns.account'),
          t('mutations.columns.type'),
          { label: t('mutations.columns.amount'), numeric: true },
          t('mutations.columns.description'),
          t('mutations.columns.state'),
          t('mutations.columns.order'),
        ]}
        rows={page.rows}
        empty={<EmptyState title={t('mutations.empty')}>{t('mutations.emptyHint')}</EmptyState>}
      >
        {(mutation) => (
          <tr key={mutation.id} data-testid="mutation-row">
            <TD nowrap>
              <TextLink href={`/mutations/${mutation.id}`}>{formatDateTime(mutation.occurredAt, locale)}</TextLink>
            </TD>
            <TD nowrap>
              {mutation.bankLabel && <span className="block text-xs text-slate-600 dark:text-slate-400">{mutation.bankLabel}</span>}
              {mutation.accountNumber}
            </TD>
            <TD>
              <abbr title={t(`mutations.type.${mutation.type}`)} className="no-underline">
                {mutation.type}
              </abbr>
            </TD>
            <TD numeric className={mutation.type === 'DB' ? 'text-red-800 dark:text-red-300' : ''}>
              {mutation.type === 'DB' ? '−' : ''}
              {formatRupiah(mutation.amount)}
            </TD>
            <TD className="min-w-48">
              {mutation.description}
              {mutation.note && <span className="block text-xs text-slate-600 dark:text-slate-400">{mutation.note}</span>}
            </TD>
            <TD>
              <span className="flex flex-wrap gap-1">
                <StatusBadge of="matchState" value={mutation.matchState}>
                  {t(`common.matchState.${mutation.matchState}`)}
                </StatusBadge>
                {mutation.sandbox && (
                  <span title={t('accounts.sandboxHint')}>
                    <Badge tone="amber">{t('accounts.sandbox')}</Badge>
                  </span>
                )}
                {mutation.webhookSeenAt === null && (
                  <span title={t('accounts.notFromWebhookHint', { origin: t(`accounts.origins.${mutation.origin}`) })}>
                    <Badge tone="slate">{t('accounts.notFromWebhook')}</Badge>
                  </span>
                )}
              </span>
            </TD>
            <TD nowrap>
              {mutation.payments.length === 0
                ? '—'
                : mutation.payments.map((payment) => (
                    <TextLink key={payment.order.reference} href={`/orders/${encodeURIComponent(payment.order.reference)}`} className="block">
                      {payment.order.reference}
                    </TextLink>
                  ))}
            </TD>
          </tr>
        )}
      </Table>
      <Pager
        path="/mutations"
        query={query}
        cursor={cursor ?? null}
        nextCursor={page.nextCursor}
        label={t('mutations.pagination')}
        nextLabel={t('mutations.nextPage')}
        firstLabel={t('mutations.firstPage')}
      />
    </>
  );
}
