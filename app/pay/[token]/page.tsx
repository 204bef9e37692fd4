import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { CopyButton, PayStatus } from '@/components/pay/pay-live';
import { LanguageSwitch } from '@/components/shell/language-switch';
import { signInAddress } from '@/lib/auth/sign-in';
import { formatDateTime, formatRupiah } from '@/lib/format';
import { payRequests } from '@/lib/pay/limit';
import { orderIdForPayToken } from '@/lib/pay/link';
import { paymentView, paymentViewJson, splitLastDigits } from '@/lib/pay/payment-view';
import { payAccounts, payOrder } from '@/lib/queries/pay';
import { loadSettings } from '@/lib/settings/store';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata() {
  // The reference is not in the title: a shared screenshot of the tab bar says nothing of the order.
  return { title: (await getTranslations())('pay.heading'), robots: { index: false, follow: false } };
}

/**
 * A customer's payment page: no sign-in, the exact amount with its unique code set apart, where
 * to pay, and the status, live where JavaScript runs and on every reload where it does not.
 */
export default async function PayPage({ params }: Props) {
  const { token } = await params;
  const settings = await loadSettings();
  const t = await getTranslations();
  const limit = payRequests(signInAddress(await headers(), settings.webhook.trustedProxyHops));
  if (!limit.allowed) {
    return (
      <main className="mx-auto max-w-md p-4">
        <p role="alert">{t('pay.tooMany', { seconds: limit.retryAfterSeconds })}</p>
      </main>
    );
  }
  const orderId = await orderIdForPayToken(token);
  const order = orderId ? await payOrder(orderId) : null;
  if (!order) notFound();
  const locale = await getLocale();
  const view = paymentView(order, new Date());
  const accounts = view.kind === 'waiting' || view.kind === 'underpaid' ? await payAccounts(settings.values.payAccounts) : [];
  const due = view.kind === 'underpaid' ? view.rest : order.payableAmount;
  const codeDigits = String(settings.uniqueCodeRange.max).length;
  const [lead, code] = view.kind === 'underpaid' ? [formatRupiah(due), ''] : splitLastDigits(formatRupiah(due), codeDigits);

  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col gap-5 px-4 py-6">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-lg font-semibold text-emerald-800 dark:text-emerald-300">{settings.values.storeName || t('pay.defaultStore')}</p>
        <LanguageSwitch />
      </header>
      <h1 className="text-2xl font-semibold">{t('pay.title', { reference: order.reference })}</h1>
      <ClientMessages areas={['pay']}>
        <PayStatus token={token} initial={paymentViewJson(view)} />
        {(view.kind === 'waiting' || view.kind === 'underpaid') && (
          <>
            <section className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
              <h2 className="text-sm font-medium text-slate-600 dark:text-slate-300">{t('pay.transferExactly')}</h2>
              <p className="mt-1 text-3xl font-semibold tabular-nums" data-testid="pay-amount">
                {lead}
                {code && <strong className="rounded bg-amber-100 px-0.5 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100">{code}</strong>}
              </p>
              {code && <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{t('pay.includeDigits', { digits: codeDigits })}</p>}
              <div className="mt-3">
                <CopyButton text={due.toString()} label={t('pay.copyAmount')} />
              </div>
            </section>
            <section className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
              <h2 className="text-sm font-medium text-slate-600 dark:text-slate-300">{t('pay.payInto')}</h2>
              {accounts.length === 0 ? (
                <p className="mt-1 text-sm">{t('pay.noAccounts')}</p>
              ) : (
                <ul className="mt-2 flex flex-col divide-y divide-slate-100 dark:divide-slate-800">
                  {accounts.map((account) => (
                    <li key={`${account.bank}-${account.accountNumber}`} className="flex flex-col gap-1 py-2" data-testid="pay-account">
                      <span className="font-medium">{account.bank}</span>
                      <span className="font-mono text-lg tabular-nums">{account.accountNumber}</span>
                      {account.holder && (
                        <span className="text-sm text-slate-600 dark:text-slate-300">{t('pay.holder', { holder: account.holder })}</span>
                      )}
                      <span>
                        <CopyButton text={account.accountNumber.replace(/\D/g, '')} label={t('pay.copyNumber', { number: account.accountNumber })} />
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {view.kind === 'waiting' && order.expiresAt && (
              <noscript>
                <p className="text-sm">{t('pay.payBefore', { when: formatDateTime(order.expiresAt, locale) })}</p>
              </noscript>
            )}
          </>
        )}
      </ClientMessages>
    </main>
  );
}
