import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jakartaDay, startOfJakartaDay } from '@/lib/time/jakarta';
import { DEMO_ACCOUNTS, createMootaGenerator, type DemoAccount, type MootaMutationJson, type MutationOverrides } from '@/lib/sandbox/moota-generator';

/**
 * A fake of Moota's API v2 on 127.0.0.1, for tests and benches: GET /bank and GET /mutation as
 * Laravel pages (Moota's filters, newest first, money as "12111.00"), the POST requests Cocok
 * makes, a bearer token check, and failures on demand (5xx, 429 with Retry-After, no answer,
 * malformed pages). Everything is served under `/api/v2`, as Moota does: `url` includes it.
 */

export type FakeAccount = Record<string, unknown> & { bank_id: string };

export interface RecordedRequest {
  method: string;
  /** Below the base path: `/mutation`, `/bank/bnk_1/refresh`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON, the raw text if it is not JSON, or null when empty. */
  body: unknown;
  /** Whether it carried the right bearer token. */
  authorized: boolean;
}

/**
 * - `not-json`: a truncated body; `html`: a 200 maintenance page;
 * - `no-data`: the page without its `data`; `wrong-page`: `current_page` is not the page asked for;
 * - `bad-item`: one item's amount is unreadable (`"12.111,00"`), the rest are fine.
 */
export type MalformKind = 'not-json' | 'html' | 'no-data' | 'wrong-page' | 'bad-item';

export interface FakeMootaOptions {
  token: string;
  /** Defaults to the demo accounts as Moota lists them. */
  accounts?: FakeAccount[];
  mutations?: MootaMutationJson[];
  /** Defaults to 0: any free port. */
  port?: number;
}

export interface FakeMoota {
  /** e.g. `http://127.0.0.1:41234/api/v2`: pass it as the API's base URL. */
  url: string;
  close(): Promise<void>;
  addMutations(...mutations: MootaMutationJson[]): void;
  setAccounts(accounts: FakeAccount[]): void;
  /** The mutations as stored (tags added by POST /tagging included), in the order added. */
  mutations(): MootaMutationJson[];
  requests: RecordedRequest[];
  failNext(status: number, times?: number): void;
  rateLimitNext(retryAfterSeconds: number, times?: number): void;
  /** The next requests get no answer at all, for timeouts. */
  hangNext(times?: number): void;
  /** The next page answers (GET /bank, GET /mutation) are malformed. */
  malformNext(kind?: MalformKind, times?: number): void;
}

const BASE_PATH = '/api/v2';
const DEFAULT_PER_PAGE = 20;

type Fault = { kind: 'fail'; status: number } | { kind: 'rate-limit'; retryAfterSeconds: number } | { kind: 'hang' };

/** A bank account as GET /bank lists it (the shape of Moota's SDK fixtures). */
export function bankAccountJson(account: DemoAccount, overrides: Record<string, unknown> = {}): FakeAccount {
  return {
    corporate_id: null,
    username: account.username,
    atas_nama: account.holder,
    balance: `${account.openingBalance}.00`,
    account_number: account.accountNumber,
    bank_type: account.bankType,
    login_retry: 0,
    date_from: '2026-11-01 00:00:00',
    date_to: '2026-11-28 00:00:00',
    meta: null,
    interval_refresh: 15,
    next_queue: '2026-11-28 10:30:00',
    is_active: true,
    in_queue: 0,
    in_progress: 0,
    recurred_at: '2026-11-28 10:15:00',
    created_at: '2026-01-05 09:00:00',
    token: account.bankId,
    bank_id: account.bankId,
    label: account.label,
    last_update: '2026-11-28T03:15:00.000000Z',
    ...overrides,
  };
}

export interface FakeMutationsOptions {
  count: number;
  seed?: number;
  /** The newest mutation's time; defaults to 2026-11-28 12:00 Jakarta. */
  newest?: Date;
  /** Spread the mutations evenly over this many Jakarta days, ending on `newest`'s (default 1). */
  days?: number;
  overrides?: Omit<MutationOverrides, 'date'>;
}

