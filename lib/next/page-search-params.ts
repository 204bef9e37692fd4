import type { z } from 'zod';
import { DomainError } from '@/lib/errors';
import { translateError } from '@/lib/next/action';
import { parseSearchParams, type SearchParams } from '@/lib/search-params';

/**
 * A page's query parameters through their schema. What the schema refuses (text the database
 * cannot hold, a day outside the plausible range) leaves every filter unset, and `refusal` says
 * why in the visitor's language for the page to show above its list.
 */
export async function pageSearchParams<Schema extends z.ZodType<unknown, Record<string, string>>>(
  schema: Schema,
  params: SearchParams,
): Promise<{ value: z.output<Schema>; refusal: string | null }> {
  try {
    return { value: parseSearchParams(schema, params), refusal: null };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { value: parseSearchParams(schema, {}), refusal: await translateError(error) };
  }
}
