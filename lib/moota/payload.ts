import { z } from 'zod';
import { parseMachineAmount } from '@/lib/money';
import { refusalReason } from '@/lib/moota/refusal-reasons';
import { dateProblem, rupiahProblem, textProblem, unstorableTextIn } from '@/lib/moota/storable';
import { parseJakartaDateTime } from '@/lib/time/jakarta';

export interface MootaMutation {
  mootaId: string;
  bankId: string;
  bankType: string | null;
  bankLabel: string | null;
  accountNumber: string;
  accountHolder: string | null;
  type: 'CR' | 'DB';
  amount: bigint;
  balance: bigint | null;
  description: string;
  note: string | null;
  occurredAt: Date;
  paymentOrderId: string | null;
  taggings: unknown[];
}

export type DeliveryParse = { ok: true; mutations: MootaMutation[]; duplicatesInBody: number } | { ok: false; error: string };

/** A delivery read mutation by mutation: the ones that can be stored, and why each other one cannot. */
export type DeliveryRead =
  { ok: true; mutations: MootaMutation[]; duplicatesInBody: number; refused: RefusedMutation[] } | { ok: false; error: string };

export interface RefusedMutation {
  /** Position in the body, from 1. */
  position: number;
  /** Each problem with the mutation and field named: `mutation 2 (mut_x): amount must be …`. */
  problems: string[];
}

export const REDACTED = '[redacted]';

// Covers `bank.meta`, where Moota keeps bank session data. `token` and `bank_id` are identifiers.
const SECRET_KEY = /(^|_)(meta|session|session_id|access_token|refresh_token|password|secret|cookie|authorization)$/i;

// No Moota field nests anywhere near this deep; the cap keeps hostile bodies from exhausting the stack.
const MAX_DEPTH = 64;

// Under `bank` Moota keeps how it logs in to the bank: anything credential-like there goes, whatever
// its spelling (`username`, `sessionId`, `api_key`, `pin`, `token`); its identifiers stay.
const BANK_CREDENTIAL_KEY = /user|login(_?id|_?name)?$|pass|pin|token|session|secret|key|cookie|auth|credential|otp|cert/i;

function redact(value: unknown, depth: number, underBank = false): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, underBank));
  const secret = (key: string) => SECRET_KEY.test(key) || (underBank && BANK_CREDENTIAL_KEY.test(key));
  // fromEntries defines own properties, so a "__proto__" key stays data.
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, secret(key) ? REDACTED : redact(item, depth + 1, underBank || key === 'bank')]),
  );
}

/** A deep copy with secret-bearing keys (at any depth) replaced by "[redacted]". */
export function redactSecrets<T>(value: T): T {
  return redact(value, 0) as T;
}

/** The body as it may be stored or shown: redacted if it is JSON, otherwise unchanged. */
export function redactBody(rawText: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawText);
  } catch {
    return rawText;
  }
  return JSON.stringify(redactSecrets(parsed));
}

const shorten = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

function show(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(shorten(value));
  return String(value);
}

const mustBe = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : `must be ${expected}, got ${show(issue.input)}`;

/** A field read by a plain function that throws on input it cannot use. */
function readWith<T>(expected: string, read: (value: unknown) => T) {
  return z.unknown().transform((value, ctx): T => {
    try {
      return read(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: mustBe(expected)({ input: value }) });
      return z.NEVER;
    }
  });
}

const identifier = z
  .union([z.string(), z.number()], { error: mustBe('a string or a number') })
  .transform(String)
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(255, { error: (issue) => `must be at most 255 characters, got ${String(issue.input).length}` }),
  );

/** Informational text: strings kept as sent, numbers as their digits, null or absent as null. */
const looseText = z
  .union([z.string(), z.number()], { error: mustBe('a string, a number or null') })
  .nullish()
  .transform((value) => (value == null ? null : String(value)));

const rupiah = readWith('a number or a numeric string', parseMachineAmount);

// Moota gives the direction in `type`; an amount of zero or below cannot pay anything and would
// leave an order with a negative paid amount.
const positiveRupiah = rupiah.refine((amount) => amount > 0n, { message: 'must be more than 0 (the direction is in type)' });

const jakartaDateTime = readWith('a Jakarta date-time "YYYY-MM-DD HH:mm:ss"', (value) => {
  if (typeof value !== 'string') throw new TypeError();
  return parseJakartaDateTime(value);
});

const mutationType = readWith('"CR" or "DB"', (value) => {
  const type = typeof value === 'string' ? value.trim().toUpperCase() : undefined;
  if (type === 'CR' || type === 'DB') return type;
  throw new TypeError();
});

// PHP encodes an empty associative array as [], so Moota may send [] where an object belongs.
const optionalObject = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (Array.isArray(value) && value.length === 0 ? null : value), schema.nullish());

const mutationSchema = z.looseObject(
  {
    mutation_id: identifier,
    account_number: identifier,
    bank_id: looseText,
    date: jakartaDateTime,
    amount: positiveRupiah,
    balance: rupiah.nullish(),
    type: mutationType,
    description: looseText,
    note: looseText,
    taggings: z.array(z.unknown(), { error: mustBe('an array or null') }).nullish(),
    bank: optionalObject(z.looseObject({ bank_type: looseText, label: looseText, atas_nama: looseText }, { error: mustBe('an object or null') })),
    payment_detail: optionalObject(z.looseObject({ order_id: looseText }, { error: mustBe('an object or null') })),
  },
  { error: mustBe('an object') },
);

