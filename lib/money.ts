/** Money is integer rupiah held as `bigint`; these helpers are the only way in and out. */

export class MoneyError extends Error {
  override name = 'MoneyError';
}

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
    throw new MoneyError(`expected a rupiah amount as a plain decimal number, got ${describe(received)}`);
  }
  const [, sign, whole = '0', fraction = ''] = match;
  const roundUp = fraction !== '' && fraction[0]! >= '5';
  const magnitude = BigInt(whole) + (roundUp ? 1n : 0n);
  return sign === '-' ? -magnitude : magnitude;
}

export function parseRupiah(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new MoneyError(`expected a finite rupiah amount, got ${describe(value)}`);
    if (Number.isInteger(value)) {
      if (!Number.isSafeInteger(value)) {
        throw new MoneyError(`expected a rupiah amount within the safe integer range (send larger ones as strings), got ${describe(value)}`);
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
    if (text === '') throw new MoneyError(`expected a rupiah amount, got ${describe(value)}`);
    if (GROUPED_THOUSANDS.test(text)) {
      throw new MoneyError(
        `expected a rupiah amount as a plain decimal number, got ${describe(value)}: ` +
          'thousands separators are ambiguous, send e.g. "1000000" or "1000000.00"',
      );
    }
    return parseDecimal(text, value);
  }
  throw new MoneyError(`expected a rupiah amount as a number or a numeric string, got ${describe(value)}`);
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
    throw new MoneyError(`rupiah amount ${amount} is too large to send as a JSON number`);
  }
  return Number(amount);
}
