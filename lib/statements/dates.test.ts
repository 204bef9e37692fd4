import { describe, expect, test } from 'vitest';
import { occurredAt, parseStatementDate, parseTimeCell, yearWithin, type DateReading } from '@/lib/statements/dates';

describe('parseStatementDate', () => {
  test.each<[string, string, DateReading, string, string | null]>([
    ['KlikBCA with a year', '02/01/2026', 'day-first', '2026-01-02', null],
    ['two-digit year', '01/11/24', 'day-first', '2024-11-01', null],
    ['ISO', '2024-11-01', 'day-first', '2024-11-01', null],
    ['dashes, day first', '01-11-2024', 'day-first', '2024-11-01', null],
    ['with a time', '01/11/2024 10:15:23', 'day-first', '2024-11-01', '10:15:23'],
    ['with a dotted time, no seconds', '01/11/2024 10.15', 'day-first', '2024-11-01', '10:15:00'],
    ['month names in Indonesian', '01 Agu 2024', 'day-first', '2024-08-01', null],
    ['month names in English, BNI style', '01-Dec-24', 'day-first', '2024-12-01', null],
    ['mapped month first', '11/01/2024', 'MM/DD/YYYY', '2024-11-01', null],
    ['mapped DD/MM/YY', '01/11/24', 'DD/MM/YY', '2024-11-01', null],
    ['mapped ISO with T and time', '2024-11-01T08:00:00', 'YYYY-MM-DD', '2024-11-01', '08:00:00'],
  ])('%s: %s', (_label, cell, reading, day, time) => {
    expect(parseStatementDate(cell, reading)).toEqual({ day, time });
  });

  test.each<[string, string, DateReading]>([
    ['no such day', '31/11/2024', 'day-first'],
    ['no such month', '01/13/2024', 'day-first'],
    ['words', 'PEND', 'day-first'],
    ['a time that does not exist', '01/11/2024 25:00', 'day-first'],
    ['the wrong mapped format', '2024-11-01', 'DD/MM/YYYY'],
    ['an unknown month name', '01 Foo 2024', 'day-first'],
  ])('%s: %s is unreadable', (_label, cell, reading) => {
    expect(parseStatementDate(cell, reading)).toBe('unreadable');
  });

  test('a day and month take their year from the period, or say they have none', () => {
    const period = { from: '2024-12-15', to: '2025-01-14' };
    expect(parseStatementDate('20/12', 'day-first', yearWithin(period, null))).toEqual({ day: '2024-12-20', time: null });
    expect(parseStatementDate('05/01', 'day-first', yearWithin(period, null))).toEqual({ day: '2025-01-05', time: null });
    expect(parseStatementDate('05/01', 'day-first', yearWithin(null, 2023))).toEqual({ day: '2023-01-05', time: null });
    expect(parseStatementDate('05/01', 'day-first')).toBe('noYear');
  });
});

test.each<[string, string | null]>([
  ['124141', '12:41:41'],
  ['91500', '09:15:00'],
  ['12:41', '12:41:00'],
  ['12.41.05', '12:41:05'],
  ['256000', null],
  ['noon', null],
])('parseTimeCell(%j)', (cell, expected) => {
  expect(parseTimeCell(cell)).toBe(expected);
});

test('occurredAt is Jakarta midnight, or the Jakarta time when there is one', () => {
  expect(occurredAt({ day: '2024-11-01', time: null }).toISOString()).toBe('2024-10-31T17:00:00.000Z');
  expect(occurredAt({ day: '2024-11-01', time: '10:15:23' }).toISOString()).toBe('2024-11-01T03:15:23.000Z');
});
