import { describe, expect, test } from 'vitest';
import { DEFAULT_UNIQUE_CODE_RANGE, pickUniqueCode, validateUniqueCodeRange, type UniqueCodeRange } from './unique-code';

const BASE = 150_000n;

function payables(base: bigint, codes: Iterable<number>): Set<bigint> {
  return new Set([...codes].map((code) => base + BigInt(code)));
}

function codesFrom(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

const always = (value: number) => () => value;

describe('DEFAULT_UNIQUE_CODE_RANGE', () => {
  test('is 1..999 and cannot be changed by accident', () => {
    expect(DEFAULT_UNIQUE_CODE_RANGE).toEqual({ min: 1, max: 999 });
    expect(Object.isFrozen(DEFAULT_UNIQUE_CODE_RANGE)).toBe(true);
  });
});

describe('pickUniqueCode', () => {
  test.each([
    { label: 'nothing taken, lowest draw', range: DEFAULT_UNIQUE_CODE_RANGE, taken: [], draw: 0, expected: 1 },
    { label: 'nothing taken, highest draw', range: DEFAULT_UNIQUE_CODE_RANGE, taken: [], draw: 0.999_999_999, expected: 999 },
    { label: 'nothing taken, draw just below 1', range: DEFAULT_UNIQUE_CODE_RANGE, taken: [], draw: 1 - Number.EPSILON / 2, expected: 999 },
    { label: 'nothing taken, middle draw', range: { min: 1, max: 10 }, taken: [], draw: 0.5, expected: 6 },
    { label: 'lowest codes taken are skipped', range: DEFAULT_UNIQUE_CODE_RANGE, taken: [1, 2, 3], draw: 0, expected: 4 },
    { label: 'highest codes taken are skipped', range: DEFAULT_UNIQUE_CODE_RANGE, taken: [998, 999], draw: 0.999_999_999, expected: 997 },
    { label: 'a taken code below the draw shifts it', range: { min: 1, max: 10 }, taken: [2], draw: 0.15, expected: 3 },
    { label: 'a taken code above the draw does not', range: { min: 1, max: 10 }, taken: [9], draw: 0.15, expected: 2 },
    { label: 'a run of taken codes is skipped whole', range: { min: 1, max: 10 }, taken: [3, 4, 5, 6], draw: 0.4, expected: 7 },
    {
      label: 'only one free code, lowest draw',
      range: DEFAULT_UNIQUE_CODE_RANGE,
      taken: codesFrom(1, 999).filter((c) => c !== 500),
      draw: 0,
      expected: 500,
    },
    {
      label: 'only one free code, highest draw',
      range: DEFAULT_UNIQUE_CODE_RANGE,
      taken: codesFrom(1, 999).filter((c) => c !== 500),
      draw: 0.999_999,
      expected: 500,
    },
    { label: 'only the first code free', range: DEFAULT_UNIQUE_CODE_RANGE, taken: codesFrom(2, 999), draw: 0.7, expected: 1 },
    { label: 'only the last code free', range: DEFAULT_UNIQUE_CODE_RANGE, taken: codesFrom(1, 998), draw: 0.2, expected: 999 },
    { label: 'range of one code, free', range: { min: 7, max: 7 }, taken: [], draw: 0.9, expected: 7 },
    { label: 'code zero allowed when the range starts at 0', range: { min: 0, max: 0 }, taken: [], draw: 0, expected: 0 },
    { label: 'largest allowed range, only the top free', range: { min: 0, max: 99_999 }, taken: codesFrom(0, 99_998), draw: 0.3, expected: 99_999 },
  ])('$label → $expected', ({ range, taken, draw, expected }) => {
    expect(pickUniqueCode(BASE, range, payables(BASE, taken), always(draw))).toBe(expected);
  });

  test.each([
    { label: 'every default code taken', range: DEFAULT_UNIQUE_CODE_RANGE, taken: codesFrom(1, 999) },
    { label: 'range of one code, taken', range: { min: 7, max: 7 }, taken: [7] },
    { label: 'largest allowed range, all taken', range: { min: 0, max: 99_999 }, taken: codesFrom(0, 99_999) },
  ])('range exhausted: $label → null', ({ range, taken }) => {
    expect(pickUniqueCode(BASE, range, payables(BASE, taken), always(0.5))).toBeNull();
  });

  test.each([
    { label: 'payables of other bases', taken: new Set([BASE - 1n, BASE - 500n, BASE + 1_000n, BASE + 2_000n]) },
    { label: 'the base amount itself, when codes start at 1', taken: new Set([BASE]) },
    { label: 'nothing at all', taken: new Set<bigint>() },
  ])('taken payables outside base+min..base+max do not count: $label', ({ taken }) => {
    expect(pickUniqueCode(BASE, DEFAULT_UNIQUE_CODE_RANGE, taken, always(0))).toBe(1);
    expect(pickUniqueCode(BASE, DEFAULT_UNIQUE_CODE_RANGE, taken, always(0.999_999_9))).toBe(999);
  });

  test.each([
    { label: 'default range, nothing taken', range: DEFAULT_UNIQUE_CODE_RANGE, taken: [] as number[] },
    { label: 'default range, every third code taken', range: DEFAULT_UNIQUE_CODE_RANGE, taken: codesFrom(1, 999).filter((c) => c % 3 === 0) },
    { label: 'small range with holes', range: { min: 10, max: 20 }, taken: [10, 13, 14, 20] },
  ])('uniform: one draw per free slot reaches every free code exactly once ($label)', ({ range, taken }) => {
    const takenSet = payables(BASE, taken);
    const free = codesFrom(range.min, range.max).filter((c) => !taken.includes(c));
    const picked = free.map((_, slot) => pickUniqueCode(BASE, range, takenSet, always((slot + 0.5) / free.length)));
    expect(picked).toEqual(free);
  });

  test('calls random exactly once, and not at all when the range is exhausted', () => {
    let calls = 0;
    const counting = () => {
      calls += 1;
      return 0.5;
    };
    pickUniqueCode(BASE, DEFAULT_UNIQUE_CODE_RANGE, payables(BASE, codesFrom(1, 998)), counting);
    expect(calls).toBe(1);
    pickUniqueCode(BASE, DEFAULT_UNIQUE_CODE_RANGE, payables(BASE, codesFrom(1, 999)), counting);
    expect(calls).toBe(1);
  });

  test('never returns a taken code with Math.random', () => {
    const taken = payables(
      BASE,
      codesFrom(1, 999).filter((c) => c % 10 !== 0),
    );
    for (let i = 0; i < 200; i += 1) {
      const code = pickUniqueCode(BASE, DEFAULT_UNIQUE_CODE_RANGE, taken);
      expect(code).not.toBeNull();
      expect(code! % 10).toBe(0);
    }
  });

  test.each([
    { label: 'exactly 1', draw: 1 },
    { label: 'negative', draw: -0.1 },
    { label: 'NaN', draw: NaN },
  ])('rejects a random source returning $label', ({ draw }) => {
    expect(() => pickUniqueCode(BASE, DEFAULT_UNIQUE_CODE_RANGE, new Set(), always(draw))).toThrow('random() must return a number in [0, 1)');
  });

  test('rejects a negative base amount', () => {
    expect(() => pickUniqueCode(-1n, DEFAULT_UNIQUE_CODE_RANGE, new Set(), always(0))).toThrow('base amount must not be negative');
  });

  test('rejects an invalid range before picking', () => {
    expect(() => pickUniqueCode(BASE, { min: 10, max: 5 }, new Set(), always(0))).toThrow('max (5) must not be below min (10)');
  });
});

describe('validateUniqueCodeRange', () => {
  test.each<{ label: string; range: UniqueCodeRange }>([
    { label: 'default', range: { min: 1, max: 999 } },
    { label: 'starting at zero', range: { min: 0, max: 999 } },
    { label: 'single code', range: { min: 5, max: 5 } },
    { label: 'largest allowed', range: { min: 0, max: 99_999 } },
  ])('accepts $label', ({ range }) => {
    expect(() => validateUniqueCodeRange(range)).not.toThrow();
  });

  test.each<{ label: string; range: UniqueCodeRange; message: string }>([
    { label: 'negative min', range: { min: -1, max: 999 }, message: 'min must be 0 or more, got -1' },
    { label: 'max below min', range: { min: 500, max: 499 }, message: 'max (499) must not be below min (500)' },
    { label: 'fractional min', range: { min: 1.5, max: 999 }, message: 'min must be a whole number, got 1.5' },
    { label: 'fractional max', range: { min: 1, max: 99.9 }, message: 'max must be a whole number, got 99.9' },
    { label: 'NaN min', range: { min: NaN, max: 999 }, message: 'min must be a whole number, got NaN' },
    { label: 'infinite max', range: { min: 1, max: Infinity }, message: 'max must be a whole number, got Infinity' },
    { label: 'max one past the limit', range: { min: 1, max: 100_000 }, message: 'max must be at most 99999, got 100000' },
  ])('rejects $label', ({ range, message }) => {
    expect(() => validateUniqueCodeRange(range)).toThrow(Error);
    expect(() => validateUniqueCodeRange(range)).toThrow(message);
  });
});