function toMutation(data: z.output<typeof mutationSchema>): MootaMutation {
  return {
    mootaId: data.mutation_id,
    bankId: data.bank_id ?? '',
    bankType: data.bank?.bank_type ?? null,
    bankLabel: data.bank?.label ?? null,
    accountNumber: data.account_number,
    accountHolder: data.bank?.atas_nama ?? null,
    type: data.type,
    amount: data.amount,
    balance: data.balance ?? null,
    description: data.description ?? '',
    note: data.note,
    occurredAt: data.date,
    paymentOrderId: data.payment_detail?.order_id ?? null,
    taggings: data.taggings ?? [],
  };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function labelFor(item: unknown, index: number): string {
  const id = (item as { mutation_id?: unknown } | null)?.mutation_id;
  const named = (typeof id === 'string' && id !== '') || typeof id === 'number';
  return named ? `mutation ${index + 1} (${shorten(String(id))})` : `mutation ${index + 1}`;
}

const MAX_REPORTED_PROBLEMS = 10;

// An unescaped `"` after `{` or `,` opens a key, so this matches mutation_id keys only, never text
// inside a string (whose quotes are escaped).
const NUMERIC_MUTATION_ID = /([{,]\s*"mutation_id"\s*:\s*)(-?\d+)(?![\d.eE])/g;

/**
 * JSON.parse for Moota's bodies, reading a `mutation_id` sent as a JSON number as its exact
 * digits: a number above 2^53 would otherwise lose digits (and its identity) in JSON.parse.
 */
export function parseMootaJson(text: string): unknown {
  return JSON.parse(text.replace(NUMERIC_MUTATION_ID, '$1"$2"'));
}

/** What PostgreSQL would refuse in a mutation the schema accepted, field by field (Moota's names). */
function storageProblems(data: z.output<typeof mutationSchema>, receivedAt: Date): string[] {
  const problems: string[] = [];
  const check = (field: string, problem: string | null) => problem && problems.push(`${field} ${problem}`);
  check('amount', rupiahProblem(data.amount));
  if (data.balance != null) check('balance', rupiahProblem(data.balance));
  check('date', dateProblem(data.date, receivedAt));
  const texts: [string, string | null | undefined][] = [
    ['mutation_id', data.mutation_id],
    ['account_number', data.account_number],
    ['bank_id', data.bank_id],
    ['description', data.description],
    ['note', data.note],
    ['bank.bank_type', data.bank?.bank_type],
    ['bank.label', data.bank?.label],
    ['bank.atas_nama', data.bank?.atas_nama],
    ['payment_detail.order_id', data.payment_detail?.order_id],
  ];
  for (const [field, text] of texts) if (text != null) check(field, textProblem(text));
  const tagging = unstorableTextIn(data.taggings ?? [], 'taggings');
  if (tagging) check(tagging.path, tagging.problem);
  return problems;
}

/**
 * A delivery body (already JSON-parsed), mutation by mutation: each must be readable and hold
 * nothing the database refuses (amounts within `MAX_RUPIAH`, plausible dates for a call received
 * at `receivedAt`, text PostgreSQL can hold). A mutation_id repeated within the body is kept once,
 * first occurrence wins.
 */
export function readDelivery(json: unknown, receivedAt: Date = new Date()): DeliveryRead {
  if (!Array.isArray(json)) {
    return { ok: false, error: refusalReason('notAList', { kind: kindOf(json) }) };
  }
  const refused: RefusedMutation[] = [];
  const mutations: MootaMutation[] = [];
  const seen = new Set<string>();
  let duplicatesInBody = 0;

  json.forEach((item: unknown, index) => {
    const label = labelFor(item, index);
    const result = mutationSchema.safeParse(item);
    if (!result.success) {
      const problems = result.error.issues.map((issue) => `${label}${issue.path.length > 0 ? `: ${issue.path.join('.')} ` : ' '}${issue.message}`);
      refused.push({ position: index + 1, problems });
      return;
    }
    const storage = storageProblems(result.data, receivedAt);
    if (storage.length > 0) {
      refused.push({ position: index + 1, problems: storage.map((problem) => `${label}: ${problem}`) });
      return;
    }
    if (seen.has(result.data.mutation_id)) {
      duplicatesInBody += 1;
      return;
    }
    seen.add(result.data.mutation_id);
    mutations.push(toMutation(result.data));
  });
  return { ok: true, mutations, duplicatesInBody, refused };
}

/** The problems of refused mutations in one line for the log and the answer: the first ten and a count. */
export function describeRefused(refused: readonly RefusedMutation[]): string {
  const problems = refused.flatMap((mutation) => mutation.problems);
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
  const more = problems.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/** `readDelivery` for callers that take a delivery whole or not at all (a synced page, a practice transfer). */
export function parseDelivery(json: unknown, receivedAt: Date = new Date()): DeliveryParse {
  const read = readDelivery(json, receivedAt);
  if (!read.ok) return read;
  if (read.refused.length > 0) return { ok: false, error: describeRefused(read.refused) };
  return { ok: true, mutations: read.mutations, duplicatesInBody: read.duplicatesInBody };
}

/**
 * A mutation exactly as its delivery carried it, read back from the delivery's stored (redacted)
 * body: the first item with that mutation_id, as `parseDelivery` keeps the first. Null if the body
 * does not hold it.
 */
export function mutationInBody(body: string, mootaId: string): Record<string, unknown> | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  if (!Array.isArray(json)) return null;
  const item: unknown = json.find((candidate: unknown) => {
    const id = (candidate as { mutation_id?: unknown } | null)?.mutation_id;
    return (typeof id === 'string' || typeof id === 'number') && String(id) === mootaId;
  });
  return item && typeof item === 'object' ? (item as Record<string, unknown>) : null;
}
