import { parseMachineAmount } from '@/lib/money';
import type { MutationType } from '@/lib/statements/types';

export interface StatementAmount {
  /** Whole rupiah, signed as written. */
  amount: bigint;
  /** CR or DB written in the cell itself ("150,000.00 CR"). */
  type: MutationType | null;
}

const MARKER = /^(.*?\d\)?)\s*(CR|DB|DR|D|K|C|KR|KREDIT|DEBET|DEBIT)\.?$/i;
const GROUPS = (separator: string) => new RegExp(`^\\d{1,3}(?:\\${separator}\\d{3})+$`);

/** CR or DB from the ways banks write it (CR, K, Kredit, C; DB, DR, D, Debet, Debit), or null. */
export function mutationType(text: string): MutationType | null {
  const word = text.trim().toUpperCase();
  if (['CR', 'K', 'C', 'KR', 'KREDIT', 'CREDIT'].includes(word)) return 'CR';
  if (['DB', 'DR', 'D', 'DEBET', 'DEBIT'].includes(word)) return 'DB';
  return null;
}

/** The plain decimal ("1500000.50") an Indonesian or English written number means, or null. */
function plainDecimal(text: string): string | null {
  if (/^\d+$/.test(text)) return text;
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    const at = Math.max(lastDot, lastComma);
    const integer = text.slice(0, at);
    const fraction = text.slice(at + 1);
    if (!/^\d+$/.test(fraction) || !GROUPS(thousands).test(integer)) return null;
    return `${integer.replaceAll(thousands, '')}.${fraction}`;
  }
  const separator = lastDot >= 0 ? '.' : ',';
  const parts = text.split(separator);
  if (parts.length > 2) return GROUPS(separator).test(text) ? parts.join('') : null;
  const [integer = '', fraction = ''] = parts;
  if (!/^\d*$/.test(integer) || !/^\d+$/.test(fraction)) return null;
  // A lone separator with three digits after it groups thousands: "150.000" and "150,000" are 150000.
  if (fraction.length === 3 && /^\d{1,3}$/.test(integer)) return integer + fraction;
  return `${integer || '0'}.${fraction}`;
}

/**
 * An amount as statements write it: "1.500.000,00", "1,500,000.00", "1500000", "150.000",
 * ".00", "150,000.00 CR", "-25.000", "(25.000)", "Rp 150.000". Sen are rounded to whole rupiah
 * the way parseMachineAmount rounds what Moota sends, so the same transfer gets the same amount
 * from either source. Null when it is not an amount.
 */
export function parseStatementAmount(cell: string): StatementAmount | null {
  let text = cell.trim();
  let type: MutationType | null = null;
  const marked = MARKER.exec(text);
  if (marked) {
    type = mutationType(marked[2]!);
    text = marked[1]!;
  }
  let negative = false;
  text = text.replace(/[\s\u00a0]+/g, '').replace(/,-$/, '');
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (text.startsWith('-') || text.endsWith('-')) {
    negative = true;
    text = text.startsWith('-') ? text.slice(1) : text.slice(0, -1);
  }
  text = text.replace(/^(rp\.?|idr)/i, '').replace(/^\+/, '');
  if (text.startsWith('-')) {
    negative = true;
    text = text.slice(1);
  }
  const decimal = plainDecimal(text);
  if (decimal === null) return null;
  const amount = parseMachineAmount(decimal);
  return { amount: negative ? -amount : amount, type };
}
