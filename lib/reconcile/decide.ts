/** Which order a bank mutation pays: pure rules, re-checked on whatever the database preselected. */

export type OrderStatus = 'pending' | 'paid' | 'underpaid' | 'overpaid' | 'expired' | 'cancelled';

export interface MatchSettings {
  /** A transfer may arrive up to this many days after its order was created. */
  windowDays: number;
  /** An order may be created up to this many minutes after its transfer arrived: the store's API call can lag Moota's webhook. */
  lateOrderMinutes: number;
  /** A transfer this many rupiah below the payable amount still matches; the order becomes 'underpaid'. */
  underpaidTolerance: bigint;
  /** A transfer this many rupiah above the payable amount still matches; the order becomes 'overpaid'. */
  overpaidTolerance: bigint;
  /**
   * For this many days after an order expires or is cancelled, its payable amount is kept from new
   * orders, and a transfer of exactly that amount goes to a person rather than to another order:
   * it may be the closed order's late payment.
   */
  closedAmountHoldDays: number;
}

export const DEFAULT_MATCH_SETTINGS: Readonly<MatchSettings> = Object.freeze({
  windowDays: 7,
  lateOrderMinutes: 60,
  underpaidTolerance: 0n,
  overpaidTolerance: 0n,
  closedAmountHoldDays: 7,
});

export const DEFAULT_NEAR_AMOUNT_RUPIAH = 10_000n;

export interface MutationFacts {
  id: string;
  type: 'CR' | 'DB';
  amount: bigint;
  accountNumber: string;
  description: string;
  note: string | null;
  paymentOrderId: string | null;
  receivedAt: Date;
}

export interface OrderFacts {
  id: string;
  reference: string;
  /** The base amount, before the unique code. */
  amount: bigint;
  uniqueCode: number;
  payableAmount: bigint;
  accountNumber: string | null;
  status: OrderStatus;
  createdAt: Date;
  expiresAt: Date | null;
}

/** An expired or cancelled order, with when it closed. */
export interface ClosedOrderFacts extends OrderFacts {
  closedAt: Date;
}

export type MatchRule = 'payment-order-id' | 'amount' | 'amount-and-reference';

export type CandidateReason =
  'order-id' | 'amount-equal' | 'amount-within-tolerance' | 'reference-in-text' | 'near-amount' | 'same-account' | 'within-window';

export type PaymentStatus = 'paid' | 'underpaid' | 'overpaid';

export interface Candidate {
  orderId: string;
  reasons: CandidateReason[];
}

export type Decision =
  | { kind: 'debit' }
  | { kind: 'matched'; orderId: string; rule: MatchRule; orderStatus: PaymentStatus }
  | { kind: 'suggested'; orderId: string; reasons: CandidateReason[] }
  | { kind: 'review'; candidates: Candidate[] }
  | { kind: 'unmatched' };

