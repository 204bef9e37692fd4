import { z } from 'zod';
import { DomainError } from '@/lib/errors';

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Why PostgreSQL cannot hold this text, or null when it can: a `text` column takes no NUL
 * character, and UTF-8 has no encoding for half of a surrogate pair, so either one makes the
 * statement fail.
 */
export function textProblem(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return `must not contain a NUL character (at position ${i + 1})`;
    if (isHigh(code) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) i++;
    else if (isHigh(code) || isLow(code)) return `must not contain half of a surrogate pair (at position ${i + 1})`;
  }
  return null;
}

/** Whether PostgreSQL can hold this text (see `textProblem`). */
export const isStorableText = (text: string): boolean => textProblem(text) === null;

const TEXT_UNSTORABLE = 'textUnstorable';

/** Text that PostgreSQL can hold, at most `max` characters; the refusal names the field and why. */
export const storableTextSchema = (max: number) =>
  z
    .string()
    .max(max)
    .refine(isStorableText, { message: 'must not contain a NUL character or a broken Unicode character', params: { errorCode: TEXT_UNSTORABLE } });

/** A place inside a value, as a chain to its parent (copying whole paths would cost the square of the depth). */
type Place = { key: PropertyKey; parent: Place } | null;

/** Where a place is in a form or JSON body, as a person reads it: `rows.0.input.customer_name`. */
function fieldName(place: Place): string {
  const keys: string[] = [];
  for (let at = place; at; at = at.parent) keys.unshift(String(at.key));
  return keys.join('.') || 'input';
}

/**
 * The first text inside a value (a string, or the keys and strings of objects and arrays nested in
 * it) PostgreSQL cannot hold, as its path; null when there is none. Walks without recursion, so a
 * body nested thousands deep is read rather than overflowing the stack.
 */
export function findUnstorableText(value: unknown): string | null {
  const stack: { value: unknown; place: Place }[] = [{ value, place: null }];
  while (stack.length > 0) {
    const { value: current, place } = stack.pop()!;
    if (typeof current === 'string') {
      if (!isStorableText(current)) return fieldName(place);
      continue;
    }
    let entries: Iterable<[PropertyKey, unknown]>;
    if (Array.isArray(current)) entries = current.entries();
    else if (current instanceof FormData) entries = current.entries();
    else if (current !== null && typeof current === 'object' && !(current instanceof Date) && !(current instanceof Blob)) {
      entries = Object.entries(current);
    } else continue;
    for (const [key, item] of entries) {
      const at = { key, parent: place };
      if (typeof key === 'string' && !isStorableText(key)) return fieldName(at);
      stack.push({ value: item, place: at });
    }
  }
  return null;
}

/** The refusal of a value that holds text PostgreSQL cannot store, naming where it is. */
export function refuseUnstorableText(value: unknown): void {
  const field = findUnstorableText(value);
  if (field !== null) throw new DomainError('invalid', TEXT_UNSTORABLE, { field });
}

/** A LIKE pattern that finds `text` anywhere, its own %, _ and \ taken literally. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
