import { beforeEach, describe, expect, test, vi } from 'vitest';
import { db } from '@/lib/db';
import { QUEUES } from '@/lib/jobs/queue';
import { getMutationDetail } from '@/lib/queries/mutations';
import { resetDatabase } from '@/tests/support/database';
import { fixture, MOOTA_ADDRESS, TEST_SECRET, webhookRequest, type WebhookCall } from '@/tests/support/webhook';

async function post(call: WebhookCall, env: Record<string, string> = {}) {
  vi.resetModules();
  vi.unstubAllEnvs();
  vi.stubEnv('MOOTA_WEBHOOK_SECRET', TEST_SECRET);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const { POST } = await import('@/app/api/webhook/route');
  const response = await POST(webhookRequest(call));
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const mutation = (id: string, overrides: Record<string, unknown> = {}) => ({
  mutation_id: id,
  bank_id: 'bnk_1',
  account_number: '8730112233',
  date: '2026-11-28 10:00:00',
  description: 'TRSF E-BANKING CR',
  note: null,
  amount: 150123,
  type: 'CR',
  balance: 1000000,
  taggings: [],
  ...overrides,
});

/** Mutations waiting in process-mutation jobs. */
const queuedMutations = async () =>
  Number(
    (
      await db().$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT coalesce(sum(jsonb_array_length(data->'mutationIds')), 0)::bigint AS n FROM pgboss.job WHERE name = $1`,
        QUEUES.processMutation,
      )
    )[0]!.n,
  );

beforeEach(resetDatabase);

describe('accepted deliveries', () => {
  test('a signed delivery stores the delivery and each mutation exactly, and enqueues their processing', async () => {
    const { status, json } = await post({ body: fixture('credit-two') });
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: 'received', accepted: 2, duplicates: 0 });

    const mutations = await db().mutation.findMany({ orderBy: { mootaId: 'asc' } });
    expect(mutations.map((m) => [m.mootaId, m.type, m.amount, m.balance, m.note])).toEqual([
      ['mut_7Hq2LmP0aa', 'CR', 150123n, 18250000n, ''],
      ['mut_7Hq2LmP0ab', 'CR', 89457n, 18099877n, 'order 2411'],
    ]);
    expect(mutations[0]!.occurredAt.toISOString()).toBe('2026-11-28T03:14:07.000Z');
    expect(mutations[0]!.accountHolder).toBe('TOKO BERKAH JAYA');
    expect((await getMutationDetail(mutations[1]!.id))!.raw).toMatchObject({ amount: '89457.00', bank: { meta: '[redacted]' } });

    const delivery = await db().delivery.findUniqueOrThrow({ where: { id: json.delivery_id as string } });
    expect(delivery).toMatchObject({
      outcome: 'accepted',
      httpStatus: 200,
      signature: 'valid',
      accepted: 2,
      duplicates: 0,
      sourceAddress: MOOTA_ADDRESS,
    });
    expect(delivery.body).not.toContain('REDACT-ME');
    expect(delivery.headers).toMatchObject({ 'user-agent': 'MootaBot/1.5' });
    expect(await queuedMutations()).toBe(2);
  });

  test.each([
    ['test webhook from Moota’s dashboard', 'test-webhook', 1],
    ['debit and credit with bank null or absent', 'mixed-bank-null', 2],
    ['virtual account payment with order id', 'virtual-account', 1],
  ])('%s', async (_label, name, accepted) => {
    const { status, json } = await post({ body: fixture(name) });
    expect(status).toBe(200);
    expect(json.accepted).toBe(accepted);
  });

  test('a replayed delivery answers 200, counts duplicates and changes nothing', async () => {
    await post({ body: fixture('credit-two') });
    const before = await db().mutation.findMany({ orderBy: { mootaId: 'asc' } });
    const { status, json } = await post({ body: fixture('credit-two') });
    expect(status).toBe(200);
    expect(json).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await db().mutation.findMany({ orderBy: { mootaId: 'asc' } })).toEqual(before);
    expect(await db().delivery.count()).toBe(2);
    expect(await queuedMutations()).toBe(2);
  });

  test('two deliveries that overlap store the shared mutation once', async () => {
    await post({ body: JSON.stringify([mutation('a'), mutation('b')]) });
    const { json } = await post({ body: JSON.stringify([mutation('b'), mutation('c')]) });
    expect(json).toMatchObject({ accepted: 1, duplicates: 1 });
    expect((await db().mutation.findMany({ select: { mootaId: true }, orderBy: { mootaId: 'asc' } })).map((m) => m.mootaId)).toEqual(['a', 'b', 'c']);
  });

  test('numeric mutation ids beyond 2^53 keep every digit: two transfers stay two', async () => {
    // As JSON numbers both would read as 9007199254740992.
    const body = `[${JSON.stringify(mutation('placeholder-a')).replace('"placeholder-a"', '9007199254740993')},${JSON.stringify(
      mutation('placeholder-b', { amount: 99_000 }),
    ).replace('"placeholder-b"', '9007199254740992')}]`;
    const { status, json } = await post({ body });
    expect(status).toBe(200);
    expect(json).toMatchObject({ accepted: 2, duplicates: 0 });
    const ids = (await db().mutation.findMany({ select: { mootaId: true } })).map((m) => m.mootaId).sort();
    expect(ids).toEqual(['9007199254740992', '9007199254740993']);
  });

  test('a credit of zero or less is refused with the field named; the good mutation beside it is stored', async () => {
    const { status, json } = await post({ body: JSON.stringify([mutation('m-good'), mutation('m-zero', { amount: 0 })]) });
    expect(status).toBe(400);
    expect(json).toMatchObject({ status: 'partial', accepted: 1, refused: 1 });
    expect(json.error).toContain('mutation 2 (m-zero): amount must be more than 0');
    expect((await db().mutation.findMany()).map((m) => m.mootaId)).toEqual(['m-good']);
    expect(await db().delivery.findFirstOrThrow()).toMatchObject({ outcome: 'partial', httpStatus: 400, accepted: 1 });
  });

  test('a mutation twice in one body is stored once and counted as a duplicate', async () => {
    const { json } = await post({ body: JSON.stringify([mutation('d1'), mutation('d2'), mutation('d1')]) });
    expect(json).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(await db().delivery.findFirstOrThrow()).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(await db().mutation.count()).toBe(2);
  });

  test('two transfers of the same amount on the same day are two mutations', async () => {
    const { json } = await post({ body: JSON.stringify([mutation('x1'), mutation('x2')]) });
    expect(json).toMatchObject({ accepted: 2, duplicates: 0 });
  });

  test('unicode and SQL-looking text is stored exactly', async () => {
    const description = "TRSF CR Rp 150.123 — Siti Aminah 🙏 ' OR 1=1; DROP TABLE mutations; -- \u0000x";
    const note = '漢字 ünïcödé "quoted" \\ backslash';
    const { status } = await post({ body: JSON.stringify([mutation('u1', { description: description.replace('\u0000', ''), note })]) });
    expect(status).toBe(200);
    const stored = await db().mutation.findUniqueOrThrow({ where: { mootaId: 'u1' } });
    expect(stored.description).toBe(description.replace('\u0000', ''));
    expect(stored.note).toBe(note);
  });

  test('a delivery of 100 mutations is stored whole', async () => {
    const body = JSON.stringify(Array.from({ length: 100 }, (_, i) => mutation(`bulk-${i}`, { amount: `${100000 + i}.00` })));
    const { json } = await post({ body });
    expect(json).toMatchObject({ accepted: 100, duplicates: 0 });
    const total = await db().mutation.aggregate({ _sum: { amount: true } });
    expect(total._sum.amount).toBe(BigInt(100 * 100000 + (99 * 100) / 2));
    expect(await queuedMutations()).toBe(100);
    const [jobs] = await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1`, QUEUES.processMutation);
    expect(jobs!.n).toBe(1n);
  });

  test('either of two rotated secrets is accepted', async () => {
    const env = { MOOTA_WEBHOOK_SECRET: 'old-secret-1234,new-secret-5678' };
    expect((await post({ body: JSON.stringify([mutation('r1')]), secret: 'old-secret-1234' }, env)).status).toBe(200);
    expect((await post({ body: JSON.stringify([mutation('r2')]), secret: 'new-secret-5678' }, env)).status).toBe(200);
    expect((await post({ body: JSON.stringify([mutation('r3')]), secret: TEST_SECRET }, env)).status).toBe(401);
  });
});

