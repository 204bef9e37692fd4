import { formatJakartaDateTime } from '@/lib/time/jakarta';
import { signBody } from '@/lib/moota/signature';

/** One bank account (or virtual-account channel) as Moota reports it. */
export interface DemoAccount {
  bankId: string;
  /** Moota's `bank_type`: `bca`, `bri`, `mandiriMcmV2`, `bniva`, … */
  bankType: string;
  label: string;
  accountNumber: string;
  holder: string;
  username: string | null;
  /** Integer rupiah. */
  openingBalance: number;
}

export const DEMO_STORE_NAME = 'TOKO BERKAH JAYA';

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    bankId: 'bnk_Q8a1Zx',
    bankType: 'bca',
    label: 'BCA',
    accountNumber: '8730112233',
    holder: DEMO_STORE_NAME,
    username: 'tokoberkah01',
    openingBalance: 18_250_000,
  },
  {
    bankId: 'bnk_Mnd77',
    bankType: 'mandiriMcmV2',
    label: 'Mandiri MCM',
    accountNumber: '1400098765',
    holder: DEMO_STORE_NAME,
    username: 'TOKOBERKAH',
    openingBalance: 5_402_100,
  },
  {
    bankId: 'bnk_Bri3Kp',
    bankType: 'bri',
    label: 'BRI',
    accountNumber: '034101000123567',
    holder: DEMO_STORE_NAME,
    username: 'berkahjaya88',
    openingBalance: 7_815_500,
  },
  {
    bankId: 'bnk_VaBni1',
    bankType: 'bniva',
    label: 'BNI Virtual Account',
    accountNumber: '8808123456789012',
    holder: DEMO_STORE_NAME,
    username: null,
    openingBalance: 0,
  },
];

export interface MootaTagging {
  name: string;
  tag_id: string;
}

/** A mutation exactly as Moota's webhook sends it (field order included). */
export interface MootaMutationJson {
  account_number: string;
  date: string;
  description: string;
  amount: number | string;
  type: 'CR' | 'DB';
  note: string | null;
  balance: number | string;
  created_at: string;
  updated_at: string;
  mutation_id: string;
  token: string;
  bank_id: string;
  payment_detail?: { order_id: string; va_number: string };
  taggings: MootaTagging[];
  bank?: Record<string, unknown> | null;
}

export interface MutationOverrides {
  /** Integer rupiah, more than zero. */
  amount?: number | bigint;
  type?: 'CR' | 'DB';
  date?: Date;
  description?: string;
  note?: string | null;
  accountNumber?: string;
  /** Makes it a virtual-account payment carrying `payment_detail.order_id`. */
  paymentOrderId?: string;
}

export interface MootaGenerator {
  /** The seed in use: pass it again to get the same mutations. */
  readonly seed: number;
  mutation(overrides?: MutationOverrides): MootaMutationJson;
  delivery(count: number, overrides?: MutationOverrides): { body: string; mutations: MootaMutationJson[] };
}

export interface GeneratorOptions {
  /** Defaults to one taken from the clock. */
  seed?: number;
  accounts?: readonly DemoAccount[];
  /** Mutations are dated in the two hours before this instant. Defaults to the current time. */
  now?: Date;
}

