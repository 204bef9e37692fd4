import { describe, expect, test } from 'vitest';
import { cleanCell, headerName, isFooter, readLabels, type TableLine } from '@/lib/statements/table';

const lines = (...rows: string[][]): TableLine[] => rows.map((cells, index) => ({ line: index + 1, cells, unclosedQuote: false }));

test.each([
  ["KlikBCA's apostrophe", "'01/11", '01/11'],
  ["Excel's formula text", '="0123456789"', '0123456789'],
  ['spaces', '  BIAYA ADM ', 'BIAYA ADM'],
  ['an apostrophe inside stays', "JUM'AT", "JUM'AT"],
])('cleanCell: %s', (_label, cell, expected) => {
  expect(cleanCell(cell)).toBe(expected);
});

test('headerName compares header cells loosely', () => {
  expect(['Val. Date', 'TGL_TRAN', 'DB/CR', ' Account No '].map(headerName)).toEqual(['val date', 'tgl tran', 'db/cr', 'account no']);
});

test.each<[string[], boolean]>([
  [['Saldo Awal', '=', '5,000,000.00'], true],
  [['', 'Mutasi Kredit : 1.000'], true],
  [['Saldo Akhir'], true],
  [['01/11', 'SALDO AWAL BULAN'], false],
  [['', ''], false],
])('isFooter(%j)', (cells, expected) => {
  expect(isFooter(cells)).toBe(expected);
});

describe('readLabels', () => {
  test.each<[string, TableLine[]]>([
    [
      'KlikBCA "Label,=,value"',
      lines(['No. rekening', '=', '0123456789'], ['Nama', '=', 'BUDI SANTOSO'], ['Periode', '=', '01/11/2024 - 30/11/2024']),
    ],
    ['"Label : value" in one cell', lines(['Nomor Rekening : 0123-456-789'], ['Nama : BUDI SANTOSO'], ['Periode : 01/11/2024 s/d 30/11/2024'])],
    [
      'label and value in two cells',
      lines(['Account Number', '0123456789'], ['Account Name', 'BUDI SANTOSO'], ['Period', '01 Nov 2024 - 30 Nov 2024']),
    ],
  ])('%s', (_label, block) => {
    expect(readLabels(block)).toEqual({ accountNumber: '0123456789', holder: 'BUDI SANTOSO', period: { from: '2024-11-01', to: '2024-11-30' } });
  });

  test('what it cannot read stays null', () => {
    expect(
      readLabels(lines(['No. rekening', '=', 'lihat di bawah'], ['Periode', '=', '30/11/2024 - 01/11/2024'], ['Kode Mata Uang', '=', 'Rp'])),
    ).toEqual({
      accountNumber: null,
      holder: null,
      period: null,
    });
  });
});