describe('rejected calls are answered clearly, stored in the audit log, and store no mutation', () => {
  const body = JSON.stringify([mutation('rej')]);

  test.each<[string, WebhookCall, Record<string, string>, number, string, RegExp]>([
    ['wrong signature', { body, secret: 'not-the-secret' }, {}, 401, 'invalid', /does not match/],
    ['missing signature', { body, secret: null }, {}, 401, 'missing', /missing/],
    ['malformed signature', { body, signature: 'zz' }, {}, 401, 'invalid', /does not match/],
    ['no secret configured (fail closed)', { body }, { MOOTA_WEBHOOK_SECRET: '' }, 503, 'unchecked', /no webhook secret/],
    ['address not in the allowlist', { body, peer: '198.51.100.7' }, {}, 403, 'unchecked', /198\.51\.100\.7 is not in the allowlist/],
    [
      'spoofed X-Forwarded-For without a trusted proxy',
      { body, peer: '198.51.100.7', headers: { 'x-forwarded-for': MOOTA_ADDRESS } },
      {},
      403,
      'unchecked',
      /198\.51\.100\.7/,
    ],
    [
      'spoofed first X-Forwarded-For entry behind one trusted proxy',
      { body, peer: '10.0.0.2', headers: { 'x-forwarded-for': `${MOOTA_ADDRESS}, 198.51.100.7` } },
      { TRUSTED_PROXY_HOPS: '1' },
      403,
      'unchecked',
      /198\.51\.100\.7/,
    ],
    ['invalid JSON', { body: '[{"mutation_id": ' }, {}, 400, 'valid', /not valid JSON/],
    ['an object instead of an array', { body: JSON.stringify(mutation('o')) }, {}, 400, 'valid', /array/],
    ['a mutation without mutation_id', { body: JSON.stringify([{ ...mutation('m'), mutation_id: undefined }]) }, {}, 400, 'valid', /mutation_id/],
    ['an amount that is not a number', { body: JSON.stringify([mutation('m', { amount: 'abc' })]) }, {}, 400, 'valid', /amount/],
    ['a type other than CR or DB', { body: JSON.stringify([mutation('m', { type: 'XX' })]) }, {}, 400, 'valid', /type/],
    [
      'a body over the size limit',
      { body: JSON.stringify([mutation('big', { description: 'x'.repeat(3000) })]) },
      { WEBHOOK_MAX_BYTES: '2048' },
      413,
      'unchecked',
      /larger than the limit of 2048/,
    ],
  ])('%s', async (_label, call, env, status, signature, reason) => {
    const { status: answered, json } = await post(call, env);
    expect(answered).toBe(status);
    expect(json.error).toMatch(reason);
    expect(await db().mutation.count()).toBe(0);
    expect(await queuedMutations()).toBe(0);
    const [delivery] = await db().delivery.findMany();
    expect(delivery).toMatchObject({ outcome: 'rejected', httpStatus: status, signature });
    expect(delivery!.reason).toMatch(reason);
  });

  test('a trusted proxy’s X-Forwarded-For names the real sender', async () => {
    const { status } = await post(
      { body, peer: '10.0.0.2', headers: { 'x-forwarded-for': `203.0.113.9, ${MOOTA_ADDRESS}` } },
      { TRUSTED_PROXY_HOPS: '1' },
    );
    expect(status).toBe(200);
    expect((await db().delivery.findFirstOrThrow()).sourceAddress).toBe(MOOTA_ADDRESS);
  });

  test('an oversize body sent without Content-Length is cut off while streaming', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++;
        if (sent > 64) controller.close();
        else controller.enqueue(chunk);
      },
    });
    vi.resetModules();
    vi.stubEnv('MOOTA_WEBHOOK_SECRET', TEST_SECRET);
    vi.stubEnv('WEBHOOK_MAX_BYTES', '4096');
    const { POST } = await import('@/app/api/webhook/route');
    const request = webhookRequest({ body: 'placeholder' });
    const streaming = new Request(request.url, { method: 'POST', headers: request.headers, body: stream, duplex: 'half' } as RequestInit);
    streaming.headers.delete('content-length');
    const response = await POST(streaming);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(64);
  });

  test('a rejected body is kept only as a bounded, redacted excerpt', async () => {
    const garbage = JSON.stringify([{ bank: { meta: { session_id: 'SECRET-SESSION' } }, ...mutation('g'), description: 'y'.repeat(10_000) }]);
    const { status } = await post({ body: garbage, secret: 'wrong-secret' });
    expect(status).toBe(401);
    const delivery = await db().delivery.findFirstOrThrow();
    expect(delivery.body.length).toBeLessThanOrEqual(2048);
    expect(delivery.bodyTruncated).toBe(true);
    expect(delivery.bodyBytes).toBe(Buffer.byteLength(garbage));
    expect(delivery.body).not.toContain('SECRET-SESSION');
  });
});

