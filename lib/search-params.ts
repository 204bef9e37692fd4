import { z } from 'zod';
import { invalidFields } from '@/lib/errors';
import { searchedAmount, typedAmountOrNull } from '@/lib/money';
import { pageSize } from '@/lib/pagination';
import { refuseUnstorableText } from '@/lib/text';
import { isDay } from '@/lib/time/jakarta';

/** Query parameters as a route handler (`URLSearchParams`) or a page (`searchParams`) gets them. */
export type SearchParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** The first value of each parameter, trimmed; an empty value counts as absent. */
export function searchParamValues(params: SearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  const entries: [string, string | string[] | undefined][] =
    params instanceof URLSearchParams ? [...params.keys()].map((name) => [name, params.get(name) ?? undefined]) : Object.entries(params);
  for (const [name, raw] of entries) {
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (value) values[name] = value;
  }
  return values;
}

/**
 * Query parameters read through a schema. Every value reaches the schema as a trimmed string or
 * not at all; list schemas turn what makes no sense into "not set" rather than failing the page.
 * Text the database cannot hold and days outside `PLAUSIBLE_DAYS` are refused with a DomainError.
 */
export function parseSearchParams<Schema extends z.ZodType<unknown, Record<string, string>>>(schema: Schema, params: SearchParams): z.output<Schema> {
  const values = searchParamValues(params);
  refuseUnstorableText(values);
  try {
    return schema.parse(values);
  } catch (error) {
    if (error instanceof z.ZodError) throw invalidFields(error);
    throw error;
  }
}

/** Query parameters for the values that are set, in a stable order. */
export function toQuery(values: Record<string, string | bigint | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined && value !== '') query.set(name, String(value));
  return query;
}

/**
 * Free text shorter than this is not searched for inside descriptions, notes, references and
 * names: the trigram indexes need three characters, and without them every row is read.
 */
export const MIN_TEXT_SEARCH = 3;

/** Whether free text is long enough to search for (an amount is searched for whatever its length). */
export const isSearchableText = (text: string | undefined): text is string => text !== undefined && text.trim().length >= MIN_TEXT_SEARCH;

/** Whether a search box's text is neither an amount nor long enough to search for: the page says so. */
export const isTooShortToSearch = (text: string | undefined): boolean =>
  text !== undefined && text.trim() !== '' && !isSearchableText(text) && searchedAmount(text) === null;

/** Free text, cut to `max` characters (text the database cannot hold was refused before). */
export const textParam = (max: number) =>
  z
    .string()
    .optional()
    .transform((text) => text?.slice(0, max));

/** The days a filter, a report or a sync may name: earlier or later ones are typing mistakes (and beyond what the database's dates hold). */
export const PLAUSIBLE_DAYS = { first: '2000-01-01', last: '2100-12-31' } as const;

/** Whether a real YYYY-MM-DD day lies within `PLAUSIBLE_DAYS`. */
export const isPlausibleDay = (day: string): boolean => day >= PLAUSIBLE_DAYS.first && day <= PLAUSIBLE_DAYS.last;

/** A calendar day typed as YYYY-MM-DD, if it is a real one; a real one outside `PLAUSIBLE_DAYS` is refused. */
export const dayParam = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (!text || !isDay(text)) return undefined;
    if (isPlausibleDay(text)) return text;
    ctx.addIssue({
      code: 'custom',
      message: `must be between ${PLAUSIBLE_DAYS.first} and ${PLAUSIBLE_DAYS.last}`,
      params: { errorCode: 'dayOutOfRange', errorParams: { value: text, ...PLAUSIBLE_DAYS } },
    });
    return z.NEVER;
  });

/** An amount bound typed in a filter ("150000", "150.000", "Rp 150.000"), if it is one and not negative. */
export const amountBoundParam = z
  .string()
  .optional()
  .transform((text) => {
    const amount = text ? typedAmountOrNull(text) : null;
    return amount !== null && amount >= 0n ? amount : undefined;
  });

/** `from` and `to`: Jakarta calendar days, both included. */
export const dayRangeParams = { from: dayParam, to: dayParam };

/** `min` and `max`: amount bounds, both included. */
export const amountRangeParams = { min: amountBoundParam, max: amountBoundParam };

/** `cursor` (checked when it is decoded) and `limit` (the page size, within the one cap). */
export const pageParams = {
  cursor: z.string().optional(),
  limit: z.string().optional().transform(pageSize),
};

/** A list's query parameters: its filters, read by `filters`, and where its page starts and how long it is. */
export function listParams<Filters>(filters: z.ZodType<Filters, Record<string, string>>) {
  const page = z.object(pageParams);
  return z.record(z.string(), z.string()).transform((values) => ({ filters: filters.parse(values), ...page.parse(values) }));
}
