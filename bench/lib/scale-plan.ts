/**
 * What `npm run seed:scale` builds, worked out before any SQL runs: the accounts, how many
 * mutations each Jakarta day gets, when in the day they happen, and the share of each kind of
 * transfer. Pure: the same options give the same plan.
 */
import { DEMO_ACCOUNTS, DEMO_STORE_NAME } from '@/lib/sandbox/moota-generator';
import { addDays, jakartaDay, startOfJakartaDay } from '@/lib/time/jakarta';

export interface ScaleOptions {
  mutations: number;
  orders: number;
  days: number;
  accounts: number;
  /** Makes the same data again (relative to `now`). */
  seed: number;
  now: Date;
}

export const DEFAULT_SCALE_OPTIONS = { mutations: 1_000_000, orders: 300_000, days: 365, accounts: 5, seed: 20261203 } as const;
export const SCALE_LIMITS = { mutations: [1_000, 20_000_000], orders: [100, 5_000_000], days: [2, 3_650], accounts: [1, 8] } as const;

export interface ScaleAccount {
  bankId: string;
  bankType: string;
  label: string;
  accountNumber: string;
  holder: string;
  openingBalance: bigint;
  /** How the bank writes its descriptions; a virtual account only takes payments. */
  kind: 'bca' | 'mandiri' | 'bri' | 'va' | 'other';
  /** Share of the mutations it sees, relative to the others. */
  weight: number;
}

const DEMO_KINDS: ScaleAccount['kind'][] = ['bca', 'mandiri', 'bri', 'va'];
const DEMO_WEIGHTS = [34, 18, 18, 10];
const MORE_ACCOUNTS: ScaleAccount[] = [
  {
    bankId: 'bnk_Bni5Ls',
    bankType: 'bni',
    label: 'BNI',
    accountNumber: '0281234567',
    holder: DEMO_STORE_NAME,
    openingBalance: 9_100_000n,
    kind: 'other',
    weight: 14,
  },
  {
    bankId: 'bnk_Bsi6Qw',
    bankType: 'bsi',
    label: 'BSI',
    accountNumber: '7123456789',
    holder: DEMO_STORE_NAME,
    openingBalance: 3_200_000n,
    kind: 'other',
    weight: 6,
  },
  {
    bankId: 'bnk_Cimb7T',
    bankType: 'cimb',
    label: 'CIMB Niaga',
    accountNumber: '800123456700',
    holder: DEMO_STORE_NAME,
    openingBalance: 4_750_000n,
    kind: 'other',
    weight: 5,
  },
  {
    bankId: 'bnk_Bca8Zz',
    bankType: 'bca',
    label: 'BCA Cabang',
    accountNumber: '8730998877',
    holder: DEMO_STORE_NAME,
    openingBalance: 2_000_000n,
    kind: 'bca',
    weight: 5,
  },
];

/** The demo's four accounts (the same bank ids), then more banks, as many as asked for. */
export function scaleAccounts(count: number): ScaleAccount[] {
  const demo = DEMO_ACCOUNTS.map((account, i): ScaleAccount => ({
    bankId: account.bankId,
    bankType: account.bankType,
    label: account.label,
    accountNumber: account.accountNumber,
    holder: account.holder,
    // A year of supplier payments and withdrawals starts from a working balance.
    openingBalance: BigInt(account.openingBalance) + 100_000_000n,
    kind: DEMO_KINDS[i]!,
    weight: DEMO_WEIGHTS[i]!,
  }));
  // A year of supplier payments and withdrawals to the owner's accounts starts from a working balance.
  return [...demo, ...MORE_ACCOUNTS].slice(0, count).map((account) => ({ ...account, openingBalance: account.openingBalance + 100_000_000n }));
}

/**
 * What happens to a credit. Order payments: `auto` (the matcher pays the order), `confirm` (the
 * customer left the unique code off and named the order; suggested, then confirmed, so the order
 * is underpaid), `hand` (the exact amount after the order expired; matched by hand), `under` and
 * `over` (matched by hand), `suggest` and `review` (still waiting for a person, their orders
 * expired meanwhile). Other credits: `ignored` (set aside as not an order) and `unmatched`.
 */
export const CREDIT_ROLES = ['auto', 'confirm', 'hand', 'under', 'over', 'suggest', 'review', 'ignored', 'unmatched'] as const;
export type CreditRole = (typeof CREDIT_ROLES)[number];

/** Orders per order-paying role, as a share of all orders (a review credit has two candidate orders). */
const ORDER_SHARES: Record<Exclude<CreditRole, 'ignored' | 'unmatched'>, number> = {
  auto: 0.82,
  confirm: 0.02,
  hand: 0.012,
  under: 0.01,
  over: 0.005,
  suggest: 0.008,
  review: 0.006,
};
const ORDERS_PER_CREDIT: Partial<Record<CreditRole, number>> = { review: 2 };
/** Of the credits that pay no order, the share finance set aside as not an order; the rest wait in the queue. */
const IGNORED_SHARE_OF_OTHERS = 0.88;
const DEBIT_SHARE = 0.25;
/** Orders nobody paid: the open ones are the last day's few, the rest cancelled or expired. */
const MAX_OPEN_ORDERS = 40;
const CANCELLED_SHARE_OF_UNPAID = 0.3;
/** At most this share of the credits pays orders, whatever the options. */
const MAX_ORDER_CREDIT_SHARE = 0.95;

