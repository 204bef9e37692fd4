import { column } from '@/lib/statements/layout';
import type { Columns } from '@/lib/statements/rows';

/** KlikBCA's table (personal and Bisnis): Tanggal, Keterangan, Cabang, Jumlah, [CR/DB], Saldo. */
export function isKlikBcaHeader(names: readonly string[]): boolean {
  return (
    /^tanggal/.test(names[0] ?? '') && names.includes('keterangan') && names.includes('cabang') && names.some((name) => name.startsWith('jumlah'))
  );
}

export function klikBcaColumns(names: readonly string[]): Columns {
  const amount = column(names, /^jumlah/)!;
  // Personal exports leave the header of the CR/DB column after Jumlah empty.
  const type = column(names, /^(cr\/db|db\/cr|d\/k|k\/d|jenis)$/) ?? (names[amount + 1] === '' ? amount + 1 : undefined);
  return { date: 0, description: [column(names, /^keterangan/)!], amount, type, balance: column(names, /^saldo/) };
}
