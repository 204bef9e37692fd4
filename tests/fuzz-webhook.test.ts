import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db';
import { saveSettings } from '@/lib/settings/store';
import { resetDatabase } from '@/tests/support/database';
import { DEEP_ARRAY, DEEP_OBJECT, FUZZ_SEED, HOSTILE_NUMBERS, HOSTILE_TEXT, hostileText, hostileValue } from '@/tests/support/hostile';
import { TEST_SECRET, webhookRequest } from '@/tests/support/webhook';

let POST: (request: Request) => Promise<Response>;

beforeAll(async () => {
  await resetDatabase();
  await saveSettings({ webhookSecrets: [TEST_SECRET] }, 'test');
  ({ POST } = await import('@/app/api/webhook/route'));
});

let serial = 0;
const mutation = (overrides: Record<string, unknown> = {}) => ({
  mutation_id: `mut_fuzz_${++serial}`,
  bank_id: 'bnk_fuzz',
  account_number: '8730112233',
  date: '2026-11-28 10:00:00',
  description: 'TRSF E-BANKING CR',
  note: null,
  amount: 150_123,
  type: 'CR',
  balance: 1_000_000,
  taggings: [],
  ...overrides,
});

const FIELDS = [
  'mutation_id',
  'bank_id',
  'account_number',
  'date',
  'description',
  'note',
  'amount',
  'type',
  'balance',
  'taggings',
  'bank',
  'created_at',
];

/** A delivery: mutations that are valid but for a few fields set to anything (the corpus, dates, huge numbers, nesting). */
const delivery = fc.array(
  fc
    .dictionary(
      fc.constantFrom(...FIELDS),
      fc.oneof(
        hostileText(120),
        fc.constantFrom(...HOSTILE_NUMBERS),
        fc.constantFrom('0000-01-01 00:00:00', '0001-01-01 00:00:00', '9999-12-31 23:59:59', '2026-11-28 10:00:00'),
        hostileValue,
      ),
      { maxKeys: 3 },
    )
    .map((overrides) => mutation(overrides)),
  { minLength: 1, maxLength: 3 },
);

/** The body as bytes Moota would sign: JSON text, or one of the raw texts JSON.stringify cannot write. */
const body = fc.oneof(
  { weight: 5, arbitrary: delivery.map((mutations) => JSON.stringify(mutations)) },
  fc.constantFrom(
    DEEP_ARRAY,
    `[${DEEP_OBJECT}]`,
    `[{"mutation_id":"mut_big","amount":1e400,"type":"CR","date":"2026-11-28 10:00:00","description":"x","bank_id":"b","account_number":"1"}]`,
    `[{"mutation_id":12345678901234567890123,"amount":99999999999999999999999,"type":"CR","date":"2026-11-28 10:00:00","description":"x","bank_id":"b","account_number":"1"}]`,
  ),
  hostileText(200),
);

describe('fuzzing the webhook with signed bodies (fixed seed, bounded runs)', () => {
  test('every signed body is stored (2xx) or refused for good (4xx); 5xx only when the database is away, which it is not here', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const response = await POST(webhookRequest({ body: text }));
        const json = (await response.json()) as { status?: string; error?: string };
        expect(response.status, `${JSON.stringify(json)} for ${text.slice(0, 300)}`).toBeLessThan(500);
        if (response.status >= 400) expect(JSON.stringify(json)).toMatch(/\S/);
        if (response.status !== 200) return;
        // What was stored reads back as sent: the bank's text is kept exactly, to be shown as text.
        let sent: unknown;
        try {
          sent = JSON.parse(text);
        } catch {
          return;
        }
        for (const item of Array.isArray(sent) ? sent : []) {
          const { mutation_id: id, description } = (item ?? {}) as { mutation_id?: unknown; description?: unknown };
          if (typeof id !== 'string' || typeof description !== 'string') continue;
          const stored = await db().mutation.findUnique({ where: { mootaId: id }, select: { description: true } });
          if (stored) expect(stored.description).toBe(description);
        }
      }),
      {
        seed: FUZZ_SEED,
        numRuns: 120,
        examples: [
          ...HOSTILE_TEXT.map((text) => [JSON.stringify([mutation({ description: text })])] as [string]),
          ...HOSTILE_TEXT.map((text) => [JSON.stringify([mutation({ note: text })])] as [string]),
          ...HOSTILE_TEXT.map((text) => [JSON.stringify([mutation({ date: text })])] as [string]),
          ...HOSTILE_NUMBERS.map((amount) => [JSON.stringify([mutation({ amount })])] as [string]),
          [JSON.stringify([mutation({ date: '0000-01-01 00:00:00' }), mutation()])],
        ],
      },
    );
  });
});
