import Form from 'next/form';
import { Refusal } from '@/components/ui/refusal';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { StatusBadge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { ResultCountLine } from '@/components/ui/result-count';
import { SearchTooShort } from '@/components/ui/search-too-short';
import { isTooShortToSearch } from '@/lib/search-params';
import { Table, TD } from '@/components/ui/table';
import { TextLink } from '@/components/ui/text-link';
import { Field, Input, Select } from '@/components/ui/field';
import { RangeFilters } from '@/components/ui/filter-fields';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/lib/next/session';
import { formatDateTime, formatRupiah } from '@/lib/format';
import { getLocale, getTranslations } from 'next-intl/server';
import { countOrders, listOrders, ORDER_STATUSES, orderFilterQuery, orderListParams } from '@/lib/queries/orders';
import { pageSearchParams } from '@/lib/next/page-search-params';
import { searchParamValues } from '@/lib/search-params';

export async function generateMetadata() {
  return { title: (await getTranslations())('orders.title') };
}

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('view', '/orders');
  const params = await searchParams;
  const t = await getTranslations();
  const locale = await getLocale();
  const {
    value: { filters, cursor },
    refusal,
  } = await pageSearchParams(orderListParams, params);
  const [page, count] = await Promise.all([listOrders(filters, cursor), countOrders(filters)]);
  const query = orderFilterQuery(filters);
  const canManage = can(user.role, 'manage_orders');
  const typed = searchParamValues(params);
  const raw = (name: string) => typed[name] ?? '';

  return (
    <>
      <PageHeader
        title={t('orders.title')}
        description={t('orders.description')}
        actions={
          canManage && (
            <>
              <Link href="/orders/new" className={buttonClass('primary')}>
                {t('orders.newOrder')}
              </Link>
              <Link href="/orders/import" className={buttonClass('secondary')}>
                {t('orders.importCsv')}
              </Link>
            </>
          )
        }
      />
      {refusal && <Refusal>{refusal}</Refusal>}
      <Form
        action="/orders"
        aria-label={t('orders.filters.label')}
        className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6 dark:border-slate-700 dark:bg-slate-900"
      >
        <Field label={t('orders.filters.status')} htmlFor="filter-status">
          <Select id="filter-status" name="status" defaultValue={filters.status ?? ''}>
            <option value="">{t('orders.filters.allStatuses')}</option>
            {ORDER_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`common.orderStatus.${status}`)}
              </option>
            ))}
          </Select>
        </Field>
        <RangeFilters
          idPrefix="filter"
          days={filters}
          amounts={{ min: raw('min'), max: raw('max') }}
          labels={{ from: t('orders.filters.from'), to: t('orders.filters.to'), min: t('orders.filters.min'), max: t('orders.filters.max') }}
        />
        <Field label={t('orders.filters.q')} htmlFor="filter-q">
          <Input id="filter-q" name="q" type="search" placeholder={t('orders.filters.qPlaceholder')} defaultValue={filters.q ?? ''} />
        </Field>
        <div className="flex gap-2 sm:col-span-2 lg:col-span-3 xl:col-span-6">
          <button type="submit" className={buttonClass('primary')}>
            {t('orders.filters.apply')}
          </button>
          <Link href="/orders" className={buttonClass('ghost')}>
            {t('orders.filters.reset')}
          </Link>
        </div>
      </Form>

      {isTooShortToSearch(filters.q) && <SearchTooShort t={t} />}
      <ResultCountLine count={count} t={t} />
      <Table
        framed
        caption={t('orders.listCaption')}
        columns={[
          t('orders.columns.reference'),
          t('orders.columns.customer'),
          { label: t('orders.columns.amount'), numeric: true },
          t('orders.columns.uniqueCode'),
          { label: t('orders.columns.payable'), numeric: true },
          t('orders.columns.status'),
          t('orders.columns.created'),
          t('orders.columns.expires'),
        ]}
        rows={page.rows}
        empty={<EmptyState title={t('orders.empty')}>{t('orders.emptyHint')}</EmptyState>}
      >
        {(order) => (
          <tr key={order.id} data-testid="order-row">
            <TD nowrap className="font-medium">
              <TextLink href={`/orders/${encodeURIComponent(order.reference)}`}>{order.reference}</TextLink>
            </TD>
            <TD>{order.customerName ?? '—'}</TD>
            <TD numeric>{formatRupiah(order.amount)}</TD>
            <TD className="tabular-nums">{order.uniqueCode}</TD>
            <TD numeric>{formatRupiah(order.payableAmount)}</TD>
            <TD>
              <StatusBadge of="orderStatus" value={order.status}>
                {t(`common.orderStatus.${order.status}`)}
              </StatusBadge>
            </TD>
            <TD nowrap>{formatDateTime(order.createdAt, locale)}</TD>
            <TD nowrap>{order.expiresAt ? formatDateTime(order.expiresAt, locale) : '—'}</TD>
          </tr>
        )}
      </Table>
      <Pager
        path="/orders"
        query={query}
        cursor={cursor ?? null}
        nextCursor={page.nextCursor}
        label={t('orders.pagination')}
        nextLabel={t('orders.nextPage')}
        firstLabel={t('orders.firstPage')}
      />
    </>
  );
}
