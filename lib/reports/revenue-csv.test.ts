import { describe, expect, test } from 'vitest';
import type { CsvSeparator } from '@/lib/csv/writer';
import { revenueCsv, type RevenueCsvLabels } from '@/lib/reports/revenue-csv';

const labels: RevenueCsvLabels = {
  columns: {
    periodStart: 'Awal periode',
    period: 'Periode',
    paidOrders: 'Pesanan dibayar',
    revenue: 'Pendapatan (Rp)',
    averageOrder: 'Rata-rata (Rp)',
    automatic: 'Otomatis',
    byHand: 'Manual',
    automaticShare: 'Porsi otomatis',
    medianMinutes: 'Median menit',
  },
  total: 'Total',
  periodName: (key) => `Minggu dari ${key}`,
};

const report = {
  rows: [
    { period: '2026-11-23', label: '2026-W48', orders: 2, revenue: '300001', averageOrder: '150001' },
    { period: '2026-11-30', label: '2026-W49', orders: 0, revenue: '0', averageOrder: null },
  ],
  matching: [
    { period: '2026-11-23', label: '2026-W48', automatic: 3, byHand: 1, automaticShare: 0.75, medianMinutes: 2.5 },
    { period: '2026-11-30', label: '2026-W49', automatic: 0, byHand: 0, automaticShare: null, medianMinutes: null },
  ],
  totals: { orders: 2, revenue: '300001', averageOrder: '150001', automatic: 3, byHand: 1, automaticShare: 0.75 },
};

describe('revenueCsv', () => {
  test.each<[string, CsvSeparator, string[]]>([
    [
      'Indonesian: semicolons and decimal commas',
      ';',
      [
        '\uFEFFAwal periode;Periode;Pesanan dibayar;Pendapatan (Rp);Rata-rata (Rp);Otomatis;Manual;Porsi otomatis;Median menit',
        '2026-11-23;Minggu dari 2026-11-23;2;300001;150001;3;1;"0,7500";"2,5"',
        '2026-11-30;Minggu dari 2026-11-30;0;0;;0;0;;',
        'Total;Total;2;300001;150001;3;1;"0,7500";',
        '',
      ],
    ],
    [
      'English: commas and decimal points',
      ',',
      [
        '\uFEFFAwal periode,Periode,Pesanan dibayar,Pendapatan (Rp),Rata-rata (Rp),Otomatis,Manual,Porsi otomatis,Median menit',
        '2026-11-23,Minggu dari 2026-11-23,2,300001,150001,3,1,0.7500,2.5',
        '2026-11-30,Minggu dari 2026-11-30,0,0,,0,0,,',
        'Total,Total,2,300001,150001,3,1,0.7500,',
        '',
      ],
    ],
  ])('%s, one line per period and a total line', (_label, separator, lines) => {
    expect(revenueCsv(report, separator, labels).split('\r\n')).toEqual(lines);
  });

  test('through the one CSV writer: a negative amount stays a number, a formula in a label is defused', () => {
    const csv = revenueCsv(
      {
        rows: [{ period: '2026-11-23', label: 'W48;=1+1', orders: 1, revenue: '-5000', averageOrder: '-5000' }],
        matching: [{ period: '2026-11-23', label: 'W48;=1+1', automatic: 1, byHand: 0, automaticShare: 1, medianMinutes: 0 }],
        totals: { orders: 1, revenue: '-5000', averageOrder: '-5000', automatic: 1, byHand: 0, automaticShare: 1 },
      },
      ';',
      { ...labels, periodName: () => 'W48;=1+1' },
    );
    expect(csv.split('\r\n')[1]).toBe(`2026-11-23;"W48;'=1+1";1;-5000;-5000;1;0;"1,0000";"0,0"`);
  });
});
