import { describe, expect, test } from 'vitest';
import { csvField, revenueCsv } from '@/lib/reports/revenue-csv';

describe('csvField', () => {
  test.each([
    { label: 'a plain number', value: 150123, text: '150123' },
    { label: 'nothing is an empty field', value: null, text: '' },
    { label: 'a comma is quoted', value: 'BCA, cabang', text: '"BCA, cabang"' },
    { label: 'quotes are doubled', value: 'say "hi"', text: '"say ""hi"""' },
    { label: 'a formula is defused', value: '=HYPERLINK("x")', text: `"'=HYPERLINK(""x"")"` },
    { label: 'a negative number stays a number', value: '-1500', text: '-1500' },
  ])('$label', ({ value, text }) => {
    expect(csvField(value)).toBe(text);
  });
});

describe('revenueCsv', () => {
  test('one line per period and a total line', () => {
    const csv = revenueCsv({
      rows: [
        { period: '2026-11-23', label: '2026-W48', orders: 2, revenue: '300001', averageOrder: '150001' },
        { period: '2026-11-30', label: '2026-W49', orders: 0, revenue: '0', averageOrder: null },
      ],
      matching: [
        { period: '2026-11-23', label: '2026-W48', automatic: 3, byHand: 1, automaticShare: 0.75, medianMinutes: 2.5 },
        { period: '2026-11-30', label: '2026-W49', automatic: 0, byHand: 0, automaticShare: null, medianMinutes: null },
      ],
      totals: { orders: 2, revenue: '300001', averageOrder: '150001', automatic: 3, byHand: 1, automaticShare: 0.75 },
    });
    expect(csv.split('\r\n')).toEqual([
      'period_start,period,paid_orders,revenue_idr,average_order_idr,matched_automatically,matched_by_hand,automatic_share,median_minutes_to_match',
      '2026-11-23,2026-W48,2,300001,150001,3,1,0.7500,2.5',
      '2026-11-30,2026-W49,0,0,,0,0,,',
      'total,total,2,300001,150001,3,1,0.7500,',
      '',
    ]);
  });
});
