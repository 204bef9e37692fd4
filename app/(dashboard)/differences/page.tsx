import Form from 'next/form';
import { Refusal } from '@/components/ui/refusal';
import { buttonClass } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { Field, Input, Select } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { RowHeader, Table, TD } from '@/components/ui/table';
import { TextLink } from '@/components/ui/text-link';
import { actorName } from '@/lib/actors';
import { formatDateTime, formatRupiah } from '@/lib/format';
import { requireUser } from '@/lib/next/session';
import { differencesReport } from '@/lib/queries/differences';
import { GRANULARITIES, periodName } from '@/lib/reports/periods';
import { MAX_RANGE_DAYS, rangeOrDefault } from '@/lib/reports/range';
import { jakartaDay } from '@/lib/time/jakarta';
import { getLocale, getTranslations } from 'next-intl/server';

export async function generateMetadata() {
  return { title: (await getTranslations())('differences.title') };
}

export default async function DifferencesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser('view', '/differences');
  const t = await getTranslations();
  const locale = await getLocale();
  const today = jakartaDay(new Date());
  const { range, refused } = rangeOrDefault(await searchParams, today);
  const report = await differencesReport(range);
  const words = {
    today: (day: string) => t('common.period.today', { day }),
    week: (week: number, days: string) => t('common.period.week', { week, days }),
  };
  const name = (key: string) => periodName(key, range.granularity, locale, today, words);
  const day = (key: string) => periodName(key, 'day', locale, '', words);
  const money = (amount: string) => (amount === '0' ? '—' : formatRupiah(BigInt(amount)));
  const captionValues = { from: day(range.from), to: day(range.to), granularity: t(`cashFlow.granularity.${range.granularity}`).toLowerCase() };

  return (
    <>
      <PageHeader title={t('differences.title')} description={t('differences.description')} />
      {refused && (
        <Refusal>
          {t(
            `cashFlow.rangeProblem.${refused.problem}`,
            refused.problem === 'backwards' ? { from: refused.from, to: refused.to } : { max: MAX_RANGE_DAYS },
          )}
        </Refusal>
      )}
      <Form
        action="/differences"
        aria-label={t('differences.filters')}
        className="mb-4 grid grid-cols-2 items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4 dark:border-slate-700 dark:bg-slate-900"
      >
        <Field label={t('differences.from')} htmlFor="differences-from">
          <Input id="differences-from" name="from" type="date" defaultValue={refused?.from ?? range.from} />
        </Field>
        <Field label={t('differences.to')} htmlFor="differences-to">
          <Input id="differences-to" name="to" type="date" defaultValue={refused?.to ?? range.to} />
        </Field>
        <Field label={t('cashFlow.granularityLabel')} htmlFor="differences-granularity">
          <Select id="differences-granularity" name="granularity" defaultValue={range.granularity}>
            {GRANULARITIES.map((granularity) => (
              <option key={granularity} value={granularity}>
                {t(`cashFlow.granularity.${granularity}`)}
              </option>
            ))}
          </Select>
        </Field>
        <button type="submit" className={buttonClass('primary')}>
          {t('differences.apply')}
        </button>
      </Form>

      {report.entryCount === 0 ? (
        <EmptyState title={t('differences.empty')}>{t('differences.emptyHint')}</EmptyState>
      ) : (
        <div className="flex flex-col gap-6">
          <Card title={t('differences.byCategory')}>
            <Table
              framed
              region
              caption={t('differences.byCategoryCaption', captionValues)}
              columns={[
                t('differences.columns.category'),
                { label: t('differences.columns.count'), numeric: true },
                { label: t('differences.columns.short'), numeric: true },
                { label: t('differences.columns.over'), numeric: true },
              ]}
              rows={report.categories}
            >
              {(row) => (
                <tr key={row.category} data-testid="difference-category">
                  <RowHeader>{t(`common.differenceCategory.${row.category}`)}</RowHeader>
                  <TD numeric>{row.count}</TD>
                  <TD numeric>{money(row.short)}</TD>
                  <TD numeric>{money(row.over)}</TD>
                </tr>
              )}
            </Table>
          </Card>
          <Card title={t('differences.byPeriod')}>
            <Table
              framed
              region
              caption={t('differences.byPeriodCaption', captionValues)}
              columns={[
                t('differences.columns.period'),
                t('differences.columns.category'),
                { label: t('differences.columns.count'), numeric: true },
                { label: t('differences.columns.short'), numeric: true },
                { label: t('differences.columns.over'), numeric: true },
              ]}
              rows={report.periods}
            >
              {(row) => (
                <tr key={`${row.period}-${row.category}`} data-testid="difference-period">
                  <RowHeader>{name(row.period)}</RowHeader>
                  <TD>{t(`common.differenceCategory.${row.category}`)}</TD>
                  <TD numeric>{row.count}</TD>
                  <TD numeric>{money(row.short)}</TD>
                  <TD numeric>{money(row.over)}</TD>
                </tr>
              )}
            </Table>
          </Card>
          <Card title={t('differences.entries')}>
            {report.entries.length < report.entryCount && (
              <p className="mb-2 text-sm text-slate-600 dark:text-slate-300">
                {t('differences.entriesShown', { shown: report.entries.length, count: report.entryCount })}
              </p>
            )}
            <Table
              framed
              region
              caption={t('differences.entriesCaption')}
              columns={[
                t('differences.columns.acceptedAt'),
                t('differences.columns.order'),
                { label: t('differences.columns.difference'), numeric: true },
                t('differences.columns.category'),
                t('differences.columns.reason'),
                t('differences.columns.acceptedBy'),
              ]}
              rows={report.entries}
            >
              {(entry) => {
                const amount = BigInt(entry.amount);
                return (
                  <tr key={entry.id} data-testid="difference-entry">
                    <TD nowrap>{formatDateTime(new Date(entry.acceptedAt), locale)}</TD>
                    <TD nowrap>
                      <TextLink href={`/orders/${encodeURIComponent(entry.reference)}`}>{entry.reference}</TextLink>
                    </TD>
                    <TD numeric nowrap>
                      {amount < 0n
                        ? t('differences.differenceShort', { amount: formatRupiah(-amount) })
                        : t('differences.differenceOver', { amount: formatRupiah(amount) })}
                    </TD>
                    <TD>{t(`common.differenceCategory.${entry.category}`)}</TD>
                    <TD className="min-w-48">{entry.reason}</TD>
                    <TD>{actorName(entry.acceptedBy, t('orders.history.system'))}</TD>
                  </tr>
                );
              }}
            </Table>
          </Card>
        </div>
      )}
    </>
  );
}
