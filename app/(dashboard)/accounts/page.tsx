import { ClientMessages } from '@/components/client-messages';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { RowHeader, Table, TD } from '@/components/ui/table';
import { TextLink } from '@/components/ui/text-link';
import { can } from '@/lib/auth/roles';
import { formatDateTime, formatRupiah } from '@/lib/format';
import { requireUser } from '@/lib/next/session';
import { listAccountSummaries } from '@/lib/queries/accounts';
import { getLocale, getTranslations } from 'next-intl/server';
import { CheckNowButton } from './_components/check-now-button';
import { SandboxSwitch } from './_components/sandbox-switch';

export async function generateMetadata() {
  return { title: (await getTranslations())('accounts.title') };
}

export default async function AccountsPage() {
  const user = await requireUser('view', '/accounts');
  const t = await getTranslations();
  const locale = await getLocale();
  const accounts = await listAccountSummaries();
  const mayMark = can(user.role, 'manage_settings');
  const mayCheck = can(user.role, 'sync');
  return (
    <ClientMessages areas={['accounts']}>
      <PageHeader title={t('accounts.title')} description={t('accounts.description')} />
      <Table
        framed
        testId="accounts-table"
        caption={t('accounts.listCaption')}
        columns={[
          t('accounts.columns.account'),
          t('accounts.columns.holder'),
          t('accounts.columns.lastMutation'),
          { label: t('accounts.columns.balance'), numeric: true },
          ...(mayMark || mayCheck ? [t('accounts.columns.actions')] : []),
        ]}
        rows={accounts}
        empty={<EmptyState title={t('accounts.empty')}>{t('accounts.emptyHint')}</EmptyState>}
      >
        {(account) => (
          <tr key={account.id} data-testid="account-row" data-bank-id={account.mootaBankId}>
            <RowHeader className="min-w-40">
              <span className="block font-medium">
                <TextLink href={`/mutations?account=${encodeURIComponent(account.mootaBankId)}`}>{account.name}</TextLink>
              </span>
              <span className="mt-0.5 flex flex-wrap items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
                {account.bankType}
                {account.sandbox && (
                  <span title={account.sandboxSetBy === 'owner' ? t('accounts.sandboxByOwner') : t('accounts.sandboxByMoota')}>
                    <Badge tone="amber">{t('accounts.sandbox')}</Badge>
                  </span>
                )}
              </span>
            </RowHeader>
            <TD>{account.holder ?? '—'}</TD>
            <TD nowrap>{account.lastMutationAt ? formatDateTime(new Date(account.lastMutationAt), locale) : t('accounts.none')}</TD>
            <TD numeric>
              {account.balance === null ? (
                t('accounts.none')
              ) : (
                <>
                  <span className="block" data-testid="account-balance">
                    {formatRupiah(BigInt(account.balance))}
                  </span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {t('accounts.reportedAt', { time: formatDateTime(new Date(account.balanceAt!), locale) })}
                  </span>
                </>
              )}
            </TD>
            {(mayMark || mayCheck) && (
              <TD>
                <div className="flex flex-wrap items-start gap-2">
                  {mayCheck && <CheckNowButton accountId={account.id} account={account.name} />}
                  {mayMark && <SandboxSwitch accountId={account.id} account={account.name} sandbox={account.sandbox} />}
                </div>
              </TD>
            )}
          </tr>
        )}
      </Table>
    </ClientMessages>
  );
}