/** Realistic mutations from the sandbox generator, on `days` Jakarta days up to `newest`. */
export function fakeMutations({ count, seed = 1, newest = new Date('2026-11-28T05:00:00Z'), days = 1, overrides = {} }: FakeMutationsOptions) {
  const generator = createMootaGenerator({ seed, now: newest });
  const dayStart = startOfJakartaDay(jakartaDay(newest)).getTime();
  const secondsIntoDay = Math.floor((newest.getTime() - dayStart) / 1000);
  return Array.from({ length: count }, (_, index) => {
    const daysBack = Math.floor((index * days) / count);
    const secondsBack = secondsIntoDay > 0 ? (index * 397) % secondsIntoDay : 0;
    const date = new Date(Math.floor(newest.getTime() / 1000) * 1000 - daysBack * 86_400_000 - secondsBack * 1000);
    return generator.mutation({ ...overrides, date });
  });
}

/** Money as Moota's lists send it: a string with two decimals. */
function moneyText(value: unknown): unknown {
  if (typeof value === 'number') return value.toFixed(2);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return `${value}.00`;
  return value;
}

function asListed(mutation: MootaMutationJson): Record<string, unknown> {
  return { ...mutation, amount: moneyText(mutation.amount), balance: moneyText(mutation.balance) };
}

function listedAccount(account: FakeAccount): FakeAccount {
  return { ...account, balance: moneyText(account.balance) };
}

const wholeNumber = (text: string | undefined, fallback: number) =>
  text !== undefined && /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : fallback;