describe('what the database would refuse is refused before storing, named and logged', () => {
  const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
  /** A body with one mutation whose JSON text for `field` is `json` exactly (escapes as sent). */
  const withRawField = (id: string, field: string, json: string) => JSON.stringify([mutation(id, { [field]: '__RAW__' })]).replace('"__RAW__"', json);

  test.each([
    [
      'an amount beyond 64-bit',
      withRawField('n1', 'amount', '"9223372036854775808"'),
      /mutation 1 \(n1\): amount must be at most 1000000000000000 rupiah/,
    ],
    ['an amount beyond the bound', withRawField('n2', 'amount', '1000000000000001'), /amount must be at most/],
    ['a balance beyond 64-bit', withRawField('n3', 'balance', '"-99999999999999999999.00"'), /balance must be at most/],
    ['a year 0000 date', withRawField('d0', 'date', '"0000-01-01 00:00:00"'), /date must be in 2000 or later/],
    ['a year 0001 date', withRawField('d1', 'date', '"0001-01-01 10:00:00"'), /date must be in 2000 or later/],
    ['a year 9999 date', withRawField('d9', 'date', '"9999-12-31 23:59:59"'), /date must not be more than 31 days after/],
    ['a NUL in the description', withRawField('t1', 'description', '"TRSF\\u0000CR"'), /description must not contain a NUL character/],
    ['a lone surrogate in the note', withRawField('t2', 'note', '"ok \\ud800"'), /note must not contain half of a surrogate pair/],
    ['a NUL inside taggings', withRawField('t3', 'taggings', '[{"name":"a\\u0000"}]'), /taggings\[0\]\.name must not contain a NUL/],
    ['nesting thousands deep', withRawField('z1', 'taggings', deep(5000)), /body nests 5002 levels deep, more than the limit of 64/],
  ])('%s: 400, in the log with a valid signature, nothing stored', async (_label, body, reason) => {
    const { status, json } = await post({ body });
    expect(status).toBe(400);
    expect(json.error).toMatch(reason);
    expect(await db().mutation.count()).toBe(0);
    const delivery = await db().delivery.findFirstOrThrow();
    expect(delivery).toMatchObject({ outcome: 'rejected', httpStatus: 400, signature: 'valid' });
    expect(delivery.reason).toMatch(reason);
    expect(delivery.body.length).toBeGreaterThan(0);
  });

  test('a delivery with some unstorable mutations stores the good ones and names the others; a replay changes nothing', async () => {
    const body = `[${JSON.stringify(mutation('good-1'))},${withRawField('bad-nul', 'description', '"x\\u0000"').slice(1, -1)},${withRawField(
      'bad-year',
      'date',
      '"0001-01-01 00:00:00"',
    ).slice(1, -1)},${JSON.stringify(mutation('good-2', { amount: 99_000 }))}]`;
    const { status, json } = await post({ body });
    expect(status).toBe(400);
    expect(json).toMatchObject({ status: 'partial', accepted: 2, duplicates: 0, refused: 2 });
    expect(json.error).toBe(
      'mutation 2 (bad-nul): description must not contain a NUL character (at position 2); mutation 3 (bad-year): date must be in 2000 or later',
    );
    expect((await db().mutation.findMany({ orderBy: { mootaId: 'asc' } })).map((m) => m.mootaId)).toEqual(['good-1', 'good-2']);
    expect(await queuedMutations()).toBe(2);
    const delivery = await db().delivery.findUniqueOrThrow({ where: { id: json.delivery_id as string } });
    expect(delivery).toMatchObject({ outcome: 'partial', httpStatus: 400, signature: 'valid', accepted: 2, reason: json.error });
    expect(JSON.parse(delivery.body)).toHaveLength(4);
    expect(delivery.body).toContain('x\\u0000');

    const replay = await post({ body });
    expect(replay.status).toBe(400);
    expect(replay.json).toMatchObject({ accepted: 0, duplicates: 2, refused: 2 });
    expect(await db().mutation.count()).toBe(2);
  });

  test('a signed body that is not JSON and holds a raw NUL is logged with the NUL escaped', async () => {
    const { status } = await post({ body: '[{"mutation_id": "a\u0000' });
    expect(status).toBe(400);
    const delivery = await db().delivery.findFirstOrThrow();
    expect(delivery).toMatchObject({ outcome: 'rejected', httpStatus: 400, reason: 'body is not valid JSON' });
    expect(delivery.body).toBe('[{"mutation_id": "a\\u0000');
  });

  test('a refusal the checks did not foresee is a logged 500, never "try again later"', async () => {
    await db().$executeRawUnsafe(`ALTER TABLE mutations ADD CONSTRAINT test_refuses_boom CHECK (description <> 'boom')`);
    try {
      const { status, json } = await post({ body: JSON.stringify([mutation('boom-1', { description: 'boom' })]) });
      expect(status).toBe(500);
      expect(json.error).toMatch(/^the database refused the delivery: .*test_refuses_boom/);
      expect(await db().mutation.count()).toBe(0);
      const delivery = await db().delivery.findFirstOrThrow();
      expect(delivery).toMatchObject({ outcome: 'rejected', httpStatus: 500, signature: 'valid' });
      expect(delivery.body).toContain('boom-1');
    } finally {
      await db().$executeRawUnsafe(`ALTER TABLE mutations DROP CONSTRAINT test_refuses_boom`);
    }
  });
});

describe('retention', () => {
  test('rejected calls older than the retention period are pruned; accepted deliveries stay', async () => {
    const { pruneRejectedDeliveries, REJECTED_RETENTION_DAYS } = await import('@/lib/intake/store-delivery');
    await post({ body: JSON.stringify([mutation('kept')]) });
    await post({ body: '[]', secret: 'wrong-secret-1' });
    await post({ body: '[]', secret: 'wrong-secret-2' });
    const old = new Date(Date.now() - (REJECTED_RETENTION_DAYS + 1) * 86_400_000);
    const [first] = await db().delivery.findMany({ where: { outcome: 'rejected' }, take: 1 });
    await db().delivery.update({ where: { id: first!.id }, data: { receivedAt: old } });
    await db().delivery.updateMany({ where: { outcome: 'accepted' }, data: { receivedAt: old } });
    expect(await pruneRejectedDeliveries()).toBe(1);
    expect(await db().delivery.count({ where: { outcome: 'rejected' } })).toBe(1);
    expect(await db().delivery.count({ where: { outcome: 'accepted' } })).toBe(1);
  });
});
