import { textProblem } from '@/lib/text';
import { parseJakartaDateTime } from '@/lib/time/jakarta';

/** The one rule for text PostgreSQL can hold lives in lib/text.ts; the webhook's parser names it from here. */
export { textProblem };

/**
 * What PostgreSQL will refuse to store, caught before it is asked: a body it refuses is not
 * "try again later" (it never succeeds), it is a refusal that names the field.
 */

/**
 * The largest amount or balance taken, in rupiah: Rp 1 kuadriliun, far beyond any bank account,
 * below bigint's 2^63 and below 2^53, so every stored amount is also exact as a JSON number
 * (`rupiahToJson`) and the order API and reports never fail on one.
 */
export const MAX_RUPIAH = 10n ** 15n;

/** Banks keep a few years of history: a mutation dated before this (year 0000, 0001) is a sender's mistake. */
export const EARLIEST_MUTATION_YEAR = 2000;
const EARLIEST_MUTATION = parseJakartaDateTime(`${EARLIEST_MUTATION_YEAR}-01-01 00:00:00`).getTime();

/**
 * How far after its arrival a mutation's date may lie. Banks may date a transfer made over a
 * weekend or a long holiday (Lebaran's cuti bersama runs over a week) on the next working day;
 * a year 9999 or a typo is caught, a real posting date is not.
 */
export const FUTURE_TOLERANCE_DAYS = 31;

/** No Moota body nests anywhere near this deep (an array of mutations, `bank.meta`, taggings). */
export const MAX_JSON_DEPTH = 64;

/**
 * How deeply a JSON text nests, read without parsing it (JSON.parse and JSON.stringify recurse,
 * and fail on a few thousand levels). Brackets inside strings do not count.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (code === 0x5d || code === 0x7d) depth--;
  }
  return deepest;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The text in a form PostgreSQL holds, for the webhook log: a NUL or a lone surrogate becomes its
 * JSON escape (`\u0000`), so what was sent stays readable instead of the row being refused.
 */
export function storableText(text: string): string {
  if (textProblem(text) === null) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isHigh(code) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      out += text[i]! + text[i + 1]!;
      i++;
    } else if (code === 0 || isHigh(code) || isLow(code)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += text[i]!;
  }
  return out;
}

/** The first string (key or value) inside a JSON value that PostgreSQL cannot hold, with where it is. */
export function unstorableTextIn(value: unknown, path: string): { path: string; problem: string } | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { path, problem } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  const entries = Array.isArray(value) ? value.map((item, index) => [`[${index}]`, item] as const) : Object.entries(value);
  for (const [key, item] of entries) {
    const keyProblem = Array.isArray(value) ? null : textProblem(key);
    if (keyProblem) return { path, problem: `has a key that ${keyProblem}` };
    const found = unstorableTextIn(item, Array.isArray(value) ? `${path}${key}` : `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

/** Why an amount or balance cannot be taken, or null. */
export function rupiahProblem(amount: bigint): string | null {
  if (amount > MAX_RUPIAH || amount < -MAX_RUPIAH) return `must be at most ${MAX_RUPIAH} rupiah either way, got ${amount}`;
  return null;
}

/** Why a mutation's date cannot be right for a call received at `receivedAt`, or null. */
export function dateProblem(occurredAt: Date, receivedAt: Date): string | null {
  const time = occurredAt.getTime();
  if (Number.isNaN(time) || time < EARLIEST_MUTATION) {
    return `must be in ${EARLIEST_MUTATION_YEAR} or later`;
  }
  if (time > receivedAt.getTime() + FUTURE_TOLERANCE_DAYS * 86_400_000) {
    return `must not be more than ${FUTURE_TOLERANCE_DAYS} days after the call arrived`;
  }
  return null;
}
