import { column, detectLayout, parseLayout, type Layout } from '@/lib/statements/layout';
import type { TableLine } from '@/lib/statements/table';
import type { ParsedStatement, ParseOptions } from '@/lib/statements/types';

/**
 * BNI's account statement: Posting Date (with time), Effective Date, Branch, Journal,
 * Transaction Description, Amount, DB/CR (D/K or DB/CR), Balance, under a label block.
 */
export const bniLayout: Layout = {
  format: 'bni',
  isHeader: (names) =>
    names.includes('posting date') && names.some((name) => name.startsWith('journal')) && names.some((name) => /^(db\/cr|d\/k)$/.test(name)),
  columns: (names) => ({
    date: column(names, /^posting date$/)!,
    description: [column(names, /description$/)!],
    amount: column(names, /^amount$/)!,
    type: column(names, /^(db\/cr|d\/k)$/),
    balance: column(names, /^balance$/),
  }),
};

export function detect(lines: readonly TableLine[]): boolean {
  return detectLayout(lines, bniLayout);
}

export function parse(lines: readonly TableLine[], options: ParseOptions): ParsedStatement {
  return parseLayout(lines, bniLayout, options);
}
