'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { formatDateTime, formatDuration, formatRupiah } from '@/lib/format';
import type { PaymentViewJson } from '@/lib/pay/payment-view';

// Half the wait for a change is half the interval on average: 700 ms shows "paid" well within a second of the match.
const POLL_MS = 700;
const money = (amount: string | null | undefined) => formatRupiah(BigInt(amount ?? 0));

/**
 * The payment's status as the customer reads it, kept current without a reload: asks every
 * 0.7 s (a 304 while nothing changed) and counts down to the order's expiry.
 */
export function PayStatus({ token, initial }: { token: string; initial: PaymentViewJson }) {
  const t = useTranslations('pay');
  const locale = useLocale();
  const router = useRouter();
  const [view, setView] = useState(initial);
  const [now, setNow] = useState<number | null>(null);
  const settled = view.kind !== 'waiting';

  useEffect(() => {
    if (settled) return;
    const controller = new AbortController();
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/api/pay/${token}`, { cache: 'no-cache', signal: controller.signal });
        if (response.ok) setView((await response.json()) as PaymentViewJson);
      } catch {
        // The next poll tries again; the page keeps what it last knew.
      }
    }, POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [token, settled]);

  useEffect(() => {
    if (settled) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [settled]);

  // Once the payment is settled the rest of the page (the amount, the accounts) no longer applies: render it anew.
  useEffect(() => {
    if (view.kind !== initial.kind) router.refresh();
  }, [view.kind, initial.kind, router]);

  const expiresAt = view.expiresAt ? new Date(view.expiresAt) : null;
  return (
    <section aria-live="polite" data-testid="pay-status" data-kind={view.kind} className="flex flex-col gap-1">
      {view.kind === 'waiting' && (
        <>
          <p className="text-slate-700 dark:text-slate-200">{t('status.waiting')}</p>
          {expiresAt && (
            <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="countdown">
              {t('payBefore', { when: formatDateTime(expiresAt, locale) })}
              {now !== null && expiresAt.getTime() > now && ` · ${t('timeLeft', { left: formatDuration(expiresAt.getTime() - now, locale) })}`}
            </p>
          )}
        </>
      )}
      {view.kind === 'paid' && (
        <>
          <p className="text-xl font-semibold text-emerald-800 dark:text-emerald-300">{t('status.paid')}</p>
          <p className="text-slate-700 dark:text-slate-200">{t('status.paidDetail', { received: money(view.received) })}</p>
        </>
      )}
      {view.kind === 'underpaid' && (
        <>
          <p className="font-medium text-amber-900 dark:text-amber-200">
            {t('status.underpaid', { received: money(view.received), of: money(view.of) })}
          </p>
          <p className="text-slate-700 dark:text-slate-200">{t('status.underpaidRest', { rest: money(view.rest) })}</p>
        </>
      )}
      {view.kind === 'overpaid' && (
        <p className="text-slate-700 dark:text-slate-200">
          {t('status.overpaid', { received: money(view.received), of: money(view.of), over: money(view.over) })}
        </p>
      )}
      {view.kind === 'expired' && <p className="font-medium text-slate-800 dark:text-slate-100">{t('status.expired')}</p>}
      {view.kind === 'cancelled' && <p className="font-medium text-slate-800 dark:text-slate-100">{t('status.cancelled')}</p>}
    </section>
  );
}

/** Copies `text` to the clipboard, saying so beside the button. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useTranslations('pay');
  const [said, setSaid] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setSaid(t('copied'));
          } catch {
            setSaid(t('copyFailed'));
          }
        }}
      >
        {label}
      </button>
      <span aria-live="polite" className="text-xs text-slate-600 dark:text-slate-300">
        {said}
      </span>
    </span>
  );
}
