import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { formatDateTime, formatRupiah } from '@/lib/format';
import { listAccountSummaries } from '@/lib/queries/accounts';

/** Each account's last balance as Moota reported it, and when. */
export async function AccountBalances() {
  const t = await getTranslations();
  const locale = await getLocale();
  const accounts = await listAccountSummaries();
  if (accounts.length === 0) return null;
  return (
    <Card
      title={t('accounts.balances.title')}
      action={
        <Link href="/accounts" className={buttonClass('secondary', 'sm')}>
          {t('accounts.balances.viewAccounts')}
        </Link>
      }
    >
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="account-balances">
        {accounts.map((account) => (
          <li key={account.id} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2" data-bank-id={account.mootaBankId}>
            <span className="min-w-0">
              {account.name}
              {account.sandbox && (
                <>
                  {' '}
                  <Badge tone="amber">{t('accounts.sandbox')}</Badge>
                </>
              )}
            </span>
            <span className="text-right">
              <span className="block font-semibold tabular-nums text-slate-900 dark:text-slate-50">
                {account.balance === null ? t('accounts.none') : formatRupiah(BigInt(account.balance))}
              </span>
              {account.balanceAt && (
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  {t('accounts.reportedAt', { time: formatDateTime(new Date(account.balanceAt), locale) })}
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
