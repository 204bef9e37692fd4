import { DomainError } from '@/lib/errors';

/**
 * Money is integer rupiah held as `bigint`; these helpers are the only way in and out. Two
 * parsers: `parseMachineAmount` for what machines send (Moota, the order API: plain decimals),
 * `parseTypedAmount` for what people type (Indonesian format: `Rp 150.000`, `150.000,00`).
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
// Indonesian writes 1000000 as "1.000.000": "150.123" could be 150123 as easily as 150.12.
const GROUPED_THOUSANDS = /^-?[1-9]\d{0,2}(?:[.,]\d{3})+(?:[.,]\d+)?$/;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a value of type ${typeof value}`;
}

/** Rounds a plain decimal string to whole rupiah, half away from zero, without floats. */
function parseDecimal(text: string, received: unknown): bigint {
  const match = DECIMAL.exec(text);
  if (!match) {
    throw new DomainError('invalid', 'amountNotDecimal', { value: describe(received) });
  }
  const [, sign, whole = '0', fraction = ''] = match;
  const roundUp = fraction !== '' && fraction[0]! >= '5';
  const magnitude = BigInt(whole) + (roundUp ? 1n : 0n);
  return sign === '-' ? -magnitude : magnitude;
}

export function parseMachineAmount(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new DomainError('invalid', 'amountNotFinite', { value: describe(value) });
    if (Number.isInteger(value)) {
      if (!Number.isSafeInteger(value)) {
        throw new DomainError('invalid', 'amountUnsafe', { value: describe(value) });
      }
      return BigInt(value);
    }
    // String() gives the shortest decimal that round-trips, e.g. 1523.45 → "1523.45".
    // Only magnitudes below 1e-6 come back in exponent form, and those round to zero.
    const text = String(value);
    return text.includes('e') ? 0n : parseDecimal(text, value);
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') throw new DomainError('invalid', 'amountEmpty', { value: describe(value) });
    if (GROUPED_THOUSANDS.test(text)) {
      throw new DomainError('invalid', 'amountAmbiguous', { value: describe(value) });
    }
    return parseDecimal(text, value);
  }
  throw new DomainError('invalid', 'amountWrongType', { value: describe(value) });
}

const rupiahFormat = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  maximumFractionDigits: 0,
});

/** `Rp 150.123` (Intl puts a no-break space after "Rp"). */
export function formatRupiah(amount: bigint): string {
  return rupiahFormat.format(amount);
}

/** For JSON responses: a plain number, refusing amounts a JS number cannot hold exactly. */
export function rupiahToJson(amount: bigint): number {
  if (amount > BigInt(Number.MAX_SAFE_INTEGER) || amount < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new DomainError('invalid', 'amountTooLargeForJson', { value: String(amount) });
  }
  return Number(amount);
}

/**
 * An amount as a person types it, the Indonesian way: "150000", "150.000", "Rp 150.000",
 * "150.000,00", "Rp150.000,-". Sen are refused (orders and allocations are whole rupiah), and so
 * is what could be read two ways ("1,500" is 1.5 in Indonesian and 1500 in English).
 */
export function parseTypedAmount(text: string): bigint {
  const original = text.trim();
  if (original === '') throw new DomainError('invalid', 'amountEmpty', { value: '""' });
  let rest = original.replace(/[\s\u00a0]/g, '');
  let sign = '';
  if (rest.startsWith('-')) {
    sign = '-';
    rest = rest.slice(1);
  }
  rest = rest.replace(/^(rp\.?|idr)/i, '').replace(/,-+$/, '');
  if (sign === '' && rest.startsWith('-')) {
    sign = '-';
    rest = rest.slice(1);
  }
  const whole = (digits: string) => BigInt(sign + digits.replaceAll('.', ''));
  const notWhole = () => new DomainError('invalid', 'amountNotWhole', { value: original });
  const unreadable = () => new DomainError('invalid', 'amountTyped', { value: original });

  if (/^\d+$/.test(rest) || /^\d{1,3}(\.\d{3})+$/.test(rest)) return whole(rest);
  const decimalComma = /^(\d+|\d{1,3}(?:\.\d{3})+),(\d+)$/.exec(rest);
  if (decimalComma) {
    const [, integer, fraction] = decimalComma as unknown as [string, string, string];
    // "1,500": a decimal comma to an Indonesian, a thousands separator to anyone else.
    if (/^\d{1,3}$/.test(integer) && fraction.length === 3) {
      throw new DomainError('invalid', 'amountCommaAmbiguous', { value: original, plain: integer + fraction, dotted: `${integer}.${fraction}` });
    }
    if (/^0+$/.test(fraction)) return whole(integer);
    throw notWhole();
  }
  // One or two digits after a "." cannot be a thousands group, so that "." is a decimal point.
  const decimalPoint = /^(\d+)\.(\d{1,2})$/.exec(rest);
  if (decimalPoint) {
    if (/^0+$/.test(decimalPoint[2]!)) return whole(decimalPoint[1]!);
    throw notWhole();
  }
  const englishGrouping = /^(\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/.exec(rest);
  if (englishGrouping) {
    const integer = englishGrouping[1]!;
    throw new DomainError('invalid', 'amountEnglishGrouping', {
      value: original,
      dotted: integer.replaceAll(',', '.'),
      plain: integer.replaceAll(',', ''),
    });
  }
  throw unreadable();
}

/** What a person typed as an amount, or null when it is not one (a filter ignores it). */
export function typedAmountOrNull(text: string): bigint | null {
  try {
    return parseTypedAmount(text);
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

const THOUSAND = { scale: 1_000n, digits: 3 };
const MILLION = { scale: 1_000_000n, digits: 6 };
const SPOKEN_UNITS: Record<string, { scale: bigint; digits: number }> = { rb: THOUSAND, ribu: THOUSAND, k: THOUSAND, jt: MILLION, juta: MILLION };
const SPOKEN_AMOUNT = /^(?:rp\.?\s*)?(\d{1,9})(?:[.,](\d{1,6}))?\s*(rb|ribu|k|jt|juta)$/i;

/**
 * A search box's text as an amount: what `parseTypedAmount` reads, English grouping ("150,615"),
 * or a round figure the way people say it ("150rb", "150 ribu", "150k", "1,5jt", "2 juta").
 * Null when it is words.
 */
export function searchedAmount(text: string): bigint | null {
  const trimmed = text.trim();
  const spoken = SPOKEN_AMOUNT.exec(trimmed);
  if (spoken) {
    const [, whole, fraction = '', word] = spoken as unknown as [string, string, string | undefined, string];
    const unit = SPOKEN_UNITS[word.toLowerCase()]!;
    if (fraction.length > unit.digits) return null;
    // The unit's digits after the separator are rupiah: "1,5jt" is 1 juta and 500000.
    return BigInt(whole) * unit.scale + BigInt(fraction.padEnd(unit.digits, '0'));
  }
  if (!/^(?:rp\.?|idr)?\s*[\d.,\s]+(?:,-)?$/i.test(trimmed) || !/\d/.test(trimmed)) return null;
  // A search is for whole rupiah, so "150,615" can only be English grouping, not 150 rupiah and sen.
  const digits = trimmed.replace(/^(?:rp\.?|idr)\s*/i, '');
  if (/^\d{1,3}(?:,\d{3})+$/.test(digits)) return BigInt(digits.replaceAll(',', ''));
  const amount = typedAmountOrNull(trimmed);
  return amount !== null && amount >= 0n ? amount : null;
}
