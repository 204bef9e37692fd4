import { describe, expect, test } from 'vitest';
import { formatJakartaDateTime, parseJakartaDateTime } from './jakarta-time';

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
