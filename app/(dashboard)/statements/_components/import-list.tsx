import { getLocale, getTranslations } from 'next-intl/server';
import { Badge, type Tone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/card';
import { Table, TD } from '@/components/ui/table';
import { TextLink } from '@/components/ui/text-link';
import { formatDateTime } from '@/lib/format';
import type { StatementImportRow } from '@/lib/queries/statements';

export const STATE_TONES: Record<StatementImportRow['state'], Tone> = { queued: 'slate', running: 'amber', done: 'green', failed: 'red' };

/** Past statement imports with what became of their rows. */
export async function ImportList({ imports }: { imports: StatementImportRow[] }) {
  const t = await getTranslations();
  const locale = await getLocale();
  return (
    <Table
      framed
      region
      caption={t('statements.history')}
      columns={[
        t('statements.columns.file'),
        t('statements.columns.account'),
        t('statements.columns.when'),
        t('statements.columns.by'),
        t('statements.columns.state'),
        { label: t('statements.columns.rows'), numeric: true },
        { label: t('statements.columns.new'), numeric: true },
        { label: t('statements.columns.seen'), numeric: true },
        { label: t('statements.columns.imported'), numeric: true },
        { label: t('statements.columns.possible'), numeric: true },
        { label: t('statements.columns.problems'), numeric: true },
      ]}
      rows={imports}
      empty={<EmptyState title={t('statements.empty')} />}
    >
      {(row) => (
        <tr key={row.id} data-testid="statement-import-row" data-state={row.state}>
          <TD className="max-w-56 break-words">
            <TextLink href={`/statements/${row.id}`} className="font-medium">
              {row.fileName}
            </TextLink>
          </TD>
          <TD nowrap>{`${row.account.label ?? ''} ${row.account.maskedNumber}`.trim()}</TD>
          <TD nowrap>{formatDateTime(new Date(row.createdAt), locale)}</TD>
          <TD>{row.createdBy}</TD>
          <TD>
            <Badge tone={STATE_TONES[row.state]}>{t(`statements.state.${row.state}`)}</Badge>
          </TD>
          <TD numeric>{row.state === 'running' ? `${row.rowsDone}/${row.rowsTotal}` : row.rowsTotal}</TD>
          <TD numeric data-cell="new">
            {row.mutationsNew}
          </TD>
          <TD numeric data-cell="seen">
            {row.seen}
          </TD>
          <TD numeric data-cell="imported">
            {row.alreadyImported}
          </TD>
          <TD numeric data-cell="possible">
            {row.possibleDuplicates}
          </TD>
          <TD numeric data-cell="problems">
            {row.problems}
          </TD>
        </tr>
      )}
    </Table>
  );
}