export async function startFakeMoota(options: FakeMootaOptions): Promise<FakeMoota> {
  let accounts = options.accounts ?? DEMO_ACCOUNTS.map((account) => bankAccountJson(account));
  const stored: MootaMutationJson[] = [...(options.mutations ?? [])];
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const malformations: MalformKind[] = [];
  let tagIds = 0;
  let changes = 0;
  let listing: { key: string; items: unknown[] } | undefined;

  const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    response.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json', ...headers });
    response.end(text);
  };

  function laravelPage(origin: string, path: string, query: URLSearchParams, items: unknown[]) {
    const perPage = wholeNumber(query.get('per_page') ?? undefined, DEFAULT_PER_PAGE);
    const page = wholeNumber(query.get('page') ?? undefined, 1);
    const total = items.length;
    const lastPage = Math.max(1, Math.ceil(total / perPage));
    const data = items.slice((page - 1) * perPage, page * perPage);
    const pageUrl = (n: number) => {
      const params = new URLSearchParams(query);
      params.set('page', String(n));
      return `${origin}${BASE_PATH}${path}?${params}`;
    };
    return {
      current_page: page,
      data,
      first_page_url: pageUrl(1),
      from: data.length > 0 ? (page - 1) * perPage + 1 : null,
      last_page: lastPage,
      last_page_url: pageUrl(lastPage),
      links: [
        { url: page > 1 ? pageUrl(page - 1) : null, label: 'Sebelumnya', active: false },
        { url: pageUrl(page), label: String(page), active: true },
        { url: page < lastPage ? pageUrl(page + 1) : null, label: 'Selanjutnya', active: false },
      ],
      next_page_url: page < lastPage ? pageUrl(page + 1) : null,
      path: `${origin}${BASE_PATH}${path}`,
      per_page: perPage,
      prev_page_url: page > 1 ? pageUrl(page - 1) : null,
      to: data.length > 0 ? (page - 1) * perPage + data.length : null,
      total,
    };
  }

  function servePage(response: ServerResponse, page: ReturnType<typeof laravelPage>) {
    const kind = malformations.shift();
    if (kind === undefined) return send(response, 200, page);
    switch (kind) {
      case 'not-json':
        return send(response, 200, JSON.stringify(page).slice(0, 40), { 'content-type': 'application/json' });
      case 'html':
        return send(response, 200, '<!doctype html><title>Moota</title><h1>Sedang dalam perbaikan</h1>');
      case 'no-data':
        return send(response, 200, { ...page, data: undefined });
      case 'wrong-page':
        return send(response, 200, { ...page, current_page: page.current_page + 1 });
      case 'bad-item': {
        const data = page.data.map((item, index) => (index === page.data.length - 1 ? { ...(item as object), amount: '12.111,00' } : item));
        return send(response, 200, { ...page, data });
      }
    }
  }

  function route(request: RecordedRequest, origin: string, query: URLSearchParams, response: ServerResponse) {
    const { method, path } = request;
    if (method === 'GET' && path === '/bank') {
      return servePage(response, laravelPage(origin, path, query, accounts.map(listedAccount)));
    }
    if (method === 'GET' && path === '/mutation') {
      const bank = query.get('bank');
      if (bank && !accounts.some((account) => account.bank_id === bank)) return send(response, 404, { message: 'Bank tidak ditemukan.' });
      const type = query.get('type');
      const from = query.get('start_date');
      const to = query.get('end_date');
      // A bench pages through 100,000 mutations: the listing is worked out once per query, not per page.
      const listingKey = JSON.stringify([type, bank, from, to, changes]);
      if (listing?.key !== listingKey) listing = { key: listingKey, items: list(type, bank, from, to) };
      return servePage(response, laravelPage(origin, path, query, listing.items));
    }
    function list(type: string | null, bank: string | null, from: string | null, to: string | null) {
      return (
        stored
          .filter((mutation) => (!type || mutation.type === type) && (!bank || mutation.bank_id === bank))
          .filter((mutation) => (!from || mutation.date.slice(0, 10) >= from) && (!to || mutation.date.slice(0, 10) <= to))
          .map((mutation, index) => ({ mutation, index }))
          // Newest first, as Moota lists them; among equal times the one added later first.
          .sort((a, b) => b.mutation.date.localeCompare(a.mutation.date) || b.index - a.index)
          .map(({ mutation }) => asListed(mutation))
      );
    }
    const refresh = /^\/bank\/([^/]+)\/refresh$/.exec(path);
    if (method === 'POST' && refresh) {
      const known = accounts.some((account) => account.bank_id === decodeURIComponent(refresh[1]!));
      return known ? send(response, 200, { message: 'OK' }) : send(response, 404, { error: true, message: 'Data tidak ditemukan' });
    }
    const resend = /^\/mutation\/([^/]+)\/webhook$/.exec(path);
    if (method === 'POST' && resend) {
      const known = stored.some((mutation) => mutation.mutation_id === decodeURIComponent(resend[1]!));
      return known ? send(response, 200, { status: 'OK' }) : send(response, 404, { error: true, message: 'Data tidak ditemukan' });
    }
    const tagging = /^\/tagging\/mutation\/([^/]+)$/.exec(path);
    if (method === 'POST' && tagging) {
      const mutation = stored.find((candidate) => candidate.mutation_id === decodeURIComponent(tagging[1]!));
      if (!mutation) return send(response, 404, { error: true, message: 'Data tidak ditemukan' });
      const names = (request.body as { name?: unknown } | null)?.name;
      if (!Array.isArray(names) || names.length === 0 || !names.every((name) => typeof name === 'string' && name !== '')) {
        return send(response, 422, { message: 'The name field is required.', errors: { name: ['The name field is required.'] } });
      }
      for (const name of names as string[]) {
        if (!mutation.taggings.some((tag) => tag.name === name)) mutation.taggings.push({ name, tag_id: `tag_fake_${++tagIds}` });
      }
      changes += 1;
      return send(response, 200, { message: 'OK' });
    }
    return send(response, 404, { message: 'Not Found' });
  }

  async function handle(incoming: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const recorded: RecordedRequest = {
      method: incoming.method ?? 'GET',
      path: url.pathname.startsWith(BASE_PATH) ? url.pathname.slice(BASE_PATH.length) || '/' : url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      authorized: incoming.headers.authorization === `Bearer ${options.token}`,
    };
    requests.push(recorded);

    const fault = faults.shift();
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'fail') return send(response, fault.status, { message: 'Server Error' });
    if (fault?.kind === 'rate-limit') {
      return send(response, 429, { message: 'Too Many Attempts.' }, { 'retry-after': String(fault.retryAfterSeconds) });
    }
    if (!url.pathname.startsWith(`${BASE_PATH}/`)) return send(response, 404, { message: 'Not Found' });
    if (!recorded.authorized) return send(response, 401, { message: 'Unauthenticated.' });
    route(recorded, `http://${incoming.headers.host ?? '127.0.0.1'}`, url.searchParams, response);
  }

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { message: String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const repeat = <T>(queue: T[], item: T, times: number) => queue.push(...Array.from({ length: times }, () => item));

  return {
    url: `http://127.0.0.1:${port}${BASE_PATH}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    addMutations: (...mutations) => {
      stored.push(...mutations);
      changes += 1;
    },
    setAccounts: (next) => {
      accounts = next;
    },
    mutations: () => stored,
    requests,
    failNext: (status, times = 1) => repeat(faults, { kind: 'fail', status }, times),
    rateLimitNext: (retryAfterSeconds, times = 1) => repeat(faults, { kind: 'rate-limit', retryAfterSeconds }, times),
    hangNext: (times = 1) => repeat(faults, { kind: 'hang' }, times),
    malformNext: (kind = 'bad-item', times = 1) => repeat(malformations, kind, times),
  };
}
