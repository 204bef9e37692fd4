import fc from 'fast-check';

/** One seed for every fuzzer: a failure found once is found again by the next run, and its counterexample printed. */
export const FUZZ_SEED = 15;

/** Thousands deep: JSON that parses, and that a recursive walk would overflow on. */
export const DEEP_ARRAY = `${'['.repeat(5000)}"bottom"${']'.repeat(5000)}`;
export const DEEP_OBJECT = `${'{"a":'.repeat(5000)}"bottom"${'}'.repeat(5000)}`;

/** The review's cases (issue 15) and their kin, tried in every fuzzer before the generated ones. */
export const HOSTILE_TEXT = [
  '\0',
  'INV\0-1',
  'Budi\0Santoso',
  '\uD800',
  'a\uDC00b',
  'Kopi \uD83D',
  '\uFEFFINV-1',
  '0000-01-01',
  '9999-12-31',
  '0001-01-01',
  '+275760-09-13',
  '2026-02-30',
  'x'.repeat(10_000),
  '',
  ' ',
  "'; DROP TABLE orders; --",
  '<script>alert(1)</script>',
  '=HYPERLINK("http://evil")',
  '../../etc/passwd',
  '%00',
  '\u202Eevil',
  '🇮🇩 Kopi ☕',
];

export const HOSTILE_NUMBERS: unknown[] = [
  0,
  -1,
  Number.POSITIVE_INFINITY,
  -0,
  Number.MAX_SAFE_INTEGER + 2,
  '99999999999999999999999999',
  '9223372036854775808',
  '-9223372036854775809',
  '1e21',
  'NaN',
  'Infinity',
  '0x10',
  '150.000,50',
  1.5,
];

/** Any UTF-16 code unit, lone surrogates and NUL included: what a browser or a JSON body can carry. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/** Text of every kind: the corpus, code units (lone surrogates), code points, and plain words. */
export const hostileText = (maxLength = 80): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...HOSTILE_TEXT),
    fc.string({ unit: codeUnit, maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    { weight: 2, arbitrary: fc.string({ maxLength }) },
    { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _/-]{2,20}$/) },
  );

/** A value of any JSON-ish shape, text from `hostileText`. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText(),
    fc.constantFrom(...HOSTILE_NUMBERS),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileText(12), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/**
 * An object with the given fields: mostly each typed as its schema wants (so a case gets past the
 * schema to the code behind it), sometimes anything at all, sometimes left out.
 */
export function hostileRecord<Keys extends string>(fields: Record<Keys, fc.Arbitrary<unknown>>): fc.Arbitrary<Partial<Record<Keys, unknown>>> {
  const anyOf = Object.fromEntries(
    Object.entries<fc.Arbitrary<unknown>>(fields).map(([key, typed]) => [
      key,
      fc.oneof({ weight: 6, arbitrary: typed }, { weight: 1, arbitrary: hostileValue }),
    ]),
  ) as Record<Keys, fc.Arbitrary<unknown>>;
  return fc.oneof({ weight: 3, arbitrary: fc.record(anyOf) }, { weight: 1, arbitrary: fc.record(anyOf, { requiredKeys: [] }) }) as fc.Arbitrary<
    Partial<Record<Keys, unknown>>
  >;
}
