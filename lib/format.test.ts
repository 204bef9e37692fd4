import { describe, expect, test } from 'vitest';
import { formatAge, formatDate, formatDateTime, formatDuration, formatPercent, formatRupiah } from '@/lib/format';

const nbsp = (text: string) => text.replace(/\u00a0|\u202f/g, ' ');

describe('formatting for people in Indonesia', () => {
  test.each([
    [150123n, 'Rp 150.123'],
    [0n, 'Rp 0'],
    [1_000_000_000n, 'Rp 1.000.000.000'],
  ])('rupiah %s → %s', (amount, text) => {
    expect(nbsp(formatRupiah(amount))).toBe(text);
  });

  test.each([
    ['id', '28 Nov 2026, 10.14'],
    ['en', '28 Nov 2026, 10:14'],
  ] as const)('a UTC instant is shown in Jakarta time (%s)', (locale, text) => {
    expect(nbsp(formatDateTime(new Date('2026-11-28T03:14:07Z'), locale))).toBe(text);
  });

  test('a date late in the UTC evening is already the next day in Jakarta', () => {
    const lateUtc = new Date('2026-11-28T18:30:00Z');
    expect(nbsp(formatDate(lateUtc, 'id'))).toBe('29 Nov 2026');
  });

  test.each([
    ['id', 3 * 3_600_000, '3 jam yang lalu'],
    ['en', 3 * 3_600_000, '3 hours ago'],
    ['en', 2 * 86_400_000, '2 days ago'],
    ['id', 30_000, '30 detik yang lalu'],
  ] as const)('age in %s of %i ms', (locale, ms, text) => {
    const now = new Date('2026-11-28T10:00:00Z');
    expect(formatAge(new Date(now.getTime() - ms), now, locale)).toBe(text);
  });

  test.each([
    ['id', 0.875, '87,5%'],
    ['en', 0.5, '50%'],
  ] as const)('percent in %s', (locale, ratio, text) => {
    expect(nbsp(formatPercent(ratio, locale))).toBe(text);
  });

  test.each([
    ['id', 45_400, '45 dtk'],
    ['en', 45_400, '45 secs'],
    ['en', 120, '1 sec'],
    ['id', 125_000, '2 mnt 5 dtk'],
    ['en', 125_000, '2 mins 5 secs'],
    ['en', 180_000, '3 mins'],
    ['id', 5_405_000, '1 jam 30 mnt'],
    ['en', 86_400_000, '24 hours'],
  ] as const)('duration in %s of %i ms', (locale, ms, text) => {
    expect(nbsp(formatDuration(ms, locale))).toBe(text);
  });
});
