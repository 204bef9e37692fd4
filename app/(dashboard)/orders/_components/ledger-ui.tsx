import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/card';
import type { HistoryEntry, OrderStatus } from '@/lib/generated/prisma/client';
import { formatDateTime } from '@/lib/format';
import { getLocale, getTranslations } from 'next-intl/server';
import type { MessageKey } from '@/lib/i18n/messages';

const STATUS_TONES: Record<OrderStatus, 'green' | 'amber' | 'red' | 'slate' | 'blue'> = {
  pending: 'amber',
  paid: 'green',
  underpaid: 'red',
  overpaid: 'blue',
  expired: 'slate',
  cancelled: 'slate',
};

export async function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const t = await getTranslations();
  return <Badge tone={STATUS_TONES[status]}>{t(`orders.status.${status}`)}</Badge>;
}

/** "Next page" after the last row, and a way back to the first page once paging. */
export function Pager({
  nextHref,
  firstHref,
  label,
  nextLabel,
  firstLabel,
}: {
  nextHref: string | null;
  firstHref: string | null;
  label: string;
  nextLabel: string;
  firstLabel: string;
}) {
  if (!nextHref && !firstHref) return null;
  const link = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100';
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap justify-between gap-2">
      {firstHref ? (
        <Link href={firstHref} className={link}>
          {firstLabel}
        </Link>
      ) : (
        <span />
      )}
      {nextHref && (
        <Link href={nextHref} className={link} rel="next">
          {nextLabel}
        </Link>
      )}
    </nav>
  );
}

/** A table that scrolls sideways on a narrow screen instead of pushing the page wider. */
export function Table({ caption, head, children }: { caption: string; head: ReactNode[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-700">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 dark:bg-slate-800">
          <tr>
            {head.map((cell, index) => (
              <th key={index} scope="col" className="whitespace-nowrap px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">{children}</tbody>
      </table>
    </div>
  );
}

export const cellClass = 'px-3 py-2 align-top text-slate-800 dark:text-slate-200';
export const moneyCellClass = `${cellClass} whitespace-nowrap text-right tabular-nums`;

/** A definition list of label/value pairs, two columns from small screens up. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
      {items.map(([label, value]) => (
        <div key={label} className="min-w-0">
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
          <dd className="mt-0.5 break-words text-sm text-slate-900 dark:text-slate-100">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Who did what and why, oldest first; used by the order and the mutation pages. */
export async function HistoryTable({ entries, area }: { entries: HistoryEntry[]; area: 'orders' | 'mutations' }) {
  const t = await getTranslations();
  const locale = await getLocale();
  if (entries.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">{t(`${area}.detail.noHistory`)}</p>;
  return (
    <Table caption={t(`${area}.detail.historyCaption`)} head={[t(`${area}.detail.when`), t(`${area}.detail.who`), t(`${area}.detail.action`), t(`${area}.detail.reason`)]}>
      {entries.map((entry) => (
        <tr key={entry.id}>
          <td className={`${cellClass} whitespace-nowrap`}>{formatDateTime(entry.createdAt, locale)}</td>
          <td className={cellClass}>{entry.actor === 'system' ? t('orders.history.system') : entry.actor}</td>
          <td className={cellClass}>{translateAction(t, entry.action)}</td>
          <td className={cellClass}>{entry.reason ?? '—'}</td>
        </tr>
      ))}
    </Table>
  );
}

function translateAction(t: Awaited<ReturnType<typeof getTranslations<never>>>, action: string): string {
  const key = `orders.history.action.${action}` as MessageKey;
  return t.has(key) ? t(key) : action;
}