export interface RankedCandidate {
  order: OrderFacts;
  reasons: CandidateReason[];
  score: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export function isOpen(order: Pick<OrderFacts, 'status'>): boolean {
  return order.status === 'pending';
}

function accountKey(accountNumber: string): string {
  return accountNumber.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
}

/** An order without an account takes transfers into any account; spaces and dashes do not count. */
export function accountFits(order: Pick<OrderFacts, 'accountNumber'>, mutation: Pick<MutationFacts, 'accountNumber'>): boolean {
  return order.accountNumber === null || accountKey(order.accountNumber) === accountKey(mutation.accountNumber);
}

/** Received no earlier than `lateOrderMinutes` before the order, no later than `windowDays` after it, and not after it expired. */
export function timeFits(
  order: Pick<OrderFacts, 'createdAt' | 'expiresAt'>,
  mutation: Pick<MutationFacts, 'receivedAt'>,
  settings: MatchSettings,
): boolean {
  const received = mutation.receivedAt.getTime();
  const created = order.createdAt.getTime();
  return (
    created - settings.lateOrderMinutes * MINUTE_MS <= received &&
    received <= created + settings.windowDays * DAY_MS &&
    (order.expiresAt === null || received <= order.expiresAt.getTime())
  );
}

export function fitsTransfer(order: OrderFacts, mutation: MutationFacts, settings: MatchSettings): boolean {
  return isOpen(order) && accountFits(order, mutation) && timeFits(order, mutation, settings);
}

/**
 * exact → 'paid'; `due - underpaidTolerance <= paid < due` → 'underpaid';
 * `due < paid <= due + overpaidTolerance` → 'overpaid'; anything further away → null.
 */
export function paymentStatus(paid: bigint, due: bigint, settings: MatchSettings): PaymentStatus | null {
  if (paid === due) return 'paid';
  if (paid < due) return due - settings.underpaidTolerance <= paid ? 'underpaid' : null;
  return paid <= due + settings.overpaidTolerance ? 'overpaid' : null;
}

const TOKEN_SEPARATORS = /[^\p{L}\p{M}\p{N}\-_/#]+/u;
const TOKEN_EDGE_MARKS = /^[-_/#]+|[-_/#]+$/g;
const MIN_TOKEN_LENGTH = 3;

/**
 * Upper-cased words of a bank description or note that could be an order reference. The
 * database preselects orders with `upper(reference) = ANY(tokens)`, and `mentionsReference`
 * is defined through this same list, so both sides agree on what counts as a mention.
 */
export function referenceTokens(text: string): string[] {
  const tokens = new Set<string>();
  for (const piece of text.split(TOKEN_SEPARATORS)) {
    const token = piece.replace(TOKEN_EDGE_MARKS, '').toUpperCase();
    if ([...token].length >= MIN_TOKEN_LENGTH) tokens.add(token);
  }
  return [...tokens];
}

/** The tokens of a mutation's description and note together, for the database's preselection. */
export function mutationReferenceTokens(mutation: Pick<MutationFacts, 'description' | 'note'>): string[] {
  return referenceTokens(mutation.note === null ? mutation.description : `${mutation.description}\n${mutation.note}`);
}

/** Case-insensitive, as a whole token: "INV-1001" is not mentioned by "INV-10012". */
export function mentionsReference(text: string, reference: string): boolean {
  return referenceTokens(text).includes(reference.toUpperCase());
}

function namesOrder(paymentOrderId: string | null, order: Pick<OrderFacts, 'reference'>): boolean {
  return paymentOrderId !== null && paymentOrderId.trim() !== '' && paymentOrderId.toUpperCase() === order.reference.toUpperCase();
}

/**
 * A payment that names its order needs no unique code: anything from the base to the payable
 * amount pays it. Beyond that the same tolerances apply as to any transfer; further off, null.
 */
function statusByOrderId(paid: bigint, order: OrderFacts, settings: MatchSettings): PaymentStatus | null {
  if (order.amount <= paid && paid <= order.payableAmount) return 'paid';
  if (paid < order.amount) return order.amount - settings.underpaidTolerance <= paid ? 'underpaid' : null;
  return paymentStatus(paid, order.payableAmount, settings);
}

/** Closed within `closedAmountHoldDays` (when not 0) before the transfer arrived, or after, at exactly its amount, into its account. */
export function holdsAmount(order: ClosedOrderFacts, mutation: MutationFacts, settings: MatchSettings): boolean {
  return (
    settings.closedAmountHoldDays > 0 &&
    (order.status === 'expired' || order.status === 'cancelled') &&
    order.payableAmount === mutation.amount &&
    accountFits(order, mutation) &&
    order.closedAt.getTime() >= mutation.receivedAt.getTime() - settings.closedAmountHoldDays * DAY_MS
  );
}

interface Evidence {
  order: OrderFacts;
  fits: boolean;
  namedById: boolean;
  amount: 'equal' | 'within-tolerance' | 'near' | null;
  status: PaymentStatus | null;
  referenced: boolean;
  sameAccount: boolean;
  withinWindow: boolean;
  distance: bigint;
}

function gatherEvidence(
  mutation: MutationFacts,
  order: OrderFacts,
  tokens: ReadonlySet<string>,
  settings: MatchSettings,
  nearAmountRupiah: bigint,
): Evidence {
  const difference = order.payableAmount - mutation.amount;
  const distance = difference < 0n ? -difference : difference;
  const status = paymentStatus(mutation.amount, order.payableAmount, settings);
  return {
    order,
    fits: fitsTransfer(order, mutation, settings),
    namedById: namesOrder(mutation.paymentOrderId, order),
    amount: status === 'paid' ? 'equal' : status !== null ? 'within-tolerance' : distance <= nearAmountRupiah ? 'near' : null,
    status,
    referenced: tokens.has(order.reference.toUpperCase()),
    sameAccount: order.accountNumber !== null && accountFits(order, mutation),
    withinWindow: timeFits(order, mutation, settings),
    distance,
  };
}

function reasonsFrom(evidence: Evidence): CandidateReason[] {
  const reasons: CandidateReason[] = [];
  if (evidence.namedById) reasons.push('order-id');
  if (evidence.amount === 'equal') reasons.push('amount-equal');
  if (evidence.amount === 'within-tolerance') reasons.push('amount-within-tolerance');
  if (evidence.referenced) reasons.push('reference-in-text');
  if (evidence.amount === 'near') reasons.push('near-amount');
  if (evidence.sameAccount) reasons.push('same-account');
  if (evidence.withinWindow) reasons.push('within-window');
  return reasons;
}

function compareOrders(a: OrderFacts, b: OrderFacts): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The preselection is a union of queries, so one order can arrive more than once. */
function distinctOrders(orders: readonly OrderFacts[]): OrderFacts[] {
  const byId = new Map<string, OrderFacts>();
  for (const order of orders) if (!byId.has(order.id)) byId.set(order.id, order);
  return [...byId.values()].sort(compareOrders);
}

function matched(evidence: Evidence, rule: MatchRule, orderStatus: PaymentStatus): Decision {
  return { kind: 'matched', orderId: evidence.order.id, rule, orderStatus };
}

function review(evidence: readonly Evidence[]): Decision {
  return { kind: 'review', candidates: evidence.map((e) => ({ orderId: e.order.id, reasons: reasonsFrom(e) })) };
}

function decideByAmount(byAmount: readonly Evidence[]): Decision {
  const only = byAmount.length === 1 ? byAmount[0] : undefined;
  const referenced = byAmount.filter((e) => e.referenced);
  const chosen = only ?? (referenced.length === 1 ? referenced[0] : undefined);
  if (!chosen?.status) return review(byAmount);
  return matched(chosen, chosen.referenced ? 'amount-and-reference' : 'amount', chosen.status);
}

/**
 * Decides what a mutation pays among the preselected `candidates`, re-checking every fact
 * itself; the result does not depend on the candidates' order. Never guesses: when more than
 * one order fits equally well, a person decides. `recentlyClosed` are expired or cancelled orders
 * that may still hold the transfer's amount: a match on the amount alone then goes to a person.
 */
export function decideMatch(
  mutation: MutationFacts,
  candidates: readonly OrderFacts[],
  settings: MatchSettings,
  recentlyClosed: readonly ClosedOrderFacts[] = [],
): Decision {
  if (mutation.type === 'DB') return { kind: 'debit' };
  if (mutation.amount <= 0n) return { kind: 'unmatched' };

  const tokens = new Set(mutationReferenceTokens(mutation));
  const evidenceOf = (order: OrderFacts) => gatherEvidence(mutation, order, tokens, settings, DEFAULT_NEAR_AMOUNT_RUPIAH);
  const fitting = distinctOrders(candidates)
    .map(evidenceOf)
    .filter((e) => e.fits);

  const named = fitting.filter((e) => e.namedById);
  if (named.length === 1) {
    const [only] = named as [Evidence];
    const status = statusByOrderId(mutation.amount, only.order, settings);
    return status ? matched(only, 'payment-order-id', status) : review(named);
  }
  if (named.length > 1) return review(named);

  const exact = fitting.filter((e) => e.amount === 'equal');
  const withinTolerance = fitting.filter((e) => e.amount === 'within-tolerance');
  if (exact.length > 0 || withinTolerance.length > 0) {
    const decision = decideByAmount(exact.length > 0 ? exact : withinTolerance);
    if (decision.kind !== 'matched' || decision.rule !== 'amount') return decision;
    const holding = distinctOrders(recentlyClosed.filter((order) => holdsAmount(order, mutation, settings)));
    if (holding.length === 0) return decision;
    return review([...fitting.filter((e) => e.order.id === decision.orderId), ...holding.map(evidenceOf)]);
  }

  const referenced = fitting.filter((e) => e.referenced);
  if (referenced.length === 1) {
    const [only] = referenced as [Evidence];
    return { kind: 'suggested', orderId: only.order.id, reasons: reasonsFrom(only) };
  }
  if (referenced.length > 1) return review(referenced);

  return { kind: 'unmatched' };
}

const REASON_SCORES: Record<CandidateReason, number> = {
  'order-id': 100,
  'amount-equal': 60,
  'reference-in-text': 50,
  'amount-within-tolerance': 40,
  'near-amount': 10,
  'within-window': 10,
  'same-account': 5,
};
const FITS_SCORE = 60;

/**
 * Orders this transfer could pay, best first, for the finance work queue. Orders that cannot
 * take the transfer (not open, wrong account, out of window) appear only when the order id or
 * the text names them; an order whose only reasons are account and time is left out.
 */
export function rankCandidates(
  mutation: MutationFacts,
  orders: readonly OrderFacts[],
  settings: MatchSettings,
  options: { nearAmountRupiah?: bigint } = {},
): RankedCandidate[] {
  if (mutation.type === 'DB' || mutation.amount <= 0n) return [];
  const nearAmountRupiah = options.nearAmountRupiah ?? DEFAULT_NEAR_AMOUNT_RUPIAH;
  const tokens = new Set(mutationReferenceTokens(mutation));

  return distinctOrders(orders)
    .map((order) => gatherEvidence(mutation, order, tokens, settings, nearAmountRupiah))
    .filter((e) => e.namedById || e.referenced || (e.fits && e.amount !== null))
    .map((e) => {
      const reasons = reasonsFrom(e);
      const score = reasons.reduce((sum, reason) => sum + REASON_SCORES[reason], e.fits ? FITS_SCORE : 0);
      return { evidence: e, ranked: { order: e.order, reasons, score } };
    })
    .sort(
      (a, b) =>
        b.ranked.score - a.ranked.score ||
        (a.evidence.distance < b.evidence.distance ? -1 : a.evidence.distance > b.evidence.distance ? 1 : 0) ||
        compareOrders(a.evidence.order, b.evidence.order),
    )
    .map(({ ranked }) => ranked);
}
