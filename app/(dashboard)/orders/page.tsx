import Form from 'next/form';
import Link from 'next/link';
import { OrderStatusBadge, Pager, Table, cellClass, moneyCellClass } from '@/app/(dashboard)/orders/_components/ledger-ui';
import { buttonClass } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { Field, Input, Select } from '@/components/ui/field';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime, formatRupiah } from '@/lib/format';
import { getLocale, getTranslations } from 'next-intl/server';
import { param, type SearchParams } from '@/lib/queries/ledger-filters';
import { listOrders, ORDER_STATUSES, orderFilterQuery, parseOrderFilters } from '@/lib/queries/orders';

export async function generateMetadata() {
  return { title: (await getTranslations())('orders.title') };
}

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('view', '/orders');
  const params: SearchParams = await searchParams;
  const t = await getTranslations();
  const locale = await getLocale();
  const filters = parseOrderFilters(params);
  const cursor = param(params, 'cursor');
  const page = await listOrders(filters, cursor);
  const query = orderFilterQuery(filters);
  const withCursor = (next: string) => {
    const copy = new URLSearchParams(query);
    copy.set('cursor', next);
    return `/orders?${copy}`;
  };
  const canManage = can(user.role, 'manage_orders');
  const raw = (name: string) => param(params, name) ?? '';

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
                {t(`orders.status.${status}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('orders.filters.from')} htmlFor="filter-from">
          <Input id="filter-from" name="from" type="date" defaultValue={filters.from ?? ''} />
        </Field>
        <Field label={t('orders.filters.to')} htmlFor="filter-to">
          <Input id="filter-to" name="to" type="date" defaultValue={filters.to ?? ''} />
        </Field>
        <Field label={t('orders.filters.min')} htmlFor="filter-min">
          <Input id="filter-min" name="min" inputMode="numeric" defaultValue={raw('min')} />
        </Field>
        <Field label={t('orders.filters.max')} htmlFor="filter-max">
          <Input id="filter-max" name="max" inputMode="numeric" defaultValue={raw('max')} />
        </Field>
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

      {page.rows.length === 0 ? (
        <EmptyState title={t('orders.empty')}>{t('orders.emptyHint')}</EmptyState>
      ) : (
        <Table
          caption={t('orders.listCaption')}
          head={[
            t('orders.columns.reference'),
            t('orders.columns.customer'),
            t('orders.columns.amount'),
            t('orders.columns.uniqueCode'),
            t('orders.columns.payable'),
            t('orders.columns.status'),
            t('orders.columns.created'),
            t('orders.columns.expires'),
          ]}
        >
          {page.rows.map((order) => (
            <tr key={order.id} data-testid="order-row">
              <td className={`${cellClass} whitespace-nowrap font-medium`}>
                <Link href={`/orders/${encodeURIComponent(order.reference)}`} className="text-emerald-800 underline hover:text-emerald-900 dark:text-emerald-300">
                  {order.reference}
                </Link>
              </td>
              <td className={cellClass}>{order.customerName ?? '—'}</td>
              <td className={moneyCellClass}>{formatRupiah(order.amount)}</td>
              <td className={`${cellClass} tabular-nums`}>{order.uniqueCode}</td>
              <td className={moneyCellClass}>{formatRupiah(order.payableAmount)}</td>
              <td className={cellClass}>
                <OrderStatusBadge status={order.status} />
              </td>
              <td className={`${cellClass} whitespace-nowrap`}>{formatDateTime(order.createdAt, locale)}</td>
              <td className={`${cellClass} whitespace-nowrap`}>{order.expiresAt ? formatDateTime(order.expiresAt, locale) : '—'}</td>
            </tr>
          ))}
        </Table>
      )}
      <Pager
        nextHref={page.nextCursor ? withCursor(page.nextCursor) : null}
        firstHref={cursor ? `/orders?${query}` : null}
        label={t('orders.pagination')}
        nextLabel={t('orders.nextPage')}
        firstLabel={t('orders.firstPage')}
      />
    </>
  );
}
