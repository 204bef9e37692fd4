import fc from 'fast-check';
import { beforeAll, describe, expect, test, vi } from 'vitest';

vi.mock('@/lib/next/auth', async () => ({ auth: (await import('@/tests/support/signed-in')).sessionOf }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => ({ value: 'en' }), set: () => {} }) }));

const { signedIn } = await import('@/tests/support/signed-in');
const { createUser } = await import('@/lib/auth/users');
const { createOrder } = await import('@/lib/orders/create-order');
const { db } = await import('@/lib/db');
const { resetDatabase } = await import('@/tests/support/database');
const { receiveTransfers } = await import('@/tests/support/mutations');
const { rowCounts } = await import('@/tests/support/row-counts');
const { DEEP_OBJECT, FUZZ_SEED, HOSTILE_TEXT, hostileRecord, hostileText, hostileValue } = await import('@/tests/support/hostile');
const { ROLES } = await import('@/lib/auth/roles');
const { PRACTICE_KINDS } = await import('@/lib/sandbox/practice-transfer');
const { STATEMENT_DATE_FORMATS, STATEMENT_FORMATS } = await import('@/app/(dashboard)/statements/formats');

const MODULES = {
  accounts: await import('@/app/(dashboard)/accounts/actions'),
  orders: await import('@/app/(dashboard)/orders/actions'),
  sandbox: await import('@/app/(dashboard)/sandbox/actions'),
  settings: await import('@/app/(dashboard)/settings/actions'),
  statements: await import('@/app/(dashboard)/statements/actions'),
  unmatched: await import('@/app/(dashboard)/unmatched/actions'),
  webhooks: await import('@/app/(dashboard)/webhooks/actions'),
};

type Result = { ok: true; data: unknown } | { ok: false; code: string; message: string };
type Action = (input: unknown) => Promise<Result>;

let ownerId = '';
const ids = { account: '', mutation: '', order: '', user: '' };
const REFERENCES = ['INV-ACT-1', 'INV-ACT-2'];

/** A uuid: one of the rows the database holds (read when the case is made, after beforeAll), a random one, or anything. */
const someId = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('account', 'mutation', 'order', 'user').map((row) => ids[row as keyof typeof ids]) },
    fc.uuid(),
    hostileText(40),
  );
const amountText = fc.oneof(
  fc.integer({ min: 1, max: 5_000_000 }).map(String),
  fc.constantFrom('150.000', 'Rp 1.500.000', '0', '-5', '1e400'),
  hostileText(25),
);
const dayText = fc.oneof(fc.constantFrom('0000-01-01', '9999-12-31', '1999-12-31', '2026-12-01', '2026-02-30'), hostileText(20));

