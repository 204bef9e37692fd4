import { Table, TD } from '@/components/ui/table';
import type { HistoryEntry } from '@/lib/generated/prisma/client';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/locales';
import { getLocale, getTranslations } from 'next-intl/server';
import type { MessageKey } from '@/lib/i18n/messages';

/** Who did what and why, oldest first; used by the order and the mutation pages. */
export async function HistoryTable({ entries, area }: { entries: HistoryEntry[]; area: 'orders' | 'mutations' }) {
  const t = await getTranslations();
  const locale: Locale = await getLocale();
  return (
    <Table
      framed
      caption={t(`${area}.detail.historyCaption`)}
      columns={[t(`${area}.detail.when`), t(`${area}.detail.who`), t(`${area}.detail.action`), t(`${area}.detail.reason`)]}
      rows={entries}
      empty={<p className="text-sm text-slate-600 dark:text-slate-400">{t(`${area}.detail.noHistory`)}</p>}
    >
      {(entry) => (
        <tr key={entry.id}>
          <TD nowrap>{formatDateTime(entry.createdAt, locale)}</TD>
          <TD>{entry.actor === 'system' ? t('orders.history.system') : entry.actor}</TD>
          <TD>{translateAction(t, entry.action)}</TD>
          <TD>{entry.reason ?? '—'}</TD>
        </tr>
      )}
    </Table>
  );
}

function translateAction(t: Awaited<ReturnType<typeof getTranslations<never>>>, action: string): string {
  const key = `orders.history.action.${action}` as MessageKey;
  return t.has(key) ? t(key) : action;
}
