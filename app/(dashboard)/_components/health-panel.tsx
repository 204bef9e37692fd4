import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { formatDate, formatDateTime } from '@/lib/format';
import { GAP_DAYS, listGaps } from '@/lib/queries/gaps';
import { webhookHealth } from '@/lib/queries/health';
import { startOfJakartaDay } from '@/lib/time/jakarta';

const muted = 'text-slate-600 dark:text-slate-400';

/**
 * Whether the webhook is doing its job: gaps (mutations only a sync or statement brought), the
 * last webhook per account, the last successful sync, refused calls, and accounts gone silent.
 * Shown on the overview and the webhook log.
 */
export async function HealthPanel() {
  const t = await getTranslations();
  const locale = await getLocale();
  const now = new Date();
  const [gaps, health] = await Promise.all([listGaps(now), webhookHealth(now)]);
  const silent = health.accounts.filter((account) => account.silent);
  const when = (iso: string | null, never: string) => (iso ? formatDateTime(new Date(iso), locale) : never);

  return (
    <div className="mb-6 grid grid-cols-1 gap-4 lg:grid-cols-2" data-testid="health-panel">
      <Card title={t('accounts.gaps.title')}>
        {gaps.length === 0 ? (
          <p className={`text-sm ${muted}`}>{t('accounts.gaps.empty', { days: GAP_DAYS })}</p>
        ) : (
          <ul className="space-y-2 text-sm" data-testid="gaps">
            {gaps.map((gap) => (
              <li key={`${gap.mootaBankId}-${gap.day}-${gap.origin}`}>
                <Link
                  href={gap.href}
                  className="text-amber-900 underline hover:text-amber-950 focus-visible:outline focus-visible:outline-2 focus-visible:outline-emerald-700 dark:text-amber-200"
                >
                  {t(`accounts.gaps.${gap.origin}`, {
                    count: gap.count,
                    account: gap.account,
                    day: formatDate(startOfJakartaDay(gap.day), locale),
                  })}
                </Link>
                {gap.sandbox && (
                  <>
                    {' '}
                    <Badge tone="amber">{t('accounts.sandbox')}</Badge>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t('accounts.health.title')}>
        {silent.length > 0 && (
          <div className="mb-3 space-y-2" role="alert" data-testid="silent-accounts">
            {silent.map((account) => (
              <p
                key={account.mootaBankId}
                className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100"
              >
                {t('accounts.health.silent', { account: account.account, hours: health.silentAfterHours, count: account.foundSinceWebhook })}
              </p>
            ))}
          </div>
        )}
        <dl className="space-y-3 text-sm">
          <div>
            <dt className="font-medium text-slate-700 dark:text-slate-200">{t('accounts.health.lastWebhook')}</dt>
            <dd>
              <ul className="mt-1 space-y-1">
                {health.accounts.length === 0 && <li className={muted}>{t('accounts.none')}</li>}
                {health.accounts.map((account) => (
                  <li key={account.mootaBankId} className="flex flex-wrap justify-between gap-x-3">
                    <span>{account.account}</span>
                    <span className={`tabular-nums ${muted}`}>{when(account.lastWebhookAt, t('accounts.health.never'))}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div className="flex flex-wrap justify-between gap-x-3" data-testid="last-sync">
            <dt className="font-medium text-slate-700 dark:text-slate-200">{t('accounts.health.lastSync')}</dt>
            <dd className={muted}>
              {health.sync.state === 'notConnected'
                ? t('accounts.health.syncNotConnected')
                : health.sync.state === 'never'
                  ? t('accounts.health.syncNever')
                  : formatDateTime(new Date(health.sync.at!), locale)}
            </dd>
          </div>
          <div data-testid="rejected-by-kind">
            <dt className="font-medium text-slate-700 dark:text-slate-200">{t('accounts.health.rejected')}</dt>
            <dd>
              {health.rejected.length === 0 ? (
                <p className={muted}>{t('accounts.health.rejectedNone')}</p>
              ) : (
                <ul className="mt-1 space-y-1">
                  {health.rejected.map((group) => (
                    <li key={group.kind}>
                      <span className="flex justify-between gap-3">
                        <span>{t(`accounts.health.kinds.${group.kind}`)}</span>
                        <span className="font-semibold tabular-nums text-red-700 dark:text-red-400">{group.count}</span>
                      </span>
                      {group.kind === 'badSignature' && <span className={`block text-xs ${muted}`}>{t('accounts.health.badSignatureHint')}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        </dl>
      </Card>
    </div>
  );
}