/**
 * When in a Jakarta day transfers happen: (hour, share of the day's transfers by then). Quiet
 * nights, a morning rise, busy afternoons and evenings.
 */
export const BUSINESS_HOURS: readonly (readonly [number, number])[] = [
  [0, 0],
  [6, 0.02],
  [8, 0.06],
  [10, 0.2],
  [12, 0.38],
  [14, 0.52],
  [17, 0.7],
  [20, 0.88],
  [22, 0.96],
  [24, 1],
];
/** Sunday first: marketplaces are quieter at the weekend and busiest after it. */
const WEEKDAY_WEIGHTS = [0.7, 1.15, 1.05, 1, 1, 1.1, 0.9];
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface ScalePlan {
  options: ScaleOptions;
  accounts: ScaleAccount[];
  firstDay: string;
  /** The instant the first Jakarta day starts, and now (nothing is dated after it). */
  startMs: number;
  nowMs: number;
  /** The first mutation of each day, by index, then the mutation count: `days + 1` ascending numbers. */
  dayStarts: number[];
  /** The share of the last day's transfers that have happened by now. */
  lastDayShare: number;
  debitShare: number;
  /** The chance of each role for a credit, in CREDIT_ROLES order (they add up to 1). */
  roleShares: Record<CreditRole, number>;
  maxOpenOrders: number;
  cancelledShareOfUnpaid: number;
}

/** The share of a day's transfers made by `hourOfDay` (0–24), following BUSINESS_HOURS. */
export function shareOfDayBy(hourOfDay: number): number {
  for (let k = 1; k < BUSINESS_HOURS.length; k++) {
    const [hour, share] = BUSINESS_HOURS[k]!;
    const [previousHour, previousShare] = BUSINESS_HOURS[k - 1]!;
    if (hourOfDay <= hour) return previousShare + ((share - previousShare) * (hourOfDay - previousHour)) / (hour - previousHour);
  }
  return 1;
}

export function planScale(options: ScaleOptions): ScalePlan {
  const nowMs = options.now.getTime();
  const today = jakartaDay(options.now);
  const firstDay = addDays(today, -(options.days - 1));
  const startMs = startOfJakartaDay(firstDay).getTime();
  // Nothing in the last ten minutes: every transfer has had its crawl, delivery and matching by now.
  const lastDayShare = Math.max(0, shareOfDayBy((nowMs - 10 * 60_000 - startOfJakartaDay(today).getTime()) / HOUR_MS));

  // Weekday rhythm and a merchant growing through the year; today only as far as it has come.
  const weights = Array.from({ length: options.days }, (_, day) => {
    const weekday = new Date(startMs + day * DAY_MS + 7 * HOUR_MS).getUTCDay();
    const growth = 0.7 + (0.6 * day) / (options.days - 1);
    return WEEKDAY_WEIGHTS[weekday]! * growth * (day === options.days - 1 ? lastDayShare : 1);
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const dayStarts = [0];
  let cumulative = 0;
  for (const weight of weights) {
    cumulative += weight;
    dayStarts.push(Math.round((options.mutations * cumulative) / total));
  }

  const credits = options.mutations * (1 - DEBIT_SHARE);
  const wanted = Object.entries(ORDER_SHARES).map(
    ([role, share]) => [role, (share * options.orders) / (ORDERS_PER_CREDIT[role as CreditRole] ?? 1)] as const,
  );
  const orderCredits = wanted.reduce((sum, [, count]) => sum + count, 0);
  const scale = Math.min(1, (MAX_ORDER_CREDIT_SHARE * credits) / orderCredits);
  const roleShares = Object.fromEntries(CREDIT_ROLES.map((role) => [role, 0])) as Record<CreditRole, number>;
  for (const [role, count] of wanted) roleShares[role as CreditRole] = (count * scale) / credits;
  const others = 1 - (orderCredits * scale) / credits;
  roleShares.ignored = others * IGNORED_SHARE_OF_OTHERS;
  roleShares.unmatched = others * (1 - IGNORED_SHARE_OF_OTHERS);

  return {
    options,
    accounts: scaleAccounts(options.accounts),
    firstDay,
    startMs,
    nowMs,
    dayStarts,
    lastDayShare,
    debitShare: DEBIT_SHARE,
    roleShares,
    maxOpenOrders: MAX_OPEN_ORDERS,
    cancelledShareOfUnpaid: CANCELLED_SHARE_OF_UNPAID,
  };
}
