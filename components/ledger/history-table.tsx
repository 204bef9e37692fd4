import { Table, TD } from '@/components/ui/table';
import type { HistoryEntry } from '@/lib/generated/prisma/client';
import { formatDateTime, formatRupiah } from '@/lib/format';
import type { Locale } from '@/lib/i18n/locales';
import { getLocale, getTranslations } from 'next-intl/server';
import type { MessageKey } from '@/lib/i18n/messages';
import type { UndoEffectRecord } from '@/lib/reconcile/undo-effects';
import { actorName } from '@/lib/actors';

/** Who did what and why, oldest first; used by the order and the mutation pages. */
export async function HistoryTable({ entries, area }: { entries: HistoryEntry[]; area: 'orders' | 'mutations' }) {
  const t = await getTranslations();
  const locale: Locale = await getLocale();
  return (
    <Table
      framed
      region
      caption={t(`${area}.detail.historyCaption`)}
      columns={[t(`${area}.detail.when`), t(`${area}.detail.who`), t(`${area}.detail.action`), t(`${area}.detail.reason`)]}
      rows={entries}
      empty={<p className="text-sm text-slate-600 dark:text-slate-400">{t(`${area}.detail.noHistory`)}</p>}
    >
      {(entry) => (
        <tr key={entry.id}>
          <TD nowrap>{formatDateTime(entry.createdAt, locale)}</TD>
          <TD>{actorName(entry.actor, t('orders.history.system'))}</TD>
          <TD>
            {translateAction(t, entry.action)}
            {entry.action === 'undone' && <UndoneEffect t={t} details={entry.details} />}
          </TD>
          <TD>{entry.reason ?? '—'}</TD>
        </tr>
      )}
    </Table>
  );
}

/** What an undo changed on the order, as the undo recorded it; older entries recorded only the amount. */
function UndoneEffect({ t, details }: { t: Awaited<ReturnType<typeof getTranslations<never>>>; details: HistoryEntry['details'] }) {
  const effect = details as Partial<UndoEffectRecord> | null;
  if (!effect?.reference || !effect.statusBefore || !effect.statusAfter || !effect.paidBefore || !effect.paidAfter) return null;
  return (
    <span className="block text-xs text-slate-600 dark:text-slate-400" data-testid="undone-effect">
      {t('orders.history.undoneEffect', {
        reference: effect.reference,
        before: t(`common.orderStatus.${effect.statusBefore}`),
        after: t(`common.orderStatus.${effect.statusAfter}`),
        paidBefore: formatRupiah(BigInt(effect.paidBefore)),
        paidAfter: formatRupiah(BigInt(effect.paidAfter)),
        told: effect.storeTold ? 'yes' : 'no',
      })}
    </span>
  );
}

function translateAction(t: Awaited<ReturnType<typeof getTranslations<never>>>, action: string): string {
  const key = `orders.history.action.${action}` as MessageKey;
  return t.has(key) ? t(key) : action;
}
