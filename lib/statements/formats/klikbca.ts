import { detectLayout, parseLayout, type Layout } from '@/lib/statements/layout';
import { isKlikBcaHeader, klikBcaColumns } from '@/lib/statements/formats/klikbca-columns';
import { headerName, SAMPLE_LINES, type TableLine } from '@/lib/statements/table';
import type { ParsedStatement, ParseOptions } from '@/lib/statements/types';

/**
 * KlikBCA personal: a label block ("No. rekening", "Nama", "Periode"), dates as `'01/11`
 * (the year is in Periode), a CR/DB column after Jumlah or CR/DB inside it, PEND lines for
 * what is not booked yet, and Saldo Awal / Mutasi Kredit / Mutasi Debet / Saldo Akhir below.
 */
export const klikBcaLayout: Layout = { format: 'klikbca', isHeader: isKlikBcaHeader, columns: klikBcaColumns };

/** Personal exports name the account "No. rekening" or leave the CR/DB column's header empty. */
function looksPersonal(lines: readonly TableLine[]): boolean {
  return lines.slice(0, SAMPLE_LINES).some(({ cells }) => {
    const names = cells.map(headerName);
    if (/^no rekening\b/.test(names[0] ?? '')) return true;
    const amount = names.findIndex((name) => name.startsWith('jumlah'));
    return isKlikBcaHeader(names) && amount >= 0 && names[amount + 1] === '' && names.length > amount + 2;
  });
}

export function detect(lines: readonly TableLine[]): boolean {
  return detectLayout(lines, klikBcaLayout) && looksPersonal(lines);
}

export function parse(lines: readonly TableLine[], options: ParseOptions): ParsedStatement {
  return parseLayout(lines, klikBcaLayout, options);
}
