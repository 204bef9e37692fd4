import { startOfJakartaDay } from '@/lib/format';

/** The instants from the start of Jakarta day `from` up to (not including) the end of Jakarta day `to`. */
export function jakartaDayRange(from?: string, to?: string): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (from) range.gte = startOfJakartaDay(from);
  if (to) range.lt = new Date(startOfJakartaDay(to).getTime() + 24 * 3600 * 1000);
  return range;
}
