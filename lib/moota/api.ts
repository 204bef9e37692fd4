import { z } from 'zod';
import { DomainError, type ErrorParams } from '@/lib/errors';
import { parseMachineAmount } from '@/lib/money';
import { parseDelivery, parseMootaJson, type MootaMutation } from '@/lib/moota/payload';
import { parseJakartaDateTime } from '@/lib/time/jakarta';

/**
 * Moota's API v2 as Cocok uses it: the accounts, pages of mutations, and three requests (check
 * the bank now, push a mutation to the webhook again, tag a mutation). Failures are DomainErrors:
 * `mootaTokenRejected` (401/403, never retried), `mootaRateLimited` / `mootaUnavailable` (429, 5xx,
 * network errors and timeouts, after retries), `mootaMalformedPage` (an answer Cocok cannot read:
 * nothing of it is returned), `mootaNotFound` (404) and `mootaRefused` (any other 4xx).
 */

export const DEFAULT_MOOTA_API_URL = 'https://app.moota.co/api/v2';

export interface MootaAccount {
  bankId: string;
  /** Moota's `bank_type`: `bca`, `mandiriMcmV2`, `bniva`, `qris`, … */
  bankType: string;
  label: string;
  /** `atas_nama`. */
  holder: string;
  accountNumber: string;
  balance: bigint | null;
  lastUpdate: Date | null;
  active: boolean;
}

export interface MutationQuery {
  /** Jakarta calendar days, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  bankId?: string;
  type?: 'CR' | 'DB';
  /** From 1. */
  page: number;
  perPage: number;
}

export interface MutationPage {
  page: number;
  lastPage: number;
  /** Mutations matching the query on all pages, as Moota counted them for this page. */
  total: number;
  mutations: MootaMutation[];
  /** The page's `data` exactly as Moota sent it (mutation ids that were JSON numbers as their digits). */
  items: unknown[];
}

export interface MootaApi {
  accounts(): Promise<MootaAccount[]>;
  mutationPage(query: MutationQuery): Promise<MutationPage>;
  /** Asks Moota to check the bank now (it costs the merchant Moota points). */
  refreshAccount(bankId: string): Promise<void>;
  /** Asks Moota to push one mutation to the webhook again. */
  resendWebhook(mootaMutationId: string): Promise<void>;
  tagMutation(mootaMutationId: string, names: string[]): Promise<void>;
}

export interface MootaApiOptions {
  /** Without a trailing `/`, e.g. `https://app.moota.co/api/v2`. */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Per attempt, including reading the answer. */
  timeoutMs?: number;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1), for the backoff's jitter. */
  random?: () => number;
  /** For `Retry-After` given as an HTTP date. */
  now?: () => number;
  /** The longest wait between attempts; a `Retry-After` beyond it ends the retries at once. */
  maxDelayMs?: number;
  /** The first retry's backoff before jitter; it doubles with each attempt. */
  baseDelayMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_ATTEMPTS = 4;
const DEFAULT_MAX_DELAY_MS = 60_000;
const DEFAULT_BASE_DELAY_MS = 500;
// Moota's own SDK pages accounts by 20; nobody has hundreds of pages of bank accounts.
const MAX_ACCOUNT_PAGES = 100;
const MAX_MESSAGE_CHARS = 200;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Failure = { retry: true; reason: string; retryAfterMs: number | null; rateLimited: boolean } | { retry: false; error: DomainError };

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; null if absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE_CHARS ? `${oneLine.slice(0, MAX_MESSAGE_CHARS)}…` : oneLine;
}

/** What Moota said in an error answer: its `message` (or `error`), else the start of the body. */
function mootaMessage(text: string): string {
  try {
    const json = JSON.parse(text) as { message?: unknown; error?: unknown };
    if (typeof json.message === 'string' && json.message !== '') return shorten(json.message);
    if (typeof json.error === 'string' && json.error !== '') return shorten(json.error);
  } catch {
    // not JSON: the text itself says more than nothing
  }
  return text.trim() === '' ? '(empty answer)' : shorten(text);
}

function networkReason(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: unknown; message?: unknown } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
  const detail = code ?? (typeof e?.cause?.message === 'string' ? e.cause.message : e?.message) ?? String(error);
  return `network error (${shorten(detail)})`;
}

// ---- answers --------------------------------------------------------------------------------

