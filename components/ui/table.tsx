import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';

/** A column heading; `numeric` right-aligns it over amounts and counts, `srOnly` hides it from sight (an actions column). */
export type Column = string | { label: string; numeric?: boolean; srOnly?: boolean };

const cellClass = 'px-3 py-2 align-top text-slate-800 dark:text-slate-200';
const numericClass = 'whitespace-nowrap text-right tabular-nums';

/**
 * A table that scrolls sideways on a narrow screen instead of pushing the page wider. `framed`
 * draws its own border (a list standing alone on a page); unframed it sits inside a card.
 * `region` makes the scrolling box reachable by keyboard, for tables that are often wider than
 * the screen. `empty` replaces the whole table when there are no rows.
 */
export function Table<Row>({
  caption,
  columns,
  rows,
  children,
  foot,
  empty,
  framed = false,
  region = false,
  className = '',
  testId,
}: {
  caption: string;
  columns: Column[];
  rows: readonly Row[];
  children: (row: Row, index: number) => ReactNode;
  foot?: ReactNode;
  empty?: ReactNode;
  framed?: boolean;
  region?: boolean;
  className?: string;
  testId?: string;
}) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  return (
    <div
      className={`relative overflow-x-auto ${framed ? 'rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900' : ''}`}
      {...(region ? { tabIndex: 0, role: 'region', 'aria-label': caption } : {})}
    >
      <table className={`min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-700 ${className}`} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className={framed ? 'bg-slate-50 dark:bg-slate-800' : undefined}>
          <tr>
            {columns.map((column, index) => {
              const { label, numeric = false, srOnly = false } = typeof column === 'string' ? { label: column } : column;
              return (
                <th
                  key={index}
                  scope="col"
                  className={`whitespace-nowrap px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300 ${numeric ? 'text-right' : 'text-left'}`}
                >
                  {srOnly ? <span className="sr-only">{label}</span> : label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">{rows.map(children)}</tbody>
        {foot && <tfoot className="font-semibold">{foot}</tfoot>}
      </table>
    </div>
  );
}

type CellProps = { numeric?: boolean; nowrap?: boolean };

/** A data cell; `numeric` right-aligns money and counts with even-width digits. */
export function TD({ numeric = false, nowrap = false, className = '', ...props }: TdHTMLAttributes<HTMLTableCellElement> & CellProps) {
  return <td className={`${cellClass} ${numeric ? numericClass : ''} ${nowrap ? 'whitespace-nowrap' : ''} ${className}`} {...props} />;
}

/** The cell that names its row (a period, an account), read out before each of the row's values; `total` in a footer. */
export function RowHeader({ total = false, className = '', ...props }: ThHTMLAttributes<HTMLTableCellElement> & { total?: boolean }) {
  return <th scope="row" className={`${cellClass} text-left ${total ? 'font-semibold' : 'font-normal'} ${className}`} {...props} />;
}
