import { column, columnsNamed, detectLayout, parseLayout, type Layout } from '@/lib/statements/layout';
import type { TableLine } from '@/lib/statements/table';
import type { ParsedStatement, ParseOptions } from '@/lib/statements/types';

/**
 * Mandiri Cash Management (MCM): Account No, Date, Val. Date, Transaction Code, Description,
 * Description, Reference No., Debit, Credit; DD/MM/YY dates; zero written ".00". Both
 * Description columns are kept, joined.
 */
export const mandiriMcmLayout: Layout = {
  format: 'mandiri-mcm',
  isHeader: (names) =>
    names.includes('account no') && names.filter((name) => name === 'description').length >= 2 && names.includes('debit') && names.includes('credit'),
  columns: (names) => ({
    date: column(names, /^(date|post date|posting date)$/)!,
    description: columnsNamed(names, /^description$/),
    debit: column(names, /^debit$/),
    credit: column(names, /^credit$/),
    balance: column(names, /^(balance|close balance|closing balance)$/),
  }),
  accountColumn: (names) => names.indexOf('account no'),
};

export function detect(lines: readonly TableLine[]): boolean {
  return detectLayout(lines, mandiriMcmLayout);
}

export function parse(lines: readonly TableLine[], options: ParseOptions): ParsedStatement {
  return parseLayout(lines, mandiriMcmLayout, options);
}