const count = () =>
  z
    .union([z.number(), z.string().regex(/^\d+$/)], { error: 'must be a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(0));

const pageEnvelope = z.looseObject(
  {
    current_page: count().pipe(z.number().min(1, 'must be at least 1')),
    last_page: count().pipe(z.number().min(1, 'must be at least 1')),
    total: count(),
    per_page: count().optional(),
    next_page_url: z.string({ error: 'must be a URL or null' }).nullish(),
    data: z.array(z.unknown(), { error: 'must be an array' }),
  },
  { error: 'the answer must be a JSON object (a Laravel page)' },
);

type Envelope = z.output<typeof pageEnvelope>;

const text = z
  .union([z.string(), z.number()], { error: 'must be text' })
  .nullish()
  .transform((value) => (value == null ? '' : String(value)));
const identifier = z
  .union([z.string(), z.number()], { error: 'must be a string or a number' })
  .transform(String)
  .pipe(z.string().min(1, 'must not be empty'));

function readLastUpdate(value: unknown): Date | null {
  if (value == null || value === '') return null;
  if (typeof value !== 'string') throw new TypeError();
  // The bank list has sent both "2021-09-24T03:46:57.000000Z" (UTC) and Jakarta wall-clock time.
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(value)) {
    const date = new Date(value.replace(/(\.\d{3})\d+/, '$1'));
    if (Number.isNaN(date.getTime())) throw new TypeError();
    return date;
  }
  return parseJakartaDateTime(value);
}

const readWith = <T>(expected: string, read: (value: unknown) => T) =>
  z.unknown().transform((value, ctx): T => {
    try {
      return read(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be ${expected}, got ${JSON.stringify(value) ?? String(value)}` });
      return z.NEVER;
    }
  });

const accountSchema = z.looseObject(
  {
    bank_id: identifier,
    bank_type: identifier,
    label: text,
    atas_nama: text,
    account_number: identifier,
    balance: readWith('a number or a numeric string', (value) => (value == null || value === '' ? null : parseMachineAmount(value))),
    last_update: readWith('a date-time or empty', readLastUpdate),
    is_active: readWith('true or false', (value) => {
      if (value === true || value === 1 || value === '1') return true;
      if (value === false || value === 0 || value === '0' || value == null) return false;
      throw new TypeError();
    }),
  },
  { error: 'must be an object' },
);

function toAccount(data: z.output<typeof accountSchema>): MootaAccount {
  return {
    bankId: data.bank_id,
    bankType: data.bank_type,
    label: data.label,
    holder: data.atas_nama,
    accountNumber: data.account_number,
    balance: data.balance,
    lastUpdate: data.last_update,
    active: data.is_active,
  };
}

function issuesText(error: z.ZodError, label?: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = [...(label === undefined ? [] : [label]), ...issue.path.map(String)].join('.');
      return where === '' ? issue.message : `${where}: ${issue.message}`;
    })
    .join('; ');
}

// ---- the client -----------------------------------------------------------------------------

export function createMootaApi(options: MootaApiOptions): MootaApi {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const token = options.token;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;

  // Whatever Moota or the network says goes into messages; the token must never ride along.
  const scrub = (value: string) => (token === '' ? value : value.split(token).join('[redacted]'));
  const fail = (kind: DomainError['kind'], code: DomainError['code'], params: ErrorParams) =>
    new DomainError(
      kind,
      code,
      Object.fromEntries(Object.entries(params).map(([key, value]) => [key, typeof value === 'string' ? scrub(value) : value])),
    );

  /** Equal jitter: half the exponential step for sure, the other half at random. */
  const backoff = (attempt: number) => {
    const step = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    return Math.round(step / 2 + random() * (step / 2));
  };

  function judge(status: number, body: string, headers: Headers, request: string): Failure {
    if (status === 401 || status === 403) return { retry: false, error: fail('upstream', 'mootaTokenRejected', { status }) };
    if (status === 429 || status >= 500) {
      return {
        retry: true,
        reason: `HTTP ${status}`,
        retryAfterMs: retryAfterMs(headers.get('retry-after'), now()),
        rateLimited: status === 429,
      };
    }
    if (status === 404) return { retry: false, error: fail('not_found', 'mootaNotFound', { request, message: mootaMessage(body) }) };
    return { retry: false, error: fail('upstream', 'mootaRefused', { request, status, message: mootaMessage(body) }) };
  }

  /** One request with retries; the 2xx answer's body text. */
  async function call(method: 'GET' | 'POST', path: string, query?: URLSearchParams, json?: unknown): Promise<string> {
    const search = query && query.size > 0 ? `?${query}` : '';
    const url = `${baseUrl}${path}${search}`;
    const request = `${method} ${path}${search}`;
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}` };
    if (json !== undefined) headers['Content-Type'] = 'application/json';

    for (let attempt = 1; ; attempt++) {
      let failure: Failure;
      try {
        const signal = AbortSignal.timeout(timeoutMs);
        const response = await fetchFn(url, { method, headers, body: json === undefined ? undefined : JSON.stringify(json), signal });
        const body = await response.text();
        if (response.ok) return body;
        failure = judge(response.status, body, response.headers, request);
      } catch (error) {
        failure = { retry: true, reason: networkReason(error, timeoutMs), retryAfterMs: null, rateLimited: false };
      }
      if (!failure.retry) throw failure.error;

      const wait = failure.retryAfterMs ?? backoff(attempt);
      if (attempt >= maxAttempts || wait > maxDelayMs) {
        if (failure.rateLimited) {
          throw fail('upstream', 'mootaRateLimited', { attempts: attempt, retryAfterSeconds: Math.ceil(wait / 1000) });
        }
        throw fail('upstream', 'mootaUnavailable', { attempts: attempt, reason: failure.reason });
      }
      await sleep(wait);
    }
  }

  async function readPage(request: string, body: string, page: number): Promise<Envelope> {
    const malformed = (details: string) => fail('upstream', 'mootaMalformedPage', { request, details });
    let json: unknown;
    try {
      json = parseMootaJson(body);
    } catch {
      throw malformed(`the answer is not JSON (it starts with ${JSON.stringify(shorten(body).slice(0, 40))})`);
    }
    const parsed = pageEnvelope.safeParse(json);
    if (!parsed.success) throw malformed(issuesText(parsed.error));
    const envelope = parsed.data;
    const problems: string[] = [];
    if (envelope.current_page !== page) problems.push(`page ${page} was asked for, the answer is page ${envelope.current_page}`);
    if (envelope.per_page !== undefined && envelope.data.length > envelope.per_page) {
      problems.push(`${envelope.data.length} items on a page of ${envelope.per_page}`);
    }
    if (envelope.data.length > envelope.total) problems.push(`${envelope.data.length} items but a total of ${envelope.total}`);
    if (envelope.current_page > envelope.last_page && envelope.data.length > 0) {
      problems.push(`items on page ${envelope.current_page} after the last page ${envelope.last_page}`);
    }
    if (envelope.next_page_url !== undefined) {
      const hasNext = envelope.current_page < envelope.last_page;
      if (hasNext !== (envelope.next_page_url !== null)) {
        problems.push(
          `next_page_url is ${envelope.next_page_url === null ? 'null' : 'set'} on page ${envelope.current_page} of ${envelope.last_page}`,
        );
      }
    }
    if (problems.length > 0) throw malformed(problems.join('; '));
    return envelope;
  }

  async function accounts(): Promise<MootaAccount[]> {
    const all: MootaAccount[] = [];
    for (let page = 1; page <= MAX_ACCOUNT_PAGES; page++) {
      const query = new URLSearchParams({ page: String(page) });
      const request = `GET /bank?${query}`;
      const envelope = await readPage(request, await call('GET', '/bank', query), page);
      const problems: string[] = [];
      envelope.data.forEach((item, index) => {
        const parsed = accountSchema.safeParse(item);
        if (parsed.success) all.push(toAccount(parsed.data));
        else problems.push(issuesText(parsed.error, `account ${index + 1}`));
      });
      if (problems.length > 0) throw fail('upstream', 'mootaMalformedPage', { request, details: problems.slice(0, 5).join('; ') });
      if (envelope.current_page >= envelope.last_page) return all;
    }
    throw fail('upstream', 'mootaMalformedPage', { request: 'GET /bank', details: `more than ${MAX_ACCOUNT_PAGES} pages of accounts` });
  }

  async function mutationPage(query: MutationQuery): Promise<MutationPage> {
    if (!Number.isSafeInteger(query.page) || query.page < 1) throw new RangeError(`page must be a whole number from 1, got ${query.page}`);
    if (!Number.isSafeInteger(query.perPage) || query.perPage < 1)
      throw new RangeError(`perPage must be a whole number from 1, got ${query.perPage}`);
    const params = new URLSearchParams();
    if (query.type) params.set('type', query.type);
    if (query.bankId) params.set('bank', query.bankId);
    params.set('start_date', query.from);
    params.set('end_date', query.to);
    params.set('page', String(query.page));
    params.set('per_page', String(query.perPage));
    const request = `GET /mutation?${params}`;

    const envelope = await readPage(request, await call('GET', '/mutation', params), query.page);
    const parsed = parseDelivery(envelope.data);
    if (!parsed.ok) throw fail('upstream', 'mootaMalformedPage', { request, details: parsed.error });
    if (parsed.duplicatesInBody > 0) {
      throw fail('upstream', 'mootaMalformedPage', { request, details: `${parsed.duplicatesInBody} mutation_id repeated on the page` });
    }
    return { page: envelope.current_page, lastPage: envelope.last_page, total: envelope.total, mutations: parsed.mutations, items: envelope.data };
  }

  const segment = (name: string, value: string) => {
    if (value === '') throw new RangeError(`${name} must not be empty`);
    return encodeURIComponent(value);
  };

  return {
    accounts,
    mutationPage,
    async refreshAccount(bankId) {
      await call('POST', `/bank/${segment('bankId', bankId)}/refresh`);
    },
    async resendWebhook(mootaMutationId) {
      await call('POST', `/mutation/${segment('mootaMutationId', mootaMutationId)}/webhook`);
    },
    async tagMutation(mootaMutationId, names) {
      if (names.length === 0 || names.some((name) => name.trim() === '')) throw new RangeError('a tag needs at least one non-empty name');
      await call('POST', `/tagging/mutation/${segment('mootaMutationId', mootaMutationId)}`, undefined, { name: names });
    },
  };
}
