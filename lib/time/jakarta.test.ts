import { describe, expect, test } from 'vitest';
import {
  addDays,
  daysBetween,
  formatJakartaDateTime,
  isDay,
  jakartaDay,
  jakartaDayRange,
  parseJakartaDateTime,
  startOfJakartaDay,
} from '@/lib/time/jakarta';

describe('parseJakartaDateTime', () => {
  test.each([
    { label: 'Moota format', text: '2026-11-28 10:14:07', iso: '2026-11-28T03:14:07.000Z' },
    { label: 'ISO-style T separator', text: '2026-11-28T10:14:07', iso: '2026-11-28T03:14:07.000Z' },
    { label: 'missing seconds', text: '2026-11-28 10:14', iso: '2026-11-28T03:14:00.000Z' },
    { label: 'early morning falls on the previous UTC day', text: '2026-11-28 03:00:00', iso: '2026-11-27T20:00:00.000Z' },
    { label: 'new year in Jakarta is still last year in UTC', text: '2027-01-01 00:00:00', iso: '2026-12-31T17:00:00.000Z' },
    { label: 'leap day', text: '2028-02-29 12:00:00', iso: '2028-02-29T05:00:00.000Z' },
    { label: 'last second of the day', text: '2026-11-28 23:59:59', iso: '2026-11-28T16:59:59.000Z' },
    { label: 'surrounding whitespace', text: ' 2026-11-28 10:14:07\n', iso: '2026-11-28T03:14:07.000Z' },
    { label: 'two-digit year stays two-digit', text: '0050-06-01 07:00:00', iso: '0050-06-01T00:00:00.000Z' },
  ])('$label: $text', ({ text, iso }) => {
    expect(parseJakartaDateTime(text).toISOString()).toBe(iso);
  });

  test.each([
    { label: 'February 30th', text: '2026-02-30 10:00:00', message: '2026-02 has no day 30' },
    { label: 'February 29th outside a leap year', text: '2026-02-29 10:00:00', message: '2026-02 has no day 29' },
    { label: 'February 29th in 2100', text: '2100-02-29 10:00:00', message: '2100-02 has no day 29' },
    { label: 'April 31st', text: '2026-04-31 10:00:00', message: '2026-04 has no day 31' },
    { label: 'day zero', text: '2026-11-00 10:00:00', message: 'has no day 0' },
    { label: 'month 13', text: '2026-13-01 10:00:00', message: 'month 13 does not exist' },
    { label: 'month zero', text: '2026-00-01 10:00:00', message: 'month 0 does not exist' },
    { label: 'hour 25', text: '2026-11-28 25:00:00', message: 'hour 25 does not exist' },
    { label: 'hour 24', text: '2026-11-28 24:00:00', message: 'hour 24 does not exist' },
    { label: 'minute 60', text: '2026-11-28 10:60:00', message: 'minute 60 does not exist' },
    { label: 'leap second', text: '2026-11-28 10:00:60', message: 'second 60 does not exist' },
    { label: 'explicit zone', text: '2026-11-28T10:14:07Z', message: 'expected a Jakarta date-time' },
    { label: 'explicit offset', text: '2026-11-28T10:14:07+07:00', message: 'expected a Jakarta date-time' },
    { label: 'date only', text: '2026-11-28', message: 'expected a Jakarta date-time' },
    { label: 'day-first order', text: '28-11-2026 10:14:07', message: 'got "28-11-2026 10:14:07"' },
    { label: 'fractional seconds', text: '2026-11-28 10:14:07.123', message: 'expected a Jakarta date-time' },
    { label: 'empty', text: '', message: 'got ""' },
  ])('rejects $label', ({ text, message }) => {
    expect(() => parseJakartaDateTime(text)).toThrow(RangeError);
    expect(() => parseJakartaDateTime(text)).toThrow(message);
  });
});

describe('formatJakartaDateTime', () => {
  test.each([
    { label: 'afternoon UTC is evening in Jakarta', iso: '2026-11-28T10:14:07.000Z', text: '2026-11-28 17:14:07' },
    { label: 'late UTC evening is the next Jakarta day', iso: '2026-12-31T17:00:00.000Z', text: '2027-01-01 00:00:00' },
    { label: 'milliseconds are dropped', iso: '2026-11-28T03:14:07.999Z', text: '2026-11-28 10:14:07' },
  ])('$label', ({ iso, text }) => {
    expect(formatJakartaDateTime(new Date(iso))).toBe(text);
  });

  test.each([
    { label: 'Moota timestamp', text: '2026-11-28 10:14:07' },
    { label: 'midnight', text: '2026-11-28 00:00:00' },
    { label: 'leap day', text: '2028-02-29 23:59:59' },
  ])('round-trips $label', ({ text }) => {
    expect(formatJakartaDateTime(parseJakartaDateTime(text))).toBe(text);
  });

  test('rejects an invalid Date', () => {
    expect(() => formatJakartaDateTime(new Date(Number.NaN))).toThrow('invalid Date');
  });
});

describe('Jakarta days', () => {
  test.each([
    ['a UTC morning is the same day', '2026-11-28T03:00:00Z', '2026-11-28'],
    ['late in the UTC evening it is already the next day', '2026-11-28T18:30:00Z', '2026-11-29'],
    ['17:00 UTC is Jakarta midnight', '2026-11-28T17:00:00Z', '2026-11-29'],
    ['a minute before is still the day before', '2026-11-28T16:59:59Z', '2026-11-28'],
  ])('jakartaDay: %s', (_label, iso, day) => {
    expect(jakartaDay(new Date(iso))).toBe(day);
  });

  test('a Jakarta day starts at 17:00 UTC the day before', () => {
    expect(startOfJakartaDay('2026-11-29').toISOString()).toBe('2026-11-28T17:00:00.000Z');
  });

  test.each([
    [
      'a single day runs midnight to midnight Jakarta time',
      '2026-11-28',
      '2026-11-28',
      { gte: new Date('2026-11-27T17:00:00Z'), lt: new Date('2026-11-28T17:00:00Z') },
    ],
    ['only a start', '2026-11-01', undefined, { gte: new Date('2026-10-31T17:00:00Z') }],
    ['only an end', undefined, '2026-11-30', { lt: new Date('2026-11-30T17:00:00Z') }],
    ['an end at the end of a month', null, '2026-11-03', { lt: new Date('2026-11-03T17:00:00Z') }],
    ['neither', undefined, undefined, {}],
  ])('jakartaDayRange: %s', (_label, from, to, expected) => {
    expect(jakartaDayRange(from, to)).toEqual(expected);
  });

  test.each([
    ['a real day', '2026-11-28', true],
    ['a leap day', '2028-02-29', true],
    ['no leap day in 2026', '2026-02-29', false],
    ['no 30 February', '2026-02-30', false],
    ['day first', '28-11-2026', false],
    ['with a time', '2026-11-28 10:00:00', false],
  ])('isDay: %s', (_label, text, expected) => {
    expect(isDay(text)).toBe(expected);
  });

  test.each([
    ['the next day', '2026-11-28', 1, '2026-11-29'],
    ['over a month end', '2026-11-30', 1, '2026-12-01'],
    ['over a year end, backwards', '2027-01-01', -1, '2026-12-31'],
    ['thirty days back', '2026-11-28', -29, '2026-10-30'],
  ])('addDays: %s', (_label, day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
    expect(daysBetween(day, expected)).toBe(days);
  });

  test('day arithmetic refuses a day that does not exist', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow('no such day: 2026-02-30');
  });
});
