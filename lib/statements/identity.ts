import { createHash } from 'node:crypto';
import type { StatementRow } from '@/lib/statements/types';

/** A description compared loosely: upper case, punctuation as spaces, one space between words. */
export function normaliseDescription(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Stable ids for a statement's rows, `stmt-<sha256 hex>`: of the account, booked day, type,
 * amount, description and the row's position among identical rows before it. Two identical
 * transfers on one day get two ids; reading the same file again gives the same ids.
 */
export function statementMutationIds(accountKey: string, rows: readonly StatementRow[]): string[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const key = JSON.stringify([accountKey, row.bookedDate, row.type, row.amount.toString(), normaliseDescription(row.description)]);
    const position = seen.get(key) ?? 0;
    seen.set(key, position + 1);
    return `stmt-${createHash('sha256').update(`${key}#${position}`).digest('hex')}`;
  });
}

// Words every bank puts in front of transfers: they say nothing about which transfer it is.
const BOILERPLATE = new Set([
  'TRSF',
  'TRF',
  'TRANSFER',
  'E',
  'BANKING',
  'EBANKING',
  'CR',
  'DB',
  'DR',
  'KR',
  'DARI',
  'KE',
  'FR',
  'TO',
  'KREDIT',
  'DEBET',
  'DEBIT',
  'FTSCY',
  'FTFVA',
  'WS',
  'MCM',
  'INHOUSETRF',
  'SWITCHING',
  'OTOMATIS',
  'BI',
  'FAST',
  'SKN',
  'RTGS',
  'LLG',
  'BIFAST',
  'ONLINE',
  'MB',
  'IB',
]);

function words(text: string): string[] {
  // "150123.00" is one amount: without the cents it matches Moota's "150123".
  const tokens = normaliseDescription(text.replace(/(\d)[.,]00\b/g, '$1')).split(' ');
  return [...new Set(tokens.filter((token) => token !== '' && !BOILERPLATE.has(token) && !/^0+$/.test(token)))];
}

/** Whether two words are the same, one being the bank's shortening of the other ("SANTOS", "SANTOSO"). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short);
}

/**
 * How alike two descriptions of a transfer are: 'same' after normalising case, spaces and
 * punctuation; 'alike' when the words that tell transfers apart (names, references; not the
 * bank's boilerplate) mostly agree in any order, allowing for shortened words; else 'different'.
 */
export function descriptionsAlike(a: string, b: string): 'same' | 'alike' | 'different' {
  const left = normaliseDescription(a);
  const right = normaliseDescription(b);
  if (left === right) return 'same';
  const [fewer, more] = [words(a), words(b)].sort((x, y) => x.length - y.length) as [string[], string[]];
  if (fewer.length === 0) return 'different';
  const shared = fewer.filter((word) => more.some((other) => sameWord(word, other))).length;
  // Most of the shorter text's words, and at least two of them unless it has only one.
  return shared / fewer.length >= 0.6 && shared >= Math.min(2, fewer.length) ? 'alike' : 'different';
}