/** Each action's fields, typed right or anything at all (`hostileRecord`); the whole input is sometimes anything too. */
const INPUTS: Record<string, fc.Arbitrary<unknown>> = {
  'accounts.setAccountSandboxAction': hostileRecord({ accountId: someId(), sandbox: fc.boolean() }),
  'accounts.checkAccountNowAction': hostileRecord({ accountId: someId() }),
  'orders.createOrderAction': hostileRecord({
    reference: fc.oneof(fc.stringMatching(/^INV-[A-Z0-9]{1,10}$/), hostileText(70)),
    amount: amountText,
    customerName: hostileText(220),
    accountNumber: fc.oneof(fc.stringMatching(/^[0-9]{5,15}$/), hostileText(45)),
    expiresInMinutes: fc.oneof(fc.integer({ min: -5, max: 200_000 }).map(String), hostileText(10)),
  }),
  'orders.cancelOrderAction': hostileRecord({ reference: fc.oneof(fc.constantFrom(...REFERENCES), hostileText(70)), reason: hostileText(520) }),
  'orders.acceptDifferenceAction': hostileRecord({
    orderId: someId(),
    category: fc.oneof(fc.constantFrom('bank_fee', 'customer_rounding', 'discount', 'refund_owed', 'other'), hostileText(20)),
    reason: hostileText(520),
  }),
  'orders.importOrdersAction': hostileRecord({
    rows: fc.array(
      hostileRecord({
        line: fc.integer({ min: 0, max: 10 }),
        reference: hostileText(30),
        input: hostileRecord({ reference: fc.stringMatching(/^CSV-[A-Z0-9]{1,8}$/), amount: amountText, customer_name: hostileText(60) }),
      }),
      { maxLength: 4 },
    ),
  }),
  'sandbox.sendPracticeTransferAction': hostileRecord({
    kind: fc.constantFrom(...PRACTICE_KINDS),
    reference: fc.oneof(fc.constantFrom(...REFERENCES, ''), hostileText(70)),
    amount: fc.oneof(fc.constant(''), amountText),
    difference: fc.constantFrom('exact', 'short', 'over'),
    differenceAmount: fc.oneof(fc.constant(''), amountText),
    description: hostileText(120),
  }),
  'sandbox.practiceTransferStateAction': hostileRecord({ mutationId: someId() }),
  'settings.saveSettingsAction': hostileRecord({
    values: hostileRecord({
      uniqueCodeMin: fc.oneof(fc.integer({ min: 0, max: 2000 }).map(String), hostileText(10)),
      uniqueCodeMax: fc.oneof(fc.integer({ min: 0, max: 2000 }).map(String), hostileText(10)),
      orderExpiryMinutes: fc.oneof(fc.integer({ min: 0, max: 1e9 }).map(String), hostileText(10)),
      matchWindowDays: fc.oneof(fc.integer({ min: 0, max: 1e6 }).map(String), hostileText(10)),
      trustedProxyHops: fc.oneof(fc.integer({ min: 0, max: 50 }).map(String), hostileText(10)),
      allowedIps: fc.oneof(fc.constantFrom('103.236.201.178', '10.0.0.0/8, ::1', '300.1.1.1'), hostileText(60)),
      storeCallbackUrl: fc.oneof(fc.constantFrom('https://toko.test/cocok', 'javascript:alert(1)', 'http://127.0.0.1:1/x'), hostileText(60)),
      underpaidTolerance: fc.oneof(fc.integer({ min: 0, max: 1e12 }).map(String), hostileText(10)),
    }),
  }),
  'settings.addWebhookSecretAction': hostileRecord({ secret: hostileText(60) }),
  'settings.removeWebhookSecretAction': hostileRecord({ fingerprint: fc.oneof(fc.stringMatching(/^[0-9a-f]{16}$/), hostileText(20)) }),
  'settings.saveStoreCallbackSecretAction': hostileRecord({ secret: hostileText(60) }),
  'settings.saveMootaTokenAction': hostileRecord({ token: hostileText(60) }),
  'settings.forgetMootaTokenAction': fc.constant({}),
  'settings.setMootaTaggingAction': hostileRecord({ on: fc.boolean() }),
  'settings.savePayAccountsAction': hostileRecord({ accounts: fc.array(fc.oneof(fc.constant('bnk_test'), hostileText(120)), { maxLength: 25 }) }),
  'settings.createApiKeyAction': hostileRecord({ name: hostileText(220) }),
  'settings.revokeApiKeyAction': hostileRecord({ id: someId() }),
  'settings.createUserAction': hostileRecord({
    email: fc.oneof(fc.emailAddress(), hostileText(60)),
    name: hostileText(120),
    role: fc.constantFrom(...ROLES),
    password: fc.oneof(fc.constant('long-enough-password'), hostileText(40)),
  }),
  'settings.updateUserAction': hostileRecord({ id: someId(), role: fc.constantFrom(...ROLES), disabled: fc.boolean() }),
  'statements.previewStatementAction': statementUpload(),
  'statements.importStatementAction': statementUpload(),
  'statements.decideDuplicateAction': hostileRecord({ duplicateId: someId(), importId: someId(), same: fc.option(someId(), { nil: null }) }),
  'unmatched.matchOrderAction': hostileRecord({ mutationId: someId(), orderId: someId(), reason: hostileText(520), acknowledged: fc.boolean() }),
  'unmatched.splitAction': hostileRecord({
    mutationId: someId(),
    parts: fc.array(hostileRecord({ orderId: someId(), amount: amountText }), { maxLength: 3 }),
    reason: hostileText(520),
  }),
  'unmatched.markNotAnOrderAction': hostileRecord({ mutationId: someId(), note: hostileText(520) }),
  'unmatched.undoAction': hostileRecord({ mutationId: someId(), reason: hostileText(520) }),
  'unmatched.previewUndoAction': hostileRecord({ mutationId: someId() }),
  'unmatched.bulkConfirmAction': hostileRecord({ mutationIds: fc.array(someId(), { maxLength: 4 }) }),
  'webhooks.reprocessDeliveryAction': hostileRecord({ deliveryId: someId() }),
  'webhooks.startSyncAction': hostileRecord({ from: dayText, to: dayText, mootaBankId: fc.oneof(fc.constant('bnk_test'), hostileText(110)) }),
};

