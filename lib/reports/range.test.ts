import { describe, expect, test } from 'vitest';
import { parseRange, rangeInstants, rangeOrDefault } from '@/lib/reports/range';

const TODAY = '2026-11-28';
const query = (text: string) => new URLSearchParams(text);

describe('parseRange', () => {
  test.each([
    { label: 'nothing given: the last 30 days per day', text: '', range: { from: '2026-10-30', to: '2026-11-28', granularity: 'day' } },
    {
      label: 'all given',
      text: 'from=2026-01-01&to=2026-03-31&granularity=month',
      range: { from: '2026-01-01', to: '2026-03-31', granularity: 'month' },
    },
    {
      label: 'one day',
      text: 'from=2026-11-28&to=2026-11-28&granularity=week',
      range: { from: '2026-11-28', to: '2026-11-28', granularity: 'week' },
    },
    { label: 'empty values take defaults', text: 'from=&to=&granularity=', range: { from: '2026-10-30', to: '2026-11-28', granularity: 'day' } },
  ])('$label', ({ text, range }) => {
    expect(parseRange(query(text), TODAY)).toEqual({ ok: true, range });
  });

  test.each([
    { label: 'a malformed day', text: 'from=28-11-2026', message: /from must be a day/, problem: 'notADay' },
    { label: 'a day that does not exist', text: 'to=2026-02-30', message: /to must be a day/, problem: 'notADay' },
    { label: 'an unknown granularity', text: 'granularity=year', message: /granularity must be one of/, problem: 'granularity' },
    { label: 'from after to', text: 'from=2026-11-29&to=2026-11-28', message: /not be after/, problem: 'backwards' },
    { label: 'more than two years', text: 'from=2020-01-01&to=2026-11-28', message: /at most/, problem: 'tooLong' },
    {
      label: 'year 0000',
      text: 'from=0000-01-01&to=0000-12-31',
      message: /The from day \(0000-01-01\) must be between 2000-01-01 and 2100-12-31/,
      problem: 'implausibleDay',
    },
    { label: 'year 9999', text: 'from=9999-01-01&to=9999-12-31', message: /The from day \(9999-01-01\) must be between/, problem: 'implausibleDay' },
    { label: 'a NUL in a day', text: 'from=2026-11-01%00', message: /from contains a character that cannot be stored/, problem: 'notADay' },
  ])('refuses $label', ({ text, message, problem }) => {
    const result = parseRange(query(text), TODAY);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
    expect(!result.ok && result.problem).toBe(problem);
  });

  test("a page's searchParams: the first of repeated values", () => {
    expect(parseRange({ from: ['2026-11-01', '2026-01-01'], to: '2026-11-28', granularity: undefined }, TODAY)).toEqual({
      ok: true,
      range: { from: '2026-11-01', to: '2026-11-28', granularity: 'day' },
    });
  });

  test('a page shows the default range, and says what was refused and why', () => {
    expect(rangeOrDefault(query('from=2026-11-29&to=2026-11-02'), TODAY)).toEqual({
      range: { from: '2026-10-30', to: '2026-11-28', granularity: 'day' },
      refused: { problem: 'backwards', from: '2026-11-29', to: '2026-11-02', granularity: 'day' },
    });
    expect(rangeOrDefault(query('from=2026-11-01'), TODAY)).toEqual({
      range: { from: '2026-11-01', to: '2026-11-28', granularity: 'day' },
      refused: null,
    });
  });
});

describe('rangeInstants', () => {
  test('a range runs from Jakarta midnight of the first day to Jakarta midnight after the last', () => {
    const { start, end } = rangeInstants({ from: '2026-11-01', to: '2026-11-30' });
    expect(start.toISOString()).toBe('2026-10-31T17:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-30T17:00:00.000Z');
  });
});
