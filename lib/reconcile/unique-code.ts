/** A unique code is added to an order's base amount so the transferred amount names the order. */

export interface UniqueCodeRange {
  min: number;
  max: number;
}

export const DEFAULT_UNIQUE_CODE_RANGE: Readonly<UniqueCodeRange> = Object.freeze({ min: 1, max: 999 });

export const MAX_UNIQUE_CODE = 99_999;

export function validateUniqueCodeRange(range: UniqueCodeRange): void {
  const { min, max } = range;
  if (!Number.isInteger(min)) throw new Error(`unique code range: min must be a whole number, got ${min}`);
  if (!Number.isInteger(max)) throw new Error(`unique code range: max must be a whole number, got ${max}`);
  if (min < 0) throw new Error(`unique code range: min must be 0 or more, got ${min}`);
  if (max < min) throw new Error(`unique code range: max (${max}) must not be below min (${min})`);
  if (max > MAX_UNIQUE_CODE) {
    throw new Error(`unique code range: max must be at most ${MAX_UNIQUE_CODE}, got ${max}`);
  }
}

/**
 * A code c in the range such that `base + c` is not among `takenPayables` (the payable amounts of
 * the open orders), chosen uniformly among the free codes with one call to `random`; null when
 * every code in the range is taken for this base.
 */
export function pickUniqueCode(
  base: bigint,
  range: UniqueCodeRange,
  takenPayables: ReadonlySet<bigint>,
  random: () => number = Math.random,
): number | null {
  validateUniqueCodeRange(range);
  if (base < 0n) throw new Error(`unique code: the base amount must not be negative, got ${base}`);

  const low = base + BigInt(range.min);
  const high = base + BigInt(range.max);
  const takenCodes: number[] = [];
  for (const payable of takenPayables) {
    if (payable >= low && payable <= high) takenCodes.push(Number(payable - base));
  }
  const freeCount = range.max - range.min + 1 - takenCodes.length;
  if (freeCount === 0) return null;

  const draw = random();
  if (!(draw >= 0 && draw < 1)) throw new Error(`unique code: random() must return a number in [0, 1), got ${draw}`);

  // The product can round up to freeCount for draws just below 1.
  const index = Math.min(freeCount - 1, Math.floor(draw * freeCount));
  // Walk to the index-th free code: every taken code at or below the candidate pushes it one further.
  let code = range.min + index;
  for (const taken of takenCodes.sort((a, b) => a - b)) {
    if (taken <= code) code += 1;
    else break;
  }
  return code;
}