/** Names on transfers, as banks print them (the demo's generator and seed:scale). */
export const FIRST_NAMES = [
  'BUDI',
  'SITI',
  'ANDI',
  'DEWI',
  'AGUS',
  'RINA',
  'EKO',
  'SRI',
  'HENDRA',
  'NUR',
  'YULIANTI',
  'RUDI',
  'FITRI',
  'BAMBANG',
  'INDAH',
  'DIMAS',
  'PUTRI',
  'AHMAD',
  'WAHYU',
  'LESTARI',
  'RIZKY',
  'AYU',
  'DEDI',
  'MEGA',
  'FAJAR',
  'NOVITA',
  'IRWAN',
  'KARTIKA',
  'YOGA',
  'RATNA',
  'TAUFIK',
  'ANISA',
  'SLAMET',
  'WULAN',
];
export const LAST_NAMES = [
  'SANTOSO',
  'AMINAH',
  'WIJAYA',
  'LESTARI',
  'SETIAWAN',
  'HIDAYAT',
  'PRATAMA',
  'SARI',
  'KURNIAWAN',
  'RAHMAWATI',
  'SAPUTRA',
  'HANDAYANI',
  'NUGROHO',
  'PERMATASARI',
  'GUNAWAN',
  'WIBOWO',
  'SUSANTI',
  'HASIBUAN',
  'SIREGAR',
  'NASUTION',
  'SIMANJUNTAK',
  'TANJUNG',
  'HALIM',
  'SUGIARTO',
  'MAULANA',
];
const SUPPLIERS = ['CV SUMBER REJEKI', 'PT ANEKA KEMASAN', 'UD MAJU MAKMUR', 'CV SINAR ABADI', 'PT KURIR NUSANTARA'];
const SENDER_BANK_CODES = ['002', '008', '009', '014', '022', '451', '013', '200'];
const TAGS: readonly MootaTagging[] = [
  { name: 'shopee', tag_id: 'tag_91' },
  { name: 'tokopedia', tag_id: 'tag_92' },
  { name: 'whatsapp', tag_id: 'tag_93' },
  { name: 'reseller', tag_id: 'tag_94' },
];
const ID_ALPHABET = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];
const TWO_HOURS_MS = 2 * 3_600_000;

