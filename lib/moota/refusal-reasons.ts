/**
 * Why a webhook call (or some of its mutations) was refused. The log keeps the English sentence
 * Moota also gets in the answer; each sentence is made here from a code and its parameters, and
 * read back here into them, so the dashboard can say it in the reader's language, old rows included.
 */
export const REFUSAL_REASONS = {
  noSecret: { english: () => 'no webhook secret is configured, so every call is refused', pattern: /^no webhook secret is configured/ },
  notAllowed: {
    english: ({ address }: { address: string }) => `address ${address} is not in the allowlist`,
    pattern: /^address (?<address>.+) is not in the allowlist$/,
  },
  tooLarge: {
    english: ({ limit }: { limit: number }) => `body is larger than the limit of ${limit} bytes`,
    pattern: /^body is larger than the limit of (?<limit>\d+) bytes$/,
  },
  signatureMissing: { english: () => 'the Signature header is missing', pattern: /^the Signature header is missing$/ },
  signatureInvalid: { english: () => 'the Signature header does not match the body', pattern: /^the Signature header does not match the body$/ },
  tooDeep: {
    english: ({ depth, limit }: { depth: number; limit: number }) => `body nests ${depth} levels deep, more than the limit of ${limit}`,
    pattern: /^body nests (?<depth>\d+) levels deep, more than the limit of (?<limit>\d+)$/,
  },
  notJson: { english: () => 'body is not valid JSON', pattern: /^body is not valid JSON$/ },
  notAList: {
    english: ({ kind }: { kind: string }) => `body must be a JSON array of mutations, got ${kind}`,
    pattern: /^body must be a JSON array of mutations, got (?<kind>.+)$/,
  },
  databaseRefused: {
    english: ({ detail }: { detail: string }) => `the database refused the delivery: ${detail}`,
    pattern: /^the database refused the delivery: (?<detail>[\s\S]*)$/,
  },
  mutationsRefused: {
    english: ({ details }: { details: string }) => details,
    pattern: /^(?<details>mutation \d+[\s\S]*)$/,
  },
} as const;

export type RefusalCode = keyof typeof REFUSAL_REASONS;

export type RefusalWords = { code: RefusalCode; params: Record<string, string> };

/** The English sentence of a refusal. */
export function refusalReason<C extends RefusalCode>(code: C, ...params: Parameters<(typeof REFUSAL_REASONS)[C]['english']>): string {
  const english = REFUSAL_REASONS[code].english as (...args: unknown[]) => string;
  return english(...params);
}

/** The code and parameters behind a logged reason; null for a sentence this module did not make. */
export function readRefusalReason(reason: string): RefusalWords | null {
  for (const [code, { pattern }] of Object.entries(REFUSAL_REASONS) as [RefusalCode, { pattern: RegExp }][]) {
    const match = pattern.exec(reason);
    if (match) return { code, params: { ...match.groups } };
  }
  return null;
}
