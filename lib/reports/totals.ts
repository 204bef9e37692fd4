/** Sums and ratios of report rows: bigint rupiah in, exact answers out. */

/** The sum of a column of rupiah amounts written as decimal strings (as SQL sends them). */
export function sumAmounts(values: readonly string[]): bigint {
  return values.reduce((sum, value) => sum + BigInt(value), 0n);
}

/** The average in whole rupiah, rounded half away from zero; null when there is nothing to average. */
export function averageRupiah(total: bigint, count: number): bigint | null {
  if (count <= 0) return null;
  const n = BigInt(count);
  const negative = total < 0n;
  const magnitude = negative ? -total : total;
  const rounded = (2n * magnitude + n) / (2n * n);
  return negative ? -rounded : rounded;
}

/** part / whole, or null when the whole is zero (a rate of nothing is not 0 %). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