/** mulberry32: small, fast and good enough for test data; not for secrets. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type AccountKind = 'bca' | 'bri' | 'mandiri' | 'va' | 'other';

function kindOf(account: DemoAccount): AccountKind {
  const type = account.bankType.toLowerCase();
  if (type.endsWith('va') || type === 'qris') return 'va';
  if (type.startsWith('bca')) return 'bca';
  if (type.startsWith('bri')) return 'bri';
  if (type.startsWith('mandiri')) return 'mandiri';
  return 'other';
}

function checkedAmount(amount: number | bigint): bigint {
  if (typeof amount === 'number' && !Number.isSafeInteger(amount)) {
    throw new RangeError(`amount must be a whole number of rupiah, got ${amount}`);
  }
  const value = BigInt(amount);
  if (value <= 0n) throw new RangeError(`amount must be more than zero, got ${value}`);
  return value;
}

export function createMootaGenerator(options: GeneratorOptions = {}): MootaGenerator {
  const seed = (options.seed ?? Date.now()) >>> 0;
  const accounts = options.accounts ?? DEMO_ACCOUNTS;
  if (accounts.length === 0) throw new RangeError('the generator needs at least one account');
  const now = options.now?.getTime() ?? Date.now();
  const random = mulberry32(seed);
  const balances = new Map(accounts.map((account) => [account.accountNumber, BigInt(account.openingBalance)]));
  const sessions = new Map<string, string>();
  const usedIds = new Set<string>();
  let invoiceNumber = 300 + Math.floor(random() * 400);

  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const chance = (probability: number) => random() < probability;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const digits = (length: number) => Array.from({ length }, () => int(0, 9)).join('');
  const token = (length: number) => Array.from({ length }, () => pick(ID_ALPHABET)).join('');
  const personName = () => (chance(0.25) ? pick(FIRST_NAMES) : `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`);

  const mutationId = () => {
    for (;;) {
      const id = token(12);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };

  // Order totals end in round thousands; the shop adds a unique code of 1–999 on top.
  const creditAmount = () =>
    BigInt(pick([25, 35, 49, 75, 89, 99, 120, 150, 185, 250, 320, 499, 750, 1250]) * 1000 + int(0, 9) * 500) + BigInt(int(1, 999));
  const adminFee = () => BigInt(pick([2_900, 6_500, 12_500, 15_000]));
  const transferOut = () => BigInt(int(2, 20) * 100_000);

  function description(kind: AccountKind, type: 'CR' | 'DB', amount: bigint, date: Date, fee: boolean): string {
    const ddmm = formatJakartaDateTime(date).slice(5, 10).split('-').reverse().join('');
    const amountText = `${amount}.00`;
    const counterparty = type === 'DB' ? pick(SUPPLIERS) : personName();
    if (fee) {
      const fees: Record<AccountKind, readonly string[]> = {
        bca: ['BIAYA ADM', 'BIAYA TXN BI-FAST'],
        bri: ['BIAYA ADMIN', 'BIAYA TRANSFER'],
        mandiri: ['BIAYA ADM', 'BIAYA TRANSFER ONLINE'],
        va: ['BIAYA LAYANAN VA'],
        other: ['BIAYA ADM'],
      };
      return pick(fees[kind]);
    }
    switch (kind) {
      case 'bca':
        return type === 'CR'
          ? pick([
              `TRSF E-BANKING CR ${ddmm}/FTSCY/WS${digits(5)} ${amountText} ${counterparty}`,
              `BI-FAST CR BIF TRANSFER DR ${pick(SENDER_BANK_CODES)} ${counterparty}`,
              `SWITCHING CR TRANSFER DR ${pick(SENDER_BANK_CODES)} ${counterparty}`,
            ])
          : `TRSF E-BANKING DB ${ddmm}/FTSCY/WS${digits(5)} ${amountText} ${counterparty}`;
      case 'bri':
        return type === 'CR'
          ? pick([`NBMB ${counterparty} TO ${DEMO_STORE_NAME}`, `TRANSFER BIFAST DARI ${counterparty}`, `ATM TRF DARI ${counterparty}`])
          : `NBMB ${DEMO_STORE_NAME} TO ${counterparty}`;
      case 'mandiri':
        return type === 'CR'
          ? pick([`TRANSFER DARI ${pick(['0081', '0121', '1560', '0014'])} ${counterparty}`, `MCM InhouseTrf DARI ${counterparty}`])
          : `MCM InhouseTrf KE ${counterparty}`;
      case 'va':
        return type === 'CR' ? 'VA PAYMENT' : 'PENGEMBALIAN DANA VA';
      case 'other':
        return type === 'CR' ? `TRANSFER DARI ${counterparty}` : `TRANSFER KE ${counterparty}`;
    }
  }

  // Half the time Moota sends money as a number, half as a "123456.00" string.
  const moneyJson = (value: bigint, asString: boolean): number | string =>
    asString || value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER) ? `${value}.00` : Number(value);

  function bankObject(account: DemoAccount, kind: AccountKind, balance: bigint, crawledAt: Date): Record<string, unknown> {
    if (kind === 'va') {
      return {
        bank_type: account.bankType,
        label: account.label,
        atas_nama: account.holder,
        account_number: account.accountNumber,
        meta: [],
        bank_id: account.bankId,
        token: account.bankId,
      };
    }
    let session = sessions.get(account.accountNumber);
    if (session === undefined) sessions.set(account.accountNumber, (session = token(24)));
    const crawled = formatJakartaDateTime(crawledAt);
    const day = crawled.slice(0, 10);
    return {
      corporate_id: null,
      username: account.username,
      atas_nama: account.holder,
      balance: `${balance}.00`,
      account_number: account.accountNumber,
      bank_type: account.bankType,
      pkg: null,
      login_retry: 0,
      date_from: `${day.slice(0, 8)}01 00:00:00`,
      date_to: `${day} 23:59:59`,
      meta: { session_id: session },
      interval_refresh: 15,
      next_queue: formatJakartaDateTime(new Date(crawledAt.getTime() + 15 * 60_000)),
      is_active: true,
      in_queue: 0,
      in_progress: 0,
      is_crawling: 0,
      recurred_at: crawled,
      status: null,
      ip_address: null,
      ip_address_expired_at: null,
      created_at: '2026-01-05 09:00:00',
      token: account.bankId,
      bank_id: account.bankId,
      label: account.label,
      last_update: crawled,
      icon: '',
    };
  }

  function chooseAccount(overrides: MutationOverrides): DemoAccount {
    if (overrides.accountNumber !== undefined) {
      const account = accounts.find((candidate) => candidate.accountNumber === overrides.accountNumber);
      if (!account) {
        throw new RangeError(`no account ${overrides.accountNumber}; known: ${accounts.map((candidate) => candidate.accountNumber).join(', ')}`);
      }
      return account;
    }
    const virtual = accounts.filter((account) => kindOf(account) === 'va');
    const banks = accounts.filter((account) => kindOf(account) !== 'va');
    const wantsVa = overrides.paymentOrderId !== undefined ? overrides.type !== 'DB' : overrides.type !== 'DB' && chance(0.08);
    if (virtual.length > 0 && (wantsVa || banks.length === 0)) return pick(virtual);
    return pick(banks.length > 0 ? banks : accounts);
  }

  function mutation(overrides: MutationOverrides = {}): MootaMutationJson {
    const account = chooseAccount(overrides);
    const kind = kindOf(account);
    const type = overrides.type ?? (kind === 'va' || overrides.paymentOrderId !== undefined || chance(0.85) ? 'CR' : 'DB');
    const isVa = (kind === 'va' && type === 'CR') || overrides.paymentOrderId !== undefined;
    const fee = type === 'DB' && overrides.amount === undefined && (kind === 'va' || chance(0.6));

    let amount: bigint;
    if (overrides.amount !== undefined) amount = checkedAmount(overrides.amount);
    else if (type === 'CR') amount = isVa ? BigInt(pick([99, 149, 249, 499, 999, 1499]) * 1000) : creditAmount();
    else amount = fee ? adminFee() : transferOut();

    const date = overrides.date ?? new Date(now - int(0, TWO_HOURS_MS / 1000) * 1000);
    const crawledAt = new Date(Math.min(now, date.getTime() + int(20, 300) * 1000));
    const balanceBefore = balances.get(account.accountNumber) ?? 0n;
    const balance = kind === 'va' ? 0n : type === 'CR' ? balanceBefore + amount : balanceBefore - amount;
    balances.set(account.accountNumber, balance);

    const orderId =
      overrides.paymentOrderId ?? (isVa ? `INV-${formatJakartaDateTime(date).slice(0, 4)}-${String(++invoiceNumber).padStart(6, '0')}` : undefined);
    const id = mutationId();
    const asString = chance(0.5);
    const stamped = formatJakartaDateTime(crawledAt);

    const json: MootaMutationJson = {
      account_number: account.accountNumber,
      date: formatJakartaDateTime(date),
      description: overrides.description ?? (isVa && type === 'CR' ? `VA PAYMENT ${orderId}` : description(kind, type, amount, date, fee)),
      amount: moneyJson(amount, asString),
      type,
      note: overrides.note !== undefined ? overrides.note : chance(0.15) ? null : chance(0.8) ? '' : `order ${int(1000, 9999)}`,
      balance: moneyJson(balance, asString),
      created_at: stamped,
      updated_at: stamped,
      mutation_id: `sim_${id}`,
      token: `tok_${id}`,
      bank_id: account.bankId,
      ...(orderId !== undefined && { payment_detail: { order_id: orderId, va_number: account.accountNumber } }),
      taggings: chance(0.2) ? [pick(TAGS)] : [],
    };

    // Moota sometimes leaves the bank out, or sends it as null.
    const bankShape = chance(0.1) ? 'absent' : chance(0.1) ? 'null' : 'object';
    if (bankShape === 'null') json.bank = null;
    else if (bankShape === 'object') json.bank = bankObject(account, kind, balance, crawledAt);
    return json;
  }

  function delivery(count: number, overrides?: MutationOverrides) {
    if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`a delivery carries at least one mutation, got ${count}`);
    const mutations = Array.from({ length: count }, () => mutation(overrides));
    return { body: JSON.stringify(mutations), mutations };
  }

  return { seed, mutation, delivery };
}

export interface MootaHeaderOptions {
  user?: string;
  webhook?: string;
  userAgent?: string;
}

/** The headers Moota sends with a delivery, `Signature` computed over the exact body bytes. */
export function signedDelivery(body: string, secret: string, options: MootaHeaderOptions = {}): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'User-Agent': options.userAgent ?? 'MootaBot/1.5',
    'X-MOOTA-USER': options.user ?? 'usr_5kd81',
    'X-MOOTA-WEBHOOK': options.webhook ?? 'whk_a19x3',
    Signature: signBody(body, secret),
  };
}
