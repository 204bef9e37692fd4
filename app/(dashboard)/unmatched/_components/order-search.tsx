'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { fetchJson } from '@/app/(dashboard)/_components/fetch-json';
import { useLocale, useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { Field, Input } from '@/components/ui/field';
import { formatDateTime, formatRupiah } from '@/lib/format';
import type { OrderHit } from '@/lib/reconcile/work-queue';

async function fetchOrders(q: string, signal: AbortSignal): Promise<OrderHit[]> {
  return (await fetchJson<{ orders: OrderHit[] }>(`/api/dashboard/unmatched/orders?q=${encodeURIComponent(q)}`, signal)).orders;
}

/** A search box over open orders with a list of results to pick from. */
export function OrderSearch({ onPick, pickedIds }: { onPick: (order: OrderHit) => void; pickedIds: ReadonlySet<string> }) {
  const t = useTranslations();
  const locale = useLocale();
  const id = useId();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const results = useQuery({
    queryKey: ['unmatched-order-search', q],
    queryFn: ({ signal }) => fetchOrders(q, signal),
    enabled: q.length >= 2,
    staleTime: 2_000,
  });

  return (
    <div className="flex flex-col gap-2">
      <Field label={t('unmatched.searchLabel')} htmlFor={`${id}-q`} hint={t('unmatched.searchHint')}>
        <Input
          id={`${id}-q`}
          type="search"
          autoComplete="off"
          value={text}
          aria-describedby={`${id}-q-hint`}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.preventDefault();
          }}
        />
      </Field>
      {q.length >= 2 && (
        <div aria-live="polite" className="max-h-60 overflow-y-auto rounded-md border border-slate-200 dark:border-slate-700">
          {results.isFetching && !results.data ? (
            <p className="p-3 text-sm text-slate-500">{t('common.loading')}</p>
          ) : (results.data ?? []).length === 0 ? (
            <p className="p-3 text-sm text-slate-600 dark:text-slate-300">{t('unmatched.searchEmpty')}</p>
          ) : (
            <ul aria-label={t('unmatched.searchResults')} className="divide-y divide-slate-200 dark:divide-slate-700">
              {results.data!.map((order) => {
                const picked = pickedIds.has(order.id);
                return (
                  <li key={order.id}>
                    <button
                      type="button"
                      aria-pressed={picked}
                      aria-label={t('unmatched.pick', { reference: order.reference })}
                      onClick={() => onPick(order)}
                      className={`flex w-full flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-left text-sm hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-emerald-700 dark:hover:bg-slate-800 ${
                        picked ? 'bg-emerald-50 dark:bg-emerald-900/30' : ''
                      }`}
                    >
                      <span className="font-medium">{order.reference}</span>
                      <span className="tabular-nums">{formatRupiah(BigInt(order.payableAmount))}</span>
                      {order.customerName && <span className="text-slate-600 dark:text-slate-300">{order.customerName}</span>}
                      <Badge tone={order.status === 'pending' ? 'blue' : 'slate'}>{t(`common.orderStatus.${order.status}`)}</Badge>
                      {order.status === 'expired' && order.expiresAt && (
                        <span className="text-xs text-slate-600 dark:text-slate-300" data-testid="expired-since">
                          {t('unmatched.expiredSince', { when: formatDateTime(new Date(order.expiresAt), locale) })}
                        </span>
                      )}
                      {order.status === 'underpaid' && (
                        <span className="text-xs text-slate-600 dark:text-slate-300">
                          {t('unmatched.stillDue', { amount: formatRupiah(BigInt(order.payableAmount) - BigInt(order.paidAmount)) })}
                        </span>
                      )}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