function statementUpload() {
  const column = fc.integer({ min: -1, max: 6 });
  return hostileRecord({
    accountId: someId(),
    fileName: fc.oneof(fc.constant('mutasi.csv'), hostileText(260)),
    content: fc.oneof(
      fc
        .array(fc.tuple(fc.constantFrom('28/11/2026', '0000-01-01', '31/02/2026', '9999-12-31'), hostileText(30), amountText), { maxLength: 5 })
        .map((rows) => ['Tanggal;Keterangan;Nilai', ...rows.map((cells) => cells.join(';'))].join('\n')),
      hostileText(300),
    ),
    format: fc.constantFrom(...STATEMENT_FORMATS),
    mapping: hostileRecord({
      date: column,
      description: fc.array(column, { minLength: 1, maxLength: 2 }),
      amount: column,
      dateFormat: fc.constantFrom(...STATEMENT_DATE_FORMATS),
      headerRows: fc.integer({ min: 0, max: 3 }),
    }),
    year: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constant(2026)),
  });
}

/** A valid input for the actions that take text people type: the corpus goes into each of its text fields. */
const BASES: Record<string, () => Record<string, unknown>> = {
  'orders.createOrderAction': () => ({ reference: 'INV-BASE-1', amount: '150000', customerName: 'Budi', accountNumber: '', expiresInMinutes: '' }),
  'orders.cancelOrderAction': () => ({ reference: REFERENCES[1], reason: 'salah kirim' }),
  'orders.acceptDifferenceAction': () => ({ orderId: ids.order, category: 'bank_fee', reason: 'biaya bank' }),
  'orders.importOrdersAction': () => ({
    rows: [{ line: 2, reference: 'CSV-BASE-1', input: { reference: 'CSV-BASE-1', amount: '1000', customer_name: 'Siti' } }],
  }),
  'sandbox.sendPracticeTransferAction': () => ({
    kind: 'bank',
    reference: '',
    amount: '10000',
    difference: 'exact',
    differenceAmount: '',
    description: 'latihan',
  }),
  'settings.saveSettingsAction': () => ({ values: { allowedIps: '103.236.201.178', storeCallbackUrl: 'https://toko.test/cocok' } }),
  'settings.addWebhookSecretAction': () => ({ secret: 'a-new-secret-123' }),
  'settings.saveStoreCallbackSecretAction': () => ({ secret: 'callback-secret-0123456789' }),
  'settings.saveMootaTokenAction': () => ({ token: 'moota-token-0123456789abcdef' }),
  'settings.createApiKeyAction': () => ({ name: 'Toko Berkah' }),
  'settings.createUserAction': () => ({ email: 'siti@fuzz.test', name: 'Siti', role: 'viewer', password: 'long-enough-password' }),
  'statements.previewStatementAction': () => ({
    accountId: ids.account,
    fileName: 'mutasi.csv',
    content: 'Tgl;Uraian;Nilai\n28/11/2026;TRANSFER MASUK;99000',
  }),
  'unmatched.matchOrderAction': () => ({ mutationId: ids.mutation, orderId: ids.order, reason: 'dibayar' }),
  'unmatched.markNotAnOrderAction': () => ({ mutationId: ids.mutation, note: 'setoran pemilik' }),
  'unmatched.undoAction': () => ({ mutationId: ids.mutation, reason: 'salah' }),
  'webhooks.startSyncAction': () => ({ from: '2026-11-01', to: '2026-11-02', mootaBankId: 'bnk_test' }),
};

const CORPUS = ['\0', 'Budi\0', 'a\uD800', '\uDC00', 'x'.repeat(5000), '0000-01-01', '9999-12-31'];

