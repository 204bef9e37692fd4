import { DomainError } from '@/lib/errors';
import { isPlausibleDay, PLAUSIBLE_DAYS } from '@/lib/search-params';
import { addDays, daysBetween, isDay } from '@/lib/time/jakarta';

/** The widest window a person can ask a sync for, in days (Moota keeps mutations longer, but pages cost). */
export const MAX_SYNC_DAYS = 31;

/** Jakarta days, YYYY-MM-DD, both included. */
export interface SyncWindow {
  from: string;
  to: string;
}

/** The scheduled sync's window: the last `days` Jakarta days up to and including `today`. */
export function recentWindow(today: string, days: number): SyncWindow {
  return { from: addDays(today, -(days - 1)), to: today };
}

/** A window a person asked for; a missing end is today, a missing start the same day as the end. */
export function requestedWindow(input: { from?: string | null; to?: string | null }, today: string): SyncWindow {
  const to = input.to || today;
  const from = input.from || to;
  if (!isDay(from)) throw new DomainError('invalid', 'syncDayInvalid', { field: 'from', value: from });
  if (!isDay(to)) throw new DomainError('invalid', 'syncDayInvalid', { field: 'to', value: to });
  for (const [field, day] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!isPlausibleDay(day)) throw new DomainError('invalid', 'dayOutOfRange', { field, value: day, ...PLAUSIBLE_DAYS });
  }
  if (daysBetween(from, to) < 0) throw new DomainError('invalid', 'syncWindowBackwards', { from, to });
  if (daysBetween(to, today) < 0) throw new DomainError('invalid', 'syncWindowInFuture', { to });
  if (daysBetween(from, to) + 1 > MAX_SYNC_DAYS) throw new DomainError('invalid', 'syncWindowTooWide', { days: MAX_SYNC_DAYS });
  return { from, to };
}
