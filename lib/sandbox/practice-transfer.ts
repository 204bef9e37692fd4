import { DomainError } from '@/lib/errors';
import { formatRupiah, parseMachineAmount } from '@/lib/money';
import { MAX_ORDER_AMOUNT } from '@/lib/orders/order-input';
import { createMootaGenerator, DEMO_ACCOUNTS, DEMO_STORE_NAME, type DemoAccount, type MootaMutationJson } from '@/lib/sandbox/moota-generator';

/** How the customer pays: a normal bank transfer, a virtual account or QRIS (both name the order). */
export const PRACTICE_KINDS = ['bank', 'va', 'qris'] as const;
export type PracticeKind = (typeof PRACTICE_KINDS)[number];

/**
 * The sandbox accounts practice transfers go into. Their labels say "Sandbox", so the intake makes
 * each one a sandbox account the first time it sees it: their money is never counted.
 */
export const SANDBOX_ACCOUNTS: Readonly<Record<PracticeKind, DemoAccount>> = {
  bank: {
    bankId: 'sandbox-bca',
    bankType: 'bca',
    label: 'Sandbox BCA',
    accountNumber: '0000111122',
    holder: DEMO_STORE_NAME,
    username: 'sandbox',
    openingBalance: 10_000_000,
  },
  va: {
    bankId: 'sandbox-bniva',
    bankType: 'bniva',
    label: 'Sandbox BNI Virtual Account',
    accountNumber: '8808000011112222',
    holder: DEMO_STORE_NAME,
    username: null,
    openingBalance: 0,
  },
  qris: {
    bankId: 'sandbox-qris',
    bankType: 'qris',
    label: 'Sandbox QRIS',
    accountNumber: '9360000011112222',
    holder: DEMO_STORE_NAME,
    username: null,
    openingBalance: 0,
  },
};

/** The demo's own accounts, for `npm run simulate` without --sandbox: their money is counted. */
export const DEMO_PRACTICE_ACCOUNTS: Readonly<Record<PracticeKind, DemoAccount>> = {
  bank: DEMO_ACCOUNTS.find((account) => account.bankType === 'bca')!,
  va: DEMO_ACCOUNTS.find((account) => account.bankType === 'bniva')!,
  qris: {
    bankId: 'bnk_Qris01',
    bankType: 'qris',
    label: 'QRIS',
    accountNumber: '9360001122334455',
    holder: DEMO_STORE_NAME,
    username: null,
    openingBalance: 0,
  },
};

export const MAX_PRACTICE_DESCRIPTION = 255;

/** The order a practice transfer pays, as far as the builder needs it. */
export interface PracticeOrder {
  reference: string;
  /** Amount + unique code, integer rupiah. */
  payableAmount: bigint;
}

export interface PracticeTransferRequest {
  kind: PracticeKind;
  /** The transfer is of this order's payable amount, less `short` or plus `over`; VA and QRIS name it. */
  order?: PracticeOrder;
  /** Rupiah below the payable amount. */
  short?: bigint;
  /** Rupiah above the payable amount. */
  over?: bigint;
  /** Without an order: the amount; without either, a realistic one is drawn. */
  amount?: bigint;
  /** The bank's text as the customer's bank would write it; a realistic one when left out. */
  description?: string;
}

export interface PracticeTransfer {
  kind: PracticeKind;
  account: DemoAccount;
  mutation: MootaMutationJson;
  /** The delivery body, a JSON array of the one mutation, as Moota sends it. */
  body: string;
  amount: bigint;
}

export interface PracticeOptions {
  /** Defaults to a random one: two transfers sent in the same millisecond still differ. */
  seed?: number;
  now?: Date;
  /** Which account each kind goes into: the sandbox ones unless `npm run simulate` is told otherwise. */
  accounts?: Readonly<Record<PracticeKind, DemoAccount>>;
}

function transferAmount(request: PracticeTransferRequest): bigint | undefined {
  const { order, short, over, amount } = request;
  if (short !== undefined && over !== undefined) throw new DomainError('invalid', 'practiceShortAndOver');
  if (!order) {
    if (short !== undefined || over !== undefined) throw new DomainError('invalid', 'practiceDifferenceNeedsOrder');
    return amount;
  }
  if (amount !== undefined) throw new DomainError('invalid', 'practiceOrderAndAmount', { reference: order.reference });
  return order.payableAmount - (short ?? 0n) + (over ?? 0n);
}

function describe(kind: PracticeKind, reference: string | undefined, description: string | undefined): string | undefined {
  const text = description?.trim();
  if (text) {
    if ([...text].length > MAX_PRACTICE_DESCRIPTION)
      throw new DomainError('invalid', 'practiceDescriptionTooLong', { max: MAX_PRACTICE_DESCRIPTION });
    return text;
  }
  // The generator writes a bank's own text for a transfer and "VA PAYMENT <order>" for a VA.
  if (kind === 'qris') return reference ? `QRIS PAYMENT ${reference}` : 'QRIS PAYMENT';
  return undefined;
}

/**
 * One realistic Moota credit into a sandbox account (unless `accounts` says otherwise), for practice: what `npm run simulate` sends
 * and what the Sandbox page stores. Always money in, always with the account's bank object (a
 * mutation without one would not say "sandbox" when it creates the account).
 */
export function buildPracticeTransfer(request: PracticeTransferRequest, options: PracticeOptions = {}): PracticeTransfer {
  const account = (options.accounts ?? SANDBOX_ACCOUNTS)[request.kind];
  const amount = transferAmount(request);
  if (amount !== undefined && (amount <= 0n || amount > MAX_ORDER_AMOUNT)) {
    throw new DomainError('invalid', 'practiceAmountOutOfRange', { amount: formatRupiah(amount), max: formatRupiah(MAX_ORDER_AMOUNT) });
  }
  const now = options.now ?? new Date();
  const seed = options.seed ?? crypto.getRandomValues(new Uint32Array(1))[0]!;
  const reference = request.order?.reference;
  const mutation = createMootaGenerator({ seed, now, accounts: [account] }).mutation({
    type: 'CR',
    date: now,
    amount,
    description: describe(request.kind, reference, request.description),
    // A bank transfer names no order: it pays by its amount (the unique code), as customers' do.
    paymentOrderId: request.kind === 'bank' ? undefined : reference,
  });
  mutation.bank ??= {
    bank_type: account.bankType,
    label: account.label,
    atas_nama: account.holder,
    account_number: account.accountNumber,
    meta: [],
    bank_id: account.bankId,
    token: account.bankId,
  };
  return {
    kind: request.kind,
    account,
    mutation,
    body: JSON.stringify([mutation]),
    amount: amount ?? parseMachineAmount(mutation.amount),
  };
}