/** The base input with each corpus text in each of its text fields (one level down too: `values.allowedIps`). */
function corpusCases(base: Record<string, unknown>): Record<string, unknown>[] {
  const cases: Record<string, unknown>[] = [];
  for (const [key, value] of Object.entries(base)) {
    if (typeof value === 'string') for (const text of CORPUS) cases.push({ ...base, [key]: text });
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const inner of corpusCases(value as Record<string, unknown>)) cases.push({ ...base, [key]: inner });
    }
  }
  return cases;
}

const ACTIONS = Object.entries(MODULES).flatMap(([area, module]) =>
  Object.entries(module as Record<string, unknown>)
    .filter(([, value]) => typeof value === 'function')
    .map(([name, value]) => [`${area}.${name}`, value as Action] as const),
);

/** What a stored row must read back as, for the actions that take text a person typed. */
async function expectStoredAsSent(name: string, input: Record<string, unknown>, data: unknown) {
  if (name === 'orders.createOrderAction' && (data as { kind: string }).kind === 'created') {
    const order = await db().order.findUniqueOrThrow({ where: { referenceKey: String(input.reference).trim().toUpperCase() } });
    expect(order.customerName).toBe(String(input.customerName).trim() || null);
  }
  if (name === 'settings.createApiKeyAction') {
    const key = await db().apiKey.findUniqueOrThrow({ where: { id: (data as { id: string }).id } });
    expect(key.name).toBe(String(input.name).trim() || key.name);
  }
  if (name === 'unmatched.markNotAnOrderAction' && (data as { changed: boolean }).changed) {
    const history = await db().historyEntry.findFirstOrThrow({ where: { mutationId: String(input.mutationId) }, orderBy: { createdAt: 'desc' } });
    expect(JSON.stringify(history)).toContain(JSON.stringify(String(input.note).trim()).slice(1, -1));
  }
}

beforeAll(async () => {
  await resetDatabase();
  ownerId = (await createUser({ email: 'owner@fuzz.test', role: 'owner', password: 'long-enough-password' })).id;
  ids.user = (await createUser({ email: 'finance@fuzz.test', role: 'finance', password: 'long-enough-password' })).id;
  ids.mutation = (await receiveTransfers({ amount: 150_123, description: 'TRSF E-BANKING CR BUDI' }))[0]!;
  ids.account = (await db().account.findFirstOrThrow()).id;
  for (const [index, reference] of REFERENCES.entries()) {
    ids.order = (await createOrder({ reference, amount: 20_000 + index }, 'dashboard', 'test')).order.id;
  }
  signedIn.userId = ownerId;
});

describe('every server action, fuzzed as the owner (fixed seed, bounded runs)', () => {
  test('the list of actions fuzzed is every action the dashboard has', () => {
    expect(ACTIONS.map(([name]) => name).sort()).toEqual(Object.keys(INPUTS).sort());
  });

  test.each(ACTIONS)('%s: a result, or a refusal with a message and nothing written; never an internal error', async (name, action) => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: INPUTS[name]! }, { weight: 1, arbitrary: hostileValue }), async (input) => {
        // The owner may disable or demote itself through updateUser: each case starts as the owner again.
        await db().user.update({ where: { id: ownerId }, data: { role: 'owner', disabledAt: null } });
        const before = await rowCounts();
        const result = await action(input);
        if (result.ok) {
          await expectStoredAsSent(name, input as Record<string, unknown>, result.data);
          return;
        }
        expect(result.code, result.message).not.toBe('internal');
        expect(result.message).toMatch(/\S/);
        expect(await rowCounts(), `${name} refused (${result.message}) but wrote`).toEqual(before);
      }),
      {
        seed: FUZZ_SEED,
        numRuns: 30,
        examples: [
          [undefined],
          [null],
          [DEEP_OBJECT],
          [JSON.parse(DEEP_OBJECT)],
          ...HOSTILE_TEXT.slice(0, 6).map((text) => [{ reason: text, note: text }]),
          ...corpusCases(BASES[name]?.() ?? {}).map((input) => [input]),
        ],
      },
    );
  });
});

describe('the first owner, created outside defineAction', () => {
  test('a name the database cannot hold is refused naming it, and nobody is created', async () => {
    const before = await db().user.count();
    await expect(createUser({ email: 'nul@fuzz.test', name: 'Bu\0di', role: 'owner', password: 'long-enough-password' })).rejects.toThrow(
      'name contains a character that cannot be stored',
    );
    expect(await db().user.count()).toBe(before);
  });
});
