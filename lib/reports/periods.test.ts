import { describe, expect, test } from 'vitest';
import { fillPeriods, isoWeek, periodKeys, periodLabel, periodName, periodOf, type Granularity } from '@/lib/reports/periods';
import { addDays } from '@/lib/time/jakarta';

describe('periodOf', () => {
  test.each([
    { label: 'a day is its own period', day: '2026-11-28', granularity: 'day', period: '2026-11-28' },
    { label: 'a Saturday belongs to the week from Monday', day: '2026-11-28', granularity: 'week', period: '2026-11-23' },
    { label: 'a Monday starts its week', day: '2026-11-23', granularity: 'week', period: '2026-11-23' },
    { label: 'a Sunday ends the week before', day: '2026-11-29', granularity: 'week', period: '2026-11-23' },
    { label: 'a week crossing the new year starts in December', day: '2027-01-01', granularity: 'week', period: '2026-12-28' },
    { label: 'a month starts on the first', day: '2026-11-28', granularity: 'month', period: '2026-11-01' },
    { label: 'the 29th of February of a leap year', day: '2028-02-29', granularity: 'month', period: '2028-02-01' },
  ] satisfies { label: string; day: string; granularity: Granularity; period: string }[])('$label', ({ day, granularity, period }) => {
    expect(periodOf(day, granularity)).toBe(period);
  });

  test('a day that does not exist is refused', () => {
    expect(() => periodOf('2026-02-30', 'day')).toThrow(/no such day/);
  });
});

describe('periodKeys', () => {
  test.each([
    {
      label: 'days of a short range, both ends included',
      from: '2026-11-27',
      to: '2026-11-29',
      granularity: 'day',
      keys: ['2026-11-27', '2026-11-28', '2026-11-29'],
    },
    { label: 'one day', from: '2026-11-28', to: '2026-11-28', granularity: 'day', keys: ['2026-11-28'] },
    { label: 'days across a month end', from: '2026-02-27', to: '2026-03-01', granularity: 'day', keys: ['2026-02-27', '2026-02-28', '2026-03-01'] },
    {
      label: 'weeks touching the range start on Mondays',
      from: '2026-11-05',
      to: '2026-11-28',
      granularity: 'week',
      keys: ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'],
    },
    {
      label: 'weeks across the year end',
      from: '2026-12-24',
      to: '2027-01-06',
      granularity: 'week',
      keys: ['2026-12-21', '2026-12-28', '2027-01-04'],
    },
    {
      label: 'months across the year end',
      from: '2026-11-15',
      to: '2027-02-02',
      granularity: 'month',
      keys: ['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01'],
    },
  ] satisfies { label: string; from: string; to: string; granularity: Granularity; keys: string[] }[])(
    '$label',
    ({ from, to, granularity, keys }) => {
      expect(periodKeys(from, to, granularity)).toEqual(keys);
    },
  );

  test('thirty days ending today are thirty keys', () => {
    expect(periodKeys(addDays('2026-11-28', -29), '2026-11-28', 'day')).toHaveLength(30);
  });
});

describe('periodLabel and isoWeek', () => {
  test.each([
    { label: 'a day', key: '2026-11-28', granularity: 'day', text: '2026-11-28' },
    { label: 'a month', key: '2026-11-01', granularity: 'month', text: '2026-11' },
    { label: 'a week in November', key: '2026-11-23', granularity: 'week', text: '2026-W48' },
    { label: 'the week of 1 January 2027 is week 53 of 2026', key: '2026-12-28', granularity: 'week', text: '2026-W53' },
    { label: 'the week of 29 December 2025 is week 1 of 2026', key: '2025-12-29', granularity: 'week', text: '2026-W01' },
  ] satisfies { label: string; key: string; granularity: Granularity; text: string }[])('$label', ({ key, granularity, text }) => {
    expect(periodLabel(key, granularity)).toBe(text);
  });

  test.each([
    { label: 'a Thursday in the first week', day: '2026-01-01', year: 2026, week: 1 },
    { label: 'a Sunday closing week 52', day: '2023-01-01', year: 2022, week: 52 },
  ])('$label', ({ day, year, week }) => {
    expect(isoWeek(day)).toEqual({ year, week });
  });
});

describe('fillPeriods', () => {
  const empty = (period: string) => ({ period, amount: '0' });

  test.each([
    { label: 'empty periods are filled between rows', rows: [{ period: 'b', amount: '5' }], keys: ['a', 'b', 'c'], filled: ['0', '5', '0'] },
    { label: 'no rows at all gives a zero row per key', rows: [], keys: ['a', 'b'], filled: ['0', '0'] },
    {
      label: 'rows out of order come back in key order',
      rows: [
        { period: 'c', amount: '3' },
        { period: 'a', amount: '1' },
      ],
      keys: ['a', 'b', 'c'],
      filled: ['1', '0', '3'],
    },
  ])('$label', ({ rows, keys, filled }) => {
    const result = fillPeriods(rows, keys, empty);
    expect(result.map((row) => row.period)).toEqual(keys);
    expect(result.map((row) => row.amount)).toEqual(filled);
  });

  test('a row outside the periods is a bug, not silently dropped', () => {
    expect(() => fillPeriods([{ period: 'z', amount: '1' }], ['a'], empty)).toThrow(/outside/);
  });
});

describe('periodName', () => {
  const words = {
    id: { today: (day: string) => `Hari ini, ${day}`, week: (week: number, days: string) => `Minggu ${week} (${days})` },
    en: { today: (day: string) => `Today, ${day}`, week: (week: number, days: string) => `Week ${week} (${days})` },
  };
  test.each([
    { label: 'a day of this year', key: '2026-11-05', granularity: 'day', id: '5 Nov', en: '5 Nov' },
    { label: 'today', key: '2026-12-02', granularity: 'day', id: 'Hari ini, 2 Des', en: 'Today, 2 Dec' },
    { label: 'a day of another year keeps its year', key: '2025-12-31', granularity: 'day', id: '31 Des 2025', en: '31 Dec 2025' },
    { label: 'a week within a month', key: '2026-11-02', granularity: 'week', id: 'Minggu 45 (2–8 Nov)', en: 'Week 45 (2 – 8 Nov)' },
    { label: 'a week across two months', key: '2026-11-30', granularity: 'week', id: 'Minggu 49 (30 Nov – 6 Des)', en: 'Week 49 (30 Nov – 6 Dec)' },
    {
      label: 'a week across the new year',
      key: '2026-12-28',
      granularity: 'week',
      id: 'Minggu 53 (28 Des 2026 – 3 Jan 2027)',
      en: 'Week 53 (28 Dec 2026 – 3 Jan 2027)',
    },
    { label: 'a month', key: '2026-11-01', granularity: 'month', id: 'November 2026', en: 'November 2026' },
    { label: 'a month in Indonesian', key: '2026-08-01', granularity: 'month', id: 'Agustus 2026', en: 'August 2026' },
  ] satisfies { label: string; key: string; granularity: Granularity; id: string; en: string }[])('$label', ({ key, granularity, id, en }) => {
    const normal = (text: string) => text.replace(/\s/g, ' ');
    expect(normal(periodName(key, granularity, 'id', '2026-12-02', words.id))).toBe(id);
    expect(normal(periodName(key, granularity, 'en', '2026-12-02', words.en))).toBe(en);
  });
});
