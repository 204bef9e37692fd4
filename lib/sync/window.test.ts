import { describe, expect, it } from 'vitest';
import { DomainError } from '@/lib/errors';
import { MAX_SYNC_DAYS, recentWindow, requestedWindow } from '@/lib/sync/window';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
  return 'no error';
};

describe('sync windows', () => {
  it('the scheduled window ends today and covers the given number of days', () => {
    expect(recentWindow('2026-12-03', 2)).toEqual({ from: '2026-12-02', to: '2026-12-03' });
    expect(recentWindow('2026-03-01', 3)).toEqual({ from: '2026-02-27', to: '2026-03-01' });
  });

  it('a requested window defaults to today, and to one day', () => {
    expect(requestedWindow({}, '2026-12-03')).toEqual({ from: '2026-12-03', to: '2026-12-03' });
    expect(requestedWindow({ from: '2026-11-20' }, '2026-12-03')).toEqual({ from: '2026-11-20', to: '2026-12-03' });
  });

  it(`accepts exactly ${MAX_SYNC_DAYS} days and refuses one more`, () => {
    expect(requestedWindow({ from: '2026-11-03', to: '2026-12-03' }, '2026-12-03')).toEqual({ from: '2026-11-03', to: '2026-12-03' });
    expect(codeOf(() => requestedWindow({ from: '2026-11-02', to: '2026-12-03' }, '2026-12-03'))).toBe('syncWindowTooWide');
  });

  it('refuses days outside the plausible range', () => {
    expect(codeOf(() => requestedWindow({ from: '0000-01-01', to: '0000-01-02' }, '2026-12-03'))).toBe('dayOutOfRange');
    expect(codeOf(() => requestedWindow({ from: '1999-12-31', to: '2000-01-01' }, '2026-12-03'))).toBe('dayOutOfRange');
  });

  it('refuses unreadable days, backwards windows and the future', () => {
    expect(codeOf(() => requestedWindow({ from: '03/12/2026' }, '2026-12-03'))).toBe('syncDayInvalid');
    expect(codeOf(() => requestedWindow({ from: '2026-02-30' }, '2026-12-03'))).toBe('syncDayInvalid');
    expect(codeOf(() => requestedWindow({ from: '2026-12-02', to: '2026-12-01' }, '2026-12-03'))).toBe('syncWindowBackwards');
    expect(codeOf(() => requestedWindow({ to: '2026-12-04' }, '2026-12-03'))).toBe('syncWindowInFuture');
  });
});
