import { column, detectLayout, parseLayout, type Layout } from '@/lib/statements/layout';
import type { TableLine } from '@/lib/statements/table';
import type { ParsedStatement, ParseOptions } from '@/lib/statements/types';

/**
 * BRI's mutation export (CMS / e-statement CSV): NOREK, TGL_TRAN, JAM_TRAN (124141), DESK_TRAN,
 * MUTASI_DEBET, MUTASI_KREDIT, SALDO_AKHIR_MUTASI, one account per file.
 */
export const briLayout: Layout = {
  format: 'bri',
  isHeader: (names) => names.includes('desk tran') && names.includes('mutasi debet') && names.includes('mutasi kredit'),
  columns: (names) => ({
    date: column(names, /^tgl tran$/) ?? column(names, /^tgl/)!,
    time: column(names, /^jam tran$/),
    description: [column(names, /^desk tran$/)!],
    debit: column(names, /^mutasi debet$/),
    credit: column(names, /^mutasi kredit$/),
    balance: column(names, /^saldo akhir mutasi$/),
  }),
  accountColumn: (names) => names.indexOf('norek'),
};

export function detect(lines: readonly TableLine[]): boolean {
  return detectLayout(lines, briLayout);
}

export function parse(lines: readonly TableLine[], options: ParseOptions): ParsedStatement {
  return parseLayout(lines, briLayout, options);
}
