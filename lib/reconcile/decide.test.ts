import { describe, expect, test } from 'vitest';
import {
  DEFAULT_MATCH_SETTINGS,
  decideMatch,
  fitsTransfer,
  isOpen,
  mentionsReference,
  mutationReferenceTokens,
  paymentStatus,
  rankCandidates,
  referenceTokens,
  type CandidateReason,
  type ClosedOrderFacts,
  type Decision,
  type MatchSettings,
  type MutationFacts,
  type OrderFacts,
  type OrderStatus,
} from './decide';

const ACCOUNT = '1234567890';
const CREATED = new Date('2025-03-10T03:00:00Z');
const RECEIVED = new Date('2025-03-10T04:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const BANK_TEXT = 'TRSF E-BANKING CR 1003/FTSCY/WS95031 BUDI SANTOSO';

const at = (base: Date, offsetMs: number) => new Date(base.getTime() + offsetMs);

function order(id: string, payable: bigint, overrides: Partial<OrderFacts> = {}): OrderFacts {
  const uniqueCode = overrides.uniqueCode ?? 123;
  return {
    id,
    reference: `INV-${id}`,
    amount: payable - BigInt(uniqueCode),
    uniqueCode,
    payableAmount: payable,
    accountNumber: ACCOUNT,
    status: 'pending',
    createdAt: CREATED,
    expiresAt: null,
    ...overrides,
  };
}

function mutation(overrides: Partial<MutationFacts> = {}): MutationFacts {
  return {
    id: 'mutation-1',
    type: 'CR',
    amount: 150_123n,
    accountNumber: ACCOUNT,
    description: BANK_TEXT,
    note: null,
    paymentOrderId: null,
    receivedAt: RECEIVED,
    ...overrides,
  };
}

const TOLERANT: MatchSettings = { ...DEFAULT_MATCH_SETTINGS, underpaidTolerance: 500n, overpaidTolerance: 1_000n };

const EXACT: CandidateReason[] = ['amount-equal', 'same-account', 'within-window'];
const EXACT_REFERENCED: CandidateReason[] = ['amount-equal', 'reference-in-text', 'same-account', 'within-window'];
const TOLERATED: CandidateReason[] = ['amount-within-tolerance', 'same-account', 'within-window'];
const REFERENCED: CandidateReason[] = ['reference-in-text', 'same-account', 'within-window'];

const matched = (
  orderId: string,
  rule: 'payment-order-id' | 'amount' | 'amount-and-reference',
  orderStatus: 'paid' | 'underpaid' | 'overpaid' = 'paid',
): Decision => ({
  kind: 'matched',
  orderId,
  rule,
  orderStatus,
});
const UNMATCHED: Decision = { kind: 'unmatched' };

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('isOpen', () => {
  test.each<{ status: OrderStatus; expected: boolean }>([
    { status: 'pending', expected: true },
    { status: 'paid', expected: false },
    { status: 'underpaid', expected: false },
    { status: 'overpaid', expected: false },
    { status: 'expired', expected: false },
    { status: 'cancelled', expected: false },
  ])('$status → $expected', ({ status, expected }) => {
    expect(isOpen({ status })).toBe(expected);
  });
});

describe('fitsTransfer', () => {
  test.each<{ label: string; order: OrderFacts; mutation?: MutationFacts; settings?: MatchSettings; expected: boolean }>([
    { label: 'open order, same account, an hour after creation', order: order('A', 150_123n), expected: true },
    { label: 'order without account', order: order('A', 150_123n, { accountNumber: null }), expected: true },
    { label: 'account with spaces and dashes', order: order('A', 150_123n, { accountNumber: '123-456 7890' }), expected: true },
    { label: 'mutation account with dots', order: order('A', 150_123n), mutation: mutation({ accountNumber: '123.456.7890' }), expected: true },
    { label: 'wrong account', order: order('A', 150_123n, { accountNumber: '0987654321' }), expected: false },
    { label: 'account that only shares the digits prefix', order: order('A', 150_123n, { accountNumber: '12345678901' }), expected: false },
    { label: 'not open', order: order('A', 150_123n, { status: 'paid' }), expected: false },
    { label: 'expired status', order: order('A', 150_123n, { status: 'expired' }), expected: false },
    { label: 'transfer at the order creation instant', order: order('A', 150_123n, { createdAt: RECEIVED }), expected: true },
    {
      label: 'order created exactly lateOrderMinutes after the transfer',
      order: order('A', 150_123n, { createdAt: at(RECEIVED, 60 * MINUTE) }),
      expected: true,
    },
    {
      label: 'order created 1 ms past lateOrderMinutes after the transfer',
      order: order('A', 150_123n, { createdAt: at(RECEIVED, 60 * MINUTE + 1) }),
      expected: false,
    },
    { label: 'transfer exactly windowDays after the order', order: order('A', 150_123n, { createdAt: at(RECEIVED, -7 * DAY) }), expected: true },
    { label: 'transfer 1 ms past windowDays', order: order('A', 150_123n, { createdAt: at(RECEIVED, -7 * DAY - 1) }), expected: false },
    {
      label: 'custom 30-day window',
      order: order('A', 150_123n, { createdAt: at(RECEIVED, -20 * DAY) }),
      settings: { ...DEFAULT_MATCH_SETTINGS, windowDays: 30 },
      expected: true,
    },
    {
      label: 'late orders not allowed',
      order: order('A', 150_123n, { createdAt: at(RECEIVED, 1) }),
      settings: { ...DEFAULT_MATCH_SETTINGS, lateOrderMinutes: 0 },
      expected: false,
    },
    { label: 'expires exactly at the transfer', order: order('A', 150_123n, { expiresAt: RECEIVED }), expected: true },
    { label: 'expired 1 ms before the transfer', order: order('A', 150_123n, { expiresAt: at(RECEIVED, -1) }), expected: false },
    { label: 'invalid received date', order: order('A', 150_123n), mutation: mutation({ receivedAt: new Date(NaN) }), expected: false },
  ])('$label → $expected', ({ order: o, mutation: m = mutation(), settings = DEFAULT_MATCH_SETTINGS, expected }) => {
    expect(fitsTransfer(o, m, settings)).toBe(expected);
  });
});

describe('paymentStatus', () => {
  test.each<{ label: string; paid: bigint; due: bigint; settings?: MatchSettings; expected: ReturnType<typeof paymentStatus> }>([
    { label: 'exact', paid: 150_123n, due: 150_123n, expected: 'paid' },
    { label: 'one short, no tolerance', paid: 150_122n, due: 150_123n, expected: null },
    { label: 'one over, no tolerance', paid: 150_124n, due: 150_123n, expected: null },
    { label: 'exact with tolerance', paid: 150_123n, due: 150_123n, settings: TOLERANT, expected: 'paid' },
    { label: 'one short with tolerance', paid: 150_122n, due: 150_123n, settings: TOLERANT, expected: 'underpaid' },
    { label: 'exactly at underpaid tolerance', paid: 149_623n, due: 150_123n, settings: TOLERANT, expected: 'underpaid' },
    { label: 'one past underpaid tolerance', paid: 149_622n, due: 150_123n, settings: TOLERANT, expected: null },
    { label: 'one over with tolerance', paid: 150_124n, due: 150_123n, settings: TOLERANT, expected: 'overpaid' },
    { label: 'exactly at overpaid tolerance', paid: 151_123n, due: 150_123n, settings: TOLERANT, expected: 'overpaid' },
    { label: 'one past overpaid tolerance', paid: 151_124n, due: 150_123n, settings: TOLERANT, expected: null },
    { label: 'zero due, zero paid', paid: 0n, due: 0n, expected: 'paid' },
    { label: 'amounts beyond float precision', paid: 90_071_992_547_409_931n, due: 90_071_992_547_409_930n, expected: null },
  ])('$label → $expected', ({ paid, due, settings = DEFAULT_MATCH_SETTINGS, expected }) => {
    expect(paymentStatus(paid, due, settings)).toBe(expected);
  });
});

describe('referenceTokens', () => {
  test.each([
    {
      label: 'bank description',
      text: 'TRSF E-BANKING CR 1003/FTSCY/WS95031 150123.00 INV-1001 BUDI',
      expected: ['TRSF', 'E-BANKING', '1003/FTSCY/WS95031', '150123', 'INV-1001', 'BUDI'],
    },
    { label: 'upper-cased', text: 'bayar inv-1001', expected: ['BAYAR', 'INV-1001'] },
    { label: 'marks stripped from the ends', text: '#INV-1001 -ORD_77- /ABC/ __X_Y__', expected: ['INV-1001', 'ORD_77', 'ABC', 'X_Y'] },
    { label: 'marks inside kept', text: 'A_B/C#D-E', expected: ['A_B/C#D-E'] },
    { label: 'other punctuation splits', text: 'INV.1001,ORD:77;(ABC)"DEF"', expected: ['INV', '1001', 'ORD', 'ABC', 'DEF'] },
    { label: 'short tokens dropped after stripping', text: 'a ab abc #12 12#3', expected: ['ABC', '12#3'] },
    { label: 'each token once', text: 'INV-1 inv-1 Inv-1', expected: ['INV-1'] },
    { label: 'tabs and newlines', text: 'ORDER\tINV-1001\nTHANKS', expected: ['ORDER', 'INV-1001', 'THANKS'] },
    { label: 'letters beyond ASCII', text: 'pesanan café', expected: ['PESANAN', 'CAFÉ'] },
    { label: 'only marks', text: '--- ### /// ___', expected: [] },
    { label: 'empty', text: '', expected: [] },
  ])('$label', ({ text, expected }) => {
    expect(referenceTokens(text)).toEqual(expected);
  });
});

describe('mutationReferenceTokens', () => {
  test.each([
    { label: 'description only', description: 'BAYAR INV-1', note: null, expected: ['BAYAR', 'INV-1'] },
    { label: 'description and note are not glued together', description: 'BAYAR INV', note: '1001 ok', expected: ['BAYAR', 'INV', '1001'] },
    { label: 'token in both counted once', description: 'INV-1', note: 'inv-1', expected: ['INV-1'] },
    { label: 'empty note', description: 'BAYAR', note: '', expected: ['BAYAR'] },
  ])('$label', ({ description, note, expected }) => {
    expect(mutationReferenceTokens({ description, note })).toEqual(expected);
  });
});

describe('mentionsReference', () => {
  test.each([
    { label: 'whole token', text: 'BAYAR INV-1001 TERIMA KASIH', reference: 'INV-1001', expected: true },
    { label: 'case-insensitive', text: 'bayar inv-1001', reference: 'Inv-1001', expected: true },
    { label: 'after a hash', text: 'order #INV-1001.', reference: 'INV-1001', expected: true },
    { label: 'in parentheses', text: '(INV-1001)', reference: 'inv-1001', expected: true },
    { label: 'numeric reference', text: 'pesanan 100234', reference: '100234', expected: true },
    { label: 'prefix of a longer token', text: 'INV-10012', reference: 'INV-1001', expected: false },
    { label: 'suffix of a longer token', text: 'XINV-1001', reference: 'INV-1001', expected: false },
    { label: 'glued with a slash', text: '1003/INV-1001', reference: 'INV-1001', expected: false },
    { label: 'numeric reference inside an amount', text: '150123.00', reference: '50123', expected: false },
    { label: 'reference shorter than a token can be', text: 'order A1', reference: 'A1', expected: false },
    { label: 'reference containing a splitting mark', text: 'INV.1001', reference: 'INV.1001', expected: false },
    { label: 'reference with a leading hash', text: '#1001', reference: '#1001', expected: false },
    { label: 'empty text', text: '', reference: 'INV-1001', expected: false },
  ])('$label → $expected', ({ text, reference, expected }) => {
    expect(mentionsReference(text, reference)).toBe(expected);
    expect(referenceTokens(text).includes(reference.toUpperCase())).toBe(expected);
  });
});

interface DecideCase {
  label: string;
  mutation: MutationFacts;
  candidates: OrderFacts[];
  settings?: MatchSettings;
  expected: Decision;
}

const closedStatuses: OrderStatus[] = ['paid', 'underpaid', 'overpaid', 'expired', 'cancelled'];

const decideCases: DecideCase[] = [
  // Debits
  {
    label: 'debit: an order at the same amount',
    mutation: mutation({ type: 'DB' }),
    candidates: [order('A', 150_123n)],
    expected: { kind: 'debit' },
  },
  {
    label: 'debit: naming an order by payment order id',
    mutation: mutation({ type: 'DB', paymentOrderId: 'INV-A' }),
    candidates: [order('A', 150_123n)],
    expected: { kind: 'debit' },
  },
  { label: 'debit: no candidates', mutation: mutation({ type: 'DB' }), candidates: [], expected: { kind: 'debit' } },

  // Exact amount
  {
    label: 'exact: one open order at the payable amount',
    mutation: mutation(),
    candidates: [order('A', 150_123n)],
    expected: matched('A', 'amount'),
  },
  {
    label: 'exact: the reference also appears',
    mutation: mutation({ description: `${BANK_TEXT} INV-A` }),
    candidates: [order('A', 150_123n)],
    expected: matched('A', 'amount-and-reference'),
  },
  {
    label: 'exact: the base amount alone does not pay an order with a code',
    mutation: mutation({ amount: 150_000n }),
    candidates: [order('A', 150_123n)],
    expected: UNMATCHED,
  },
  {
    label: 'exact: order without account',
    mutation: mutation(),
    candidates: [order('A', 150_123n, { accountNumber: null })],
    expected: matched('A', 'amount'),
  },
  {
    label: 'exact: account written with spaces and dashes',
    mutation: mutation(),
    candidates: [order('A', 150_123n, { accountNumber: '123 456-7890' })],
    expected: matched('A', 'amount'),
  },
  {
    label: 'exact wins over one within tolerance',
    mutation: mutation(),
    settings: TOLERANT,
    candidates: [order('A', 150_123n), order('B', 150_000n)],
    expected: matched('A', 'amount'),
  },
  {
    label: 'exact wins over a referenced order at another amount',
    mutation: mutation({ note: 'INV-B' }),
    candidates: [order('A', 150_123n), order('B', 99_123n)],
    expected: matched('A', 'amount'),
  },
  {
    label: 'exact: one fitting, one at the same amount on another account',
    mutation: mutation(),
    candidates: [order('A', 150_123n), order('B', 150_123n, { accountNumber: '555' })],
    expected: matched('A', 'amount'),
  },
  {
    label: 'exact: one fitting, one at the same amount already paid',
    mutation: mutation(),
    candidates: [order('A', 150_123n, { status: 'paid' }), order('B', 150_123n)],
    expected: matched('B', 'amount'),
  },

  // Ambiguous exact amount
  {
    label: 'ambiguous: two open orders at the same amount',
    mutation: mutation(),
    candidates: [order('A', 150_123n), order('B', 150_123n, { accountNumber: null })],
    expected: {
      kind: 'review',
      candidates: [
        { orderId: 'A', reasons: EXACT },
        { orderId: 'B', reasons: ['amount-equal', 'within-window'] },
      ],
    },
  },
  {
    label: 'ambiguous: candidates listed oldest first',
    mutation: mutation(),
    candidates: [
      order('A', 150_123n),
      order('B', 150_123n, { createdAt: at(CREATED, -DAY) }),
      order('C', 150_123n, { createdAt: at(CREATED, -2 * DAY) }),
    ],
    expected: {
      kind: 'review',
      candidates: [
        { orderId: 'C', reasons: EXACT },
        { orderId: 'B', reasons: EXACT },
        { orderId: 'A', reasons: EXACT },
      ],
    },
  },
  {
    label: 'ambiguous: resolved by the reference in the description',
    mutation: mutation({ description: `${BANK_TEXT} INV-B` }),
    candidates: [order('A', 150_123n), order('B', 150_123n)],
    expected: matched('B', 'amount-and-reference'),
  },
  {
    label: 'ambiguous: resolved by the reference in the note',
    mutation: mutation({ note: 'bayar inv-b' }),
    candidates: [order('A', 150_123n), order('B', 150_123n)],
    expected: matched('B', 'amount-and-reference'),
  },
  {
    label: 'ambiguous: both references mentioned',
    mutation: mutation({ description: `${BANK_TEXT} INV-A`, note: 'INV-B' }),
    candidates: [order('A', 150_123n), order('B', 150_123n)],
    expected: {
      kind: 'review',
      candidates: [
        { orderId: 'A', reasons: EXACT_REFERENCED },
        { orderId: 'B', reasons: EXACT_REFERENCED },
      ],
    },
  },
  {
    label: 'ambiguous: the mentioned reference belongs to an order at another amount',
    mutation: mutation({ note: 'INV-C' }),
    candidates: [order('A', 150_123n), order('B', 150_123n), order('C', 160_123n)],
    expected: {
      kind: 'review',
      candidates: [
        { orderId: 'A', reasons: EXACT },
        { orderId: 'B', reasons: EXACT },
      ],
    },
  },

  // Late orders
  {
    label: 'late order: created 30 minutes after the transfer',
    mutation: mutation(),
    candidates: [order('A', 150_123n, { createdAt: at(RECEIVED, 30 * MINUTE) })],
    expected: matched('A', 'amount'),
  },
  {
    label: 'late order: created exactly lateOrderMinutes after the transfer',
    mutation: mutation(),
    candidates: [order('A', 150_123n, { createdAt: at(RECEIVED, 60 * MINUTE) })],
    expected: matched('A', 'amount'),
  },
  {
    label: 'late order: created 1 ms past lateOrderMinutes',
    mutation: mutation(),
    candidates: [order('A', 150_123n, { createdAt: at(RECEIVED, 60 * MINUTE + 1) })],
    expected: UNMATCHED,
  },
  {
    label: 'late order: not allowed when lateOrderMinutes is 0',
    mutation: mutation(),
    settings: { ...DEFAULT_MATCH_SETTINGS, lateOrderMinutes: 0 },
    candidates: [order('A', 150_123n, { createdAt: at(RECEIVED, 1) })],
    expected: UNMATCHED,
  },
  {
    label: 'late order: named by payment order id',
    mutation: mutation({ paymentOrderId: 'INV-A' }),
    candidates: [order('A', 150_123n, { createdAt: at(RECEIVED, 45 * MINUTE) })],
    expected: matched('A', 'payment-order-id'),
  },

  // Window
  {
    label: 'window: transfer exactly windowDays after the order',
    mutation: mutation(),
    candidates: [order('A', 150_123n, { createdAt: at(RECEIVED, -7 * DAY) })],
    expected: matched('A', 'amount'),
  },
  {
    label: 'outside window: transfer 1 ms past windowDays',
    mutation: mutation(),
    candidates: [order('A', 150_123n, { createdAt: at(RECEIVED, -7 * DAY - 1) })],
    expected: UNMATCHED,
  },
  {
    label: 'outside window: only the older of two same-amount orders is out',
    mutation: mutation(),
    candidates: [order('A', 150_123n, { createdAt: at(RECEIVED, -8 * DAY) }), order('B', 150_123n)],
    expected: matched('B', 'amount'),
  },
  {
    label: 'outside window: named by payment order id',
    mutation: mutation({ paymentOrderId: 'INV-A' }),
    candidates: [order('A', 150_123n, { createdAt: at(RECEIVED, -30 * DAY) })],
    expected: UNMATCHED,
  },
  {
    label: 'window: custom 30-day window',
    mutation: mutation(),
    settings: { ...DEFAULT_MATCH_SETTINGS, windowDays: 30 },
    candidates: [order('A', 150_123n, { createdAt: at(RECEIVED, -20 * DAY) })],
    expected: matched('A', 'amount'),
  },

  // Expiry and status
  { label: 'expired order: status expired', mutation: mutation(), candidates: [order('A', 150_123n, { status: 'expired' })], expected: UNMATCHED },
  {
    label: 'expired order: still pending but expired before the transfer',
    mutation: mutation(),
    candidates: [order('A', 150_123n, { expiresAt: at(RECEIVED, -1) })],
    expected: UNMATCHED,
  },
  {
    label: 'expiry: expires exactly when the transfer arrives',
    mutation: mutation(),
    candidates: [order('A', 150_123n, { expiresAt: RECEIVED })],
    expected: matched('A', 'amount'),
  },
  {
    label: 'expired order: named by payment order id',
    mutation: mutation({ paymentOrderId: 'INV-A' }),
    candidates: [order('A', 150_123n, { status: 'expired' })],
    expected: UNMATCHED,
  },
  ...closedStatuses.map((status) => ({
    label: `not open: ${status} order at the exact amount and referenced`,
    mutation: mutation({ note: 'INV-A' }),
    candidates: [order('A', 150_123n, { status })],
    expected: UNMATCHED,
  })),

  // Account
  {
    label: 'wrong account: exact amount',
    mutation: mutation(),
    candidates: [order('A', 150_123n, { accountNumber: '0987654321' })],
    expected: UNMATCHED,
  },
  {
    label: 'wrong account: named by payment order id',
    mutation: mutation({ paymentOrderId: 'INV-A' }),
    candidates: [order('A', 150_123n, { accountNumber: '0987654321' })],
    expected: UNMATCHED,
  },
  {
    label: 'wrong account: referenced',
    mutation: mutation({ note: 'INV-A' }),
    candidates: [order('A', 99_000n, { accountNumber: '0987654321' })],
    expected: UNMATCHED,
  },
  {
    label: 'wrong account exact, right account within tolerance',
    mutation: mutation(),
    settings: TOLERANT,
    candidates: [order('A', 150_123n, { accountNumber: '0987654321' }), order('B', 150_300n)],
    expected: matched('B', 'amount', 'underpaid'),
  },

  // Payment order id (virtual accounts, QRIS)
  {
    label: 'VA reference: the base amount pays it',
    mutation: mutation({ amount: 150_000n, paymentOrderId: 'INV-A' }),
    candidates: [order('A', 150_123n)],
    expected: matched('A', 'payment-order-id'),
  },
  {
    label: 'VA reference: the payable amount pays it',
    mutation: mutation({ paymentOrderId: 'INV-A' }),
    candidates: [order('A', 150_123n)],
    expected: matched('A', 'payment-order-id'),
  },
  {
    label: 'VA reference: between base and payable pays it',
    mutation: mutation({ amount: 150_050n, paymentOrderId: 'INV-A' }),
    candidates: [order('A', 150_123n)],
    expected: matched('A', 'payment-order-id'),
  },
  {
    label: 'VA reference: compared case-insensitively',
    mutation: mutation({ amount: 150_000n, paymentOrderId: 'inv-a' }),
    candidates: [order('A', 150_123n)],
    expected: matched('A', 'payment-order-id'),
  },
  {
    label: 'VA reference: below the base by the underpaid tolerance → underpaid',
    mutation: mutation({ amount: 149_500n, paymentOrderId: 'INV-A' }),
    settings: TOLERANT,
    candidates: [order('A', 150_123n)],
    expected: matched('A', 'payment-order-id', 'underpaid'),
  },
  {
    label: 'VA reference: one rupiah below the base, no tolerance → a person decides',
    mutation: mutation({ amount: 149_999n, paymentOrderId: 'INV-A' }),
    candidates: [order('A', 150_123n)],
    expected: { kind: 'review', candidates: [{ orderId: 'A', reasons: ['order-id', 'near-amount', 'same-account', 'within-window'] }] },
  },
  {
    label: 'VA reference: one past the underpaid tolerance below the base → a person decides',
    mutation: mutation({ amount: 149_499n, paymentOrderId: 'INV-A' }),
    settings: TOLERANT,
    candidates: [order('A', 150_123n)],
    expected: { kind: 'review', candidates: [{ orderId: 'A', reasons: ['order-id', 'near-amount', 'same-account', 'within-window'] }] },
  },
  {
    label: 'VA reference: Rp 1 never pays the order it names, it goes to a person with that order',
    mutation: mutation({ amount: 1n, paymentOrderId: 'INV-A' }),
    settings: TOLERANT,
    candidates: [order('A', 150_123n)],
    expected: { kind: 'review', candidates: [{ orderId: 'A', reasons: ['order-id', 'same-account', 'within-window'] }] },
  },
  {
    label: 'VA reference: far below the base → a person decides',
    mutation: mutation({ amount: 50_000n, paymentOrderId: 'INV-A' }),
    candidates: [order('A', 150_123n)],
    expected: { kind: 'review', candidates: [{ orderId: 'A', reasons: ['order-id', 'same-account', 'within-window'] }] },
  },
  {
    label: 'VA reference: one rupiah above payable, no tolerance → a person decides',
    mutation: mutation({ amount: 150_124n, paymentOrderId: 'INV-A' }),
    candidates: [order('A', 150_123n)],
    expected: { kind: 'review', candidates: [{ orderId: 'A', reasons: ['order-id', 'near-amount', 'same-account', 'within-window'] }] },
  },
  {
    label: 'VA reference: exactly payable + overpaid tolerance → overpaid, as any transfer',
    mutation: mutation({ amount: 151_123n, paymentOrderId: 'INV-A' }),
    settings: TOLERANT,
    candidates: [order('A', 150_123n)],
    expected: matched('A', 'payment-order-id', 'overpaid'),
  },
  {
    label: 'VA reference: one past payable + overpaid tolerance → a person decides',
    mutation: mutation({ amount: 151_124n, paymentOrderId: 'INV-A' }),
    settings: TOLERANT,
    candidates: [order('A', 150_123n)],
    expected: { kind: 'review', candidates: [{ orderId: 'A', reasons: ['order-id', 'near-amount', 'same-account', 'within-window'] }] },
  },
  {
    label: 'VA reference far off the order it names is not matched to another order at its amount',
    mutation: mutation({ amount: 50_123n, paymentOrderId: 'INV-A' }),
    candidates: [order('A', 150_123n), order('B', 50_123n)],
    expected: { kind: 'review', candidates: [{ orderId: 'A', reasons: ['order-id', 'same-account', 'within-window'] }] },
  },
  {
    label: 'VA reference: order without a unique code',
    mutation: mutation({ amount: 150_000n, paymentOrderId: 'INV-A' }),
    candidates: [order('A', 150_000n, { uniqueCode: 0 })],
    expected: matched('A', 'payment-order-id'),
  },
  {
    label: 'VA reference wins over another order at the exact amount',
    mutation: mutation({ amount: 200_000n, paymentOrderId: 'INV-A' }),
    candidates: [order('A', 200_123n), order('B', 200_000n)],
    expected: matched('A', 'payment-order-id'),
  },
  {
    label: 'VA reference names an expired order: falls back to the amount',
    mutation: mutation({ paymentOrderId: 'INV-A' }),
    candidates: [order('A', 150_123n, { status: 'expired' }), order('B', 150_123n)],
    expected: matched('B', 'amount'),
  },
  {
    label: 'VA reference names no candidate: falls back to the amount',
    mutation: mutation({ paymentOrderId: 'INV-ZZZ' }),
    candidates: [order('A', 150_123n)],
    expected: matched('A', 'amount'),
  },
  {
    label: 'VA reference names two fitting orders, even if the amount fits one',
    mutation: mutation({ paymentOrderId: 'INV-A' }),
    candidates: [order('A', 150_123n), order('B', 250_123n, { reference: 'inv-a', accountNumber: null })],
    expected: {
      kind: 'review',
      candidates: [
        { orderId: 'A', reasons: ['order-id', 'amount-equal', 'same-account', 'within-window'] },
        { orderId: 'B', reasons: ['order-id', 'within-window'] },
      ],
    },
  },
  {
    label: 'VA reference: empty payment order id names nothing',
    mutation: mutation({ amount: 99_000n, paymentOrderId: '' }),
    candidates: [order('A', 150_123n, { reference: '' })],
    expected: UNMATCHED,
  },

  // Tolerance
  {
    label: 'tolerance: exactly at underpaid tolerance',
    mutation: mutation({ amount: 149_623n }),
    settings: TOLERANT,
    candidates: [order('A', 150_123n)],
    expected: matched('A', 'amount', 'underpaid'),
  },
  {
    label: 'tolerance: one rupiah past underpaid tolerance',
    mutation: mutation({ amount: 149_622n }),
    settings: TOLERANT,
    candidates: [order('A', 150_123n)],
    expected: UNMATCHED,
  },
  {
    label: 'tolerance: exactly at overpaid tolerance',
    mutation: mutation({ amount: 151_123n }),
    settings: TOLERANT,
    candidates: [order('A', 150_123n)],
    expected: matched('A', 'amount', 'overpaid'),
  },
  {
    label: 'tolerance: one rupiah past overpaid tolerance',
    mutation: mutation({ amount: 151_124n }),
    settings: TOLERANT,
    candidates: [order('A', 150_123n)],
    expected: UNMATCHED,
  },
  {
    label: 'tolerance: default, one rupiah short',
    mutation: mutation({ amount: 150_122n }),
    candidates: [order('A', 150_123n)],
    expected: UNMATCHED,
  },
  { label: 'tolerance: default, one rupiah over', mutation: mutation({ amount: 150_124n }), candidates: [order('A', 150_123n)], expected: UNMATCHED },
  {
    label: 'tolerance: within and referenced',
    mutation: mutation({ amount: 150_200n, note: 'INV-A' }),
    settings: TOLERANT,
    candidates: [order('A', 150_123n)],
    expected: matched('A', 'amount-and-reference', 'overpaid'),
  },
  {
    label: 'tolerance: two orders within',
    mutation: mutation({ amount: 150_150n }),
    settings: TOLERANT,
    candidates: [order('A', 150_100n), order('B', 150_200n)],
    expected: {
      kind: 'review',
      candidates: [
        { orderId: 'A', reasons: TOLERATED },
        { orderId: 'B', reasons: TOLERATED },
      ],
    },
  },
  {
    label: 'tolerance: two within, one referenced',
    mutation: mutation({ amount: 150_150n, description: `${BANK_TEXT} INV-B` }),
    settings: TOLERANT,
    candidates: [order('A', 150_100n), order('B', 150_200n)],
    expected: matched('B', 'amount-and-reference', 'underpaid'),
  },
  {
    label: 'tolerance: within but outside the window',
    mutation: mutation({ amount: 150_200n }),
    settings: TOLERANT,
    candidates: [order('A', 150_123n, { createdAt: at(RECEIVED, -8 * DAY) })],
    expected: UNMATCHED,
  },

  // Reference in the text
  {
    label: 'reference in description, amount differs',
    mutation: mutation({ amount: 175_000n, description: `${BANK_TEXT} INV-A` }),
    candidates: [order('A', 150_123n)],
    expected: { kind: 'suggested', orderId: 'A', reasons: REFERENCED },
  },
  {
    label: 'reference in note, amount differs',
    mutation: mutation({ amount: 175_000n, note: 'pembayaran INV-A' }),
    candidates: [order('A', 150_123n)],
    expected: { kind: 'suggested', orderId: 'A', reasons: REFERENCED },
  },
  {
    label: 'reference in lower case, with a hash and a comma',
    mutation: mutation({ amount: 175_000n, note: 'order #inv-a, thanks' }),
    candidates: [order('A', 150_123n)],
    expected: { kind: 'suggested', orderId: 'A', reasons: REFERENCED },
  },
  {
    label: 'reference, base amount paid without the code',
    mutation: mutation({ amount: 150_000n, note: 'INV-A' }),
    candidates: [order('A', 150_123n)],
    expected: { kind: 'suggested', orderId: 'A', reasons: ['reference-in-text', 'near-amount', 'same-account', 'within-window'] },
  },
  {
    label: 'reference: two orders mentioned',
    mutation: mutation({ amount: 175_000n, description: `${BANK_TEXT} INV-A`, note: 'INV-B' }),
    candidates: [order('A', 150_123n), order('B', 250_123n)],
    expected: {
      kind: 'review',
      candidates: [
        { orderId: 'A', reasons: REFERENCED },
        { orderId: 'B', reasons: REFERENCED },
      ],
    },
  },
  {
    label: 'reference only inside a longer token',
    mutation: mutation({ amount: 175_000n, note: 'INV-A1' }),
    candidates: [order('A', 150_123n)],
    expected: UNMATCHED,
  },
  {
    label: 'reference glued to description and note would not count',
    mutation: mutation({ amount: 175_000n, description: 'BAYAR INV', note: '-A' }),
    candidates: [order('A', 150_123n)],
    expected: UNMATCHED,
  },
  {
    label: 'reference: order outside the window',
    mutation: mutation({ amount: 175_000n, note: 'INV-A' }),
    candidates: [order('A', 150_123n, { createdAt: at(RECEIVED, -10 * DAY) })],
    expected: UNMATCHED,
  },
  {
    label: 'reference: one open, one cancelled',
    mutation: mutation({ amount: 175_000n, note: 'INV-A INV-B' }),
    candidates: [order('A', 150_123n, { status: 'cancelled' }), order('B', 250_123n)],
    expected: { kind: 'suggested', orderId: 'B', reasons: REFERENCED },
  },

  // Preselection is not trusted
  { label: 'no candidates', mutation: mutation(), candidates: [], expected: UNMATCHED },
  { label: 'candidate far from the amount and not mentioned', mutation: mutation(), candidates: [order('A', 99_123n)], expected: UNMATCHED },
  {
    label: 'candidate one rupiah off, preselected with a tolerance the settings do not have',
    mutation: mutation({ amount: 150_122n }),
    candidates: [order('A', 150_123n)],
    expected: UNMATCHED,
  },
  {
    label: 'same order preselected twice',
    mutation: mutation(),
    candidates: [order('A', 150_123n), order('A', 150_123n)],
    expected: matched('A', 'amount'),
  },
  { label: 'zero credit', mutation: mutation({ amount: 0n }), candidates: [order('A', 0n, { uniqueCode: 0 })], expected: UNMATCHED },
  {
    label: 'zero credit naming an order',
    mutation: mutation({ amount: 0n, paymentOrderId: 'INV-A' }),
    candidates: [order('A', 150_123n)],
    expected: UNMATCHED,
  },
];

describe('decideMatch', () => {
  test.each(decideCases)('$label', ({ mutation: m, candidates, settings = DEFAULT_MATCH_SETTINGS, expected }) => {
    expect(decideMatch(m, candidates, settings)).toEqual(expected);
  });

  test.each(decideCases.filter((c) => c.candidates.length > 1))(
    'does not depend on candidate order: $label',
    ({ mutation: m, candidates, settings = DEFAULT_MATCH_SETTINGS, expected }) => {
      for (const permutation of permutations(candidates)) {
        expect(decideMatch(m, Object.freeze(permutation), settings)).toEqual(expected);
      }
    },
  );
});

interface HoldCase {
  label: string;
  mutation?: MutationFacts;
  closed: ClosedOrderFacts[];
  settings?: MatchSettings;
  expected: Decision;
}

/** An order that expired a minute before the transfer arrived, at the same payable amount as B. */
function closedOrder(id: string, payable: bigint, overrides: Partial<ClosedOrderFacts> = {}): ClosedOrderFacts {
  const closedAt = overrides.closedAt ?? at(RECEIVED, -MINUTE);
  return { ...order(id, payable, { status: 'expired', createdAt: at(RECEIVED, -DAY), expiresAt: closedAt }), closedAt, ...overrides };
}

const HELD_BY_A: Decision = {
  kind: 'review',
  candidates: [
    { orderId: 'B', reasons: EXACT },
    { orderId: 'A', reasons: ['amount-equal', 'same-account'] },
  ],
};

const holdCases: HoldCase[] = [
  { label: 'an expired order held the amount: a person decides', closed: [closedOrder('A', 150_123n)], expected: HELD_BY_A },
  {
    label: 'a cancelled order held the amount: a person decides',
    closed: [closedOrder('A', 150_123n, { status: 'cancelled', expiresAt: null })],
    expected: {
      kind: 'review',
      candidates: [
        { orderId: 'B', reasons: EXACT },
        { orderId: 'A', reasons: ['amount-equal', 'same-account', 'within-window'] },
      ],
    },
  },
  {
    label: 'closed exactly closedAmountHoldDays before the transfer: still held',
    closed: [closedOrder('A', 150_123n, { closedAt: at(RECEIVED, -7 * DAY) })],
    expected: HELD_BY_A,
  },
  {
    label: 'closed a millisecond longer ago than the hold: B is paid',
    closed: [closedOrder('A', 150_123n, { closedAt: at(RECEIVED, -7 * DAY - 1) })],
    expected: matched('B', 'amount'),
  },
  {
    label: 'closed after the transfer arrived (processed late): held',
    closed: [closedOrder('A', 150_123n, { closedAt: at(RECEIVED, MINUTE) })],
    expected: {
      kind: 'review',
      candidates: [
        { orderId: 'B', reasons: EXACT },
        { orderId: 'A', reasons: EXACT },
      ],
    },
  },
  {
    label: 'a hold of 0 days holds nothing',
    closed: [closedOrder('A', 150_123n, { closedAt: at(RECEIVED, MINUTE) })],
    settings: { ...DEFAULT_MATCH_SETTINGS, closedAmountHoldDays: 0 },
    expected: matched('B', 'amount'),
  },
  {
    label: 'the closed order was for another account: B is paid',
    closed: [closedOrder('A', 150_123n, { accountNumber: '999' })],
    expected: matched('B', 'amount'),
  },
  { label: 'the closed order was at another amount: B is paid', closed: [closedOrder('A', 150_124n)], expected: matched('B', 'amount') },
  {
    label: 'a paid order is not a closed one: B is paid',
    closed: [closedOrder('A', 150_123n, { status: 'paid' })],
    expected: matched('B', 'amount'),
  },
  {
    label: 'the text names B: B is paid',
    mutation: mutation({ note: 'INV-B' }),
    closed: [closedOrder('A', 150_123n)],
    expected: matched('B', 'amount-and-reference'),
  },
  {
    label: 'the VA order id names B: B is paid',
    mutation: mutation({ paymentOrderId: 'INV-B' }),
    closed: [closedOrder('A', 150_123n)],
    expected: matched('B', 'payment-order-id'),
  },
  {
    label: 'within tolerance of B and exactly a closed order: a person decides',
    mutation: mutation({ amount: 150_000n }),
    settings: TOLERANT,
    closed: [closedOrder('A', 150_000n)],
    expected: {
      kind: 'review',
      candidates: [
        { orderId: 'B', reasons: TOLERATED },
        { orderId: 'A', reasons: ['amount-equal', 'same-account'] },
      ],
    },
  },
];

describe('decideMatch with recently closed orders', () => {
  test.each(holdCases)('$label', ({ mutation: m = mutation(), closed, settings = DEFAULT_MATCH_SETTINGS, expected }) => {
    expect(decideMatch(m, [order('B', 150_123n)], settings, closed)).toEqual(expected);
  });

  test('without an open order at its amount, a transfer for a closed order stays unmatched', () => {
    expect(decideMatch(mutation(), [], DEFAULT_MATCH_SETTINGS, [closedOrder('A', 150_123n)])).toEqual(UNMATCHED);
  });

  test('two closed orders held the amount: both are candidates, whatever their order', () => {
    const closed = [closedOrder('A', 150_123n), closedOrder('C', 150_123n, { status: 'cancelled', expiresAt: null })];
    for (const permutation of permutations(closed)) {
      const decision = decideMatch(mutation(), [order('B', 150_123n)], DEFAULT_MATCH_SETTINGS, permutation);
      expect(decision.kind === 'review' && decision.candidates.map((c) => c.orderId)).toEqual(['B', 'A', 'C']);
    }
  });
});

interface RankCase {
  label: string;
  mutation: MutationFacts;
  orders: OrderFacts[];
  settings?: MatchSettings;
  nearAmountRupiah?: bigint;
  expected: { id: string; reasons: CandidateReason[] }[];
}

const rankCases: RankCase[] = [
  { label: 'debit has no candidates', mutation: mutation({ type: 'DB' }), orders: [order('A', 150_123n)], expected: [] },
  { label: 'zero credit has no candidates', mutation: mutation({ amount: 0n }), orders: [order('A', 0n, { uniqueCode: 0 })], expected: [] },
  { label: 'no orders', mutation: mutation(), orders: [], expected: [] },
  {
    label: 'exact first, near next, far dropped',
    mutation: mutation(),
    orders: [order('C', 300_123n), order('B', 155_000n), order('A', 150_123n)],
    expected: [
      { id: 'A', reasons: EXACT },
      { id: 'B', reasons: ['near-amount', 'same-account', 'within-window'] },
    ],
  },
  {
    label: 'near-amount edge: exactly nearAmountRupiah away kept, one more dropped',
    mutation: mutation(),
    orders: [order('A', 160_123n), order('B', 160_124n)],
    expected: [{ id: 'A', reasons: ['near-amount', 'same-account', 'within-window'] }],
  },
  { label: 'near-amount option 0 drops near orders', mutation: mutation(), nearAmountRupiah: 0n, orders: [order('A', 150_124n)], expected: [] },
  {
    label: 'near-amount option widens the net',
    mutation: mutation(),
    nearAmountRupiah: 50_000n,
    orders: [order('A', 190_000n)],
    expected: [{ id: 'A', reasons: ['near-amount', 'same-account', 'within-window'] }],
  },
  {
    label: 'within tolerance ranks above near',
    mutation: mutation({ amount: 150_200n }),
    settings: TOLERANT,
    orders: [order('B', 152_000n), order('A', 150_123n)],
    expected: [
      { id: 'A', reasons: ['amount-within-tolerance', 'same-account', 'within-window'] },
      { id: 'B', reasons: ['near-amount', 'same-account', 'within-window'] },
    ],
  },
  {
    label: 'reference in text on an open order',
    mutation: mutation({ amount: 175_000n, note: 'INV-A' }),
    orders: [order('A', 99_123n)],
    expected: [{ id: 'A', reasons: REFERENCED }],
  },
  {
    label: 'not open at the exact amount, not named: dropped',
    mutation: mutation(),
    orders: [order('A', 150_123n, { status: 'paid' })],
    expected: [],
  },
  {
    label: 'not open but referenced: kept, below a fitting exact order',
    mutation: mutation({ note: 'INV-A' }),
    orders: [order('A', 150_123n, { status: 'paid' }), order('B', 150_123n)],
    expected: [
      { id: 'B', reasons: EXACT },
      { id: 'A', reasons: EXACT_REFERENCED },
    ],
  },
  {
    label: 'outside the window at the exact amount: dropped',
    mutation: mutation(),
    orders: [order('A', 150_123n, { createdAt: at(RECEIVED, -8 * DAY) })],
    expected: [],
  },
  {
    label: 'outside the window but named by order id: kept without within-window',
    mutation: mutation({ paymentOrderId: 'INV-A' }),
    orders: [order('A', 150_123n, { createdAt: at(RECEIVED, -8 * DAY) })],
    expected: [{ id: 'A', reasons: ['order-id', 'amount-equal', 'same-account'] }],
  },
  {
    label: 'expired but named by order id outranks a fitting exact order',
    mutation: mutation({ paymentOrderId: 'INV-A' }),
    orders: [order('B', 150_123n), order('A', 150_123n, { status: 'expired' })],
    expected: [
      { id: 'A', reasons: ['order-id', 'amount-equal', 'same-account', 'within-window'] },
      { id: 'B', reasons: EXACT },
    ],
  },
  {
    label: 'wrong account at the exact amount: dropped',
    mutation: mutation(),
    orders: [order('A', 150_123n, { accountNumber: '0987654321' })],
    expected: [],
  },
  {
    label: 'wrong account but referenced: kept without same-account',
    mutation: mutation({ note: 'INV-A' }),
    orders: [order('A', 150_123n, { accountNumber: '0987654321' })],
    expected: [{ id: 'A', reasons: ['amount-equal', 'reference-in-text', 'within-window'] }],
  },
  {
    label: 'order without account has no same-account reason',
    mutation: mutation(),
    orders: [order('A', 150_123n, { accountNumber: null })],
    expected: [{ id: 'A', reasons: ['amount-equal', 'within-window'] }],
  },
  {
    label: 'equal reasons: closer amount first',
    mutation: mutation(),
    orders: [order('A', 155_000n), order('B', 150_200n), order('C', 146_000n)],
    expected: [
      { id: 'B', reasons: ['near-amount', 'same-account', 'within-window'] },
      { id: 'C', reasons: ['near-amount', 'same-account', 'within-window'] },
      { id: 'A', reasons: ['near-amount', 'same-account', 'within-window'] },
    ],
  },
  {
    label: 'equal reasons and distance: older order first',
    mutation: mutation(),
    orders: [order('A', 150_223n), order('B', 150_023n, { createdAt: at(CREATED, -MINUTE) })],
    expected: [
      { id: 'B', reasons: ['near-amount', 'same-account', 'within-window'] },
      { id: 'A', reasons: ['near-amount', 'same-account', 'within-window'] },
    ],
  },
  {
    label: 'same order listed twice appears once',
    mutation: mutation(),
    orders: [order('A', 150_123n), order('A', 150_123n)],
    expected: [{ id: 'A', reasons: EXACT }],
  },
];

describe('rankCandidates', () => {
  test.each(rankCases)('$label', ({ mutation: m, orders, settings = DEFAULT_MATCH_SETTINGS, nearAmountRupiah, expected }) => {
    const ranked = rankCandidates(m, orders, settings, nearAmountRupiah === undefined ? undefined : { nearAmountRupiah });
    expect(ranked.map((r) => ({ id: r.order.id, reasons: r.reasons }))).toEqual(expected);
    const scores = ranked.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  test.each(rankCases.filter((c) => c.orders.length > 1))(
    'does not depend on input order: $label',
    ({ mutation: m, orders, settings = DEFAULT_MATCH_SETTINGS, nearAmountRupiah, expected }) => {
      for (const permutation of permutations(orders)) {
        const ranked = rankCandidates(m, permutation, settings, nearAmountRupiah === undefined ? undefined : { nearAmountRupiah });
        expect(ranked.map((r) => r.order.id)).toEqual(expected.map((e) => e.id));
      }
    },
  );
});
