import { inspect } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { DomainError } from '@/lib/errors';
import { createMootaApi, retryAfterMs, type MootaApiOptions } from '@/lib/moota/api';
import { bankAccountJson, fakeMutations, startFakeMoota, type FakeMoota, type FakeMootaOptions } from '@/tests/support/fake-moota';
import { DEMO_ACCOUNTS } from '@/lib/sandbox/moota-generator';

const TOKEN = 'tok-SECRET-4f9a2c';
const DAY = '2026-11-28';

let fake: FakeMoota | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: Partial<FakeMootaOptions> = {}) {
  fake = await startFakeMoota({ token: TOKEN, ...options });
  return fake;
}

/** A client whose waits are recorded, never slept. */
function client(baseUrl: string, options: Partial<MootaApiOptions> = {}) {
  const waits: number[] = [];
  const api = createMootaApi({
    baseUrl,
    token: TOKEN,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { api, waits };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${inspect(error)}`);
  return error;
}

/** An injected fetch answering each call with the next of `answers`. */
function scripted(...answers: (() => Response)[]) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    return answer();
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const page = (data: unknown[], extra: Record<string, unknown> = {}) =>
  Response.json({ current_page: 1, data, last_page: 1, per_page: 20, total: data.length, next_page_url: null, ...extra });

const mutationItem = (overrides: Record<string, unknown> = {}) => ({
  account_number: '8730112233',
  date: '2026-11-28 10:14:07',
  description: 'TRSF E-BANKING CR 150123.00 BUDI',
  amount: '150123.00',
  type: 'CR',
  note: '',
  balance: '18250000.00',
  mutation_id: 'mut_1',
  bank_id: 'bnk_Q8a1Zx',
  taggings: [],
  ...overrides,
});

describe('accounts', () => {
  test('reads every page of GET /bank into accounts', async () => {
    const many = Array.from({ length: 23 }, (_, i) => bankAccountJson(DEMO_ACCOUNTS[i % DEMO_ACCOUNTS.length]!, { bank_id: `bnk_${i}` }));
    many[22] = { ...many[22]!, balance: 1250000, last_update: '', is_active: false };
    const moota = await start({ accounts: many });
    const { api } = client(moota.url);

    const accounts = await api.accounts();

    expect(accounts.map((account) => account.bankId)).toEqual(many.map((account) => account.bank_id));
    expect(accounts[0]).toEqual({
      bankId: 'bnk_0',
      bankType: 'bca',
      label: 'BCA',
      holder: 'TOKO BERKAH JAYA',
      accountNumber: '8730112233',
      balance: 18_250_000n,
      lastUpdate: new Date('2026-11-28T03:15:00.000Z'),
      active: true,
    });
    expect(accounts[22]).toMatchObject({ balance: 1_250_000n, lastUpdate: null, active: false });
    expect(moota.requests.map((request) => `${request.method} ${request.path} page=${request.query.page}`)).toEqual([
      'GET /bank page=1',
      'GET /bank page=2',
    ]);
    expect(moota.requests.every((request) => request.authorized)).toBe(true);
  });

  test.each([
    { name: 'Jakarta wall-clock time', value: '2026-11-28 10:15:00', expected: new Date('2026-11-28T03:15:00Z') },
    { name: 'UTC with microseconds', value: '2021-09-24T03:46:57.000000Z', expected: new Date('2021-09-24T03:46:57Z') },
    { name: 'null', value: null, expected: null },
  ])('last_update as $name', async ({ value, expected }) => {
    const moota = await start({ accounts: [bankAccountJson(DEMO_ACCOUNTS[0]!, { last_update: value })] });
    const [account] = await client(moota.url).api.accounts();
    expect(account!.lastUpdate).toEqual(expected);
  });

  test('an account that cannot be read refuses the whole list', async () => {
    const moota = await start({ accounts: [bankAccountJson(DEMO_ACCOUNTS[0]!), bankAccountJson(DEMO_ACCOUNTS[1]!, { balance: 'banyak' })] });
    const error = await refusal(client(moota.url).api.accounts());
    expect(error.code).toBe('mootaMalformedPage');
    expect(error.message).toContain('account 2.balance: must be a number or a numeric string');
  });
});

describe('mutationPage', () => {
  test('pages through to the end, newest first, parsed as the webhook parses them', async () => {
    const mutations = fakeMutations({ count: 45, seed: 7 });
    const moota = await start({ mutations });
    const { api } = client(moota.url);

    const pages = [];
    for (let number = 1; ; number++) {
      const result = await api.mutationPage({ from: DAY, to: DAY, page: number, perPage: 20 });
      pages.push(result);
      if (result.page >= result.lastPage) break;
    }

    expect(pages.map((p) => [p.page, p.lastPage, p.total, p.mutations.length])).toEqual([
      [1, 3, 45, 20],
      [2, 3, 45, 20],
      [3, 3, 45, 5],
    ]);
    const seen = pages.flatMap((p) => p.mutations);
    expect(new Set(seen.map((m) => m.mootaId))).toEqual(new Set(mutations.map((m) => m.mutation_id)));
    const times = seen.map((m) => m.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const first = mutations.find((m) => m.mutation_id === seen[0]!.mootaId)!;
    expect(seen[0]!.amount).toBe(BigInt(first.amount));
    expect((pages[0]!.items[0] as { amount: unknown }).amount).toMatch(/^\d+\.00$/);
    expect(moota.requests[0]!.query).toEqual({ start_date: DAY, end_date: DAY, page: '1', per_page: '20' });
  });

  test('sends the filters and gets what Moota would: type, bank, Jakarta days inclusive', async () => {
    const mutations = fakeMutations({ count: 60, seed: 3, days: 5 });
    const moota = await start({ mutations });
    const { api } = client(moota.url);
    const bankId = DEMO_ACCOUNTS[0]!.bankId;

    const result = await api.mutationPage({ from: '2026-11-25', to: '2026-11-27', bankId, type: 'CR', page: 1, perPage: 100 });

    const expected = mutations.filter(
      (m) => m.type === 'CR' && m.bank_id === bankId && m.date.slice(0, 10) >= '2026-11-25' && m.date.slice(0, 10) <= '2026-11-27',
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(result.mutations.map((m) => m.mootaId).sort()).toEqual(expected.map((m) => m.mutation_id).sort());
    expect(result.mutations.every((m) => m.type === 'CR' && m.bankId === bankId)).toBe(true);
    expect(moota.requests[0]!.query).toMatchObject({ type: 'CR', bank: bankId, start_date: '2026-11-25', end_date: '2026-11-27' });
  });

  test('an empty range is one empty page', async () => {
    const moota = await start({ mutations: fakeMutations({ count: 3 }) });
    const result = await client(moota.url).api.mutationPage({ from: '2026-01-01', to: '2026-01-02', page: 1, perPage: 20 });
    expect(result).toEqual({ page: 1, lastPage: 1, total: 0, mutations: [], items: [] });
  });

  test('a mutation_id sent as a JSON number beyond 2^53 keeps its digits', async () => {
    const body = `{"current_page":1,"data":[${JSON.stringify(mutationItem()).replace('"mut_1"', '12345678901234567891')}],"last_page":1,"total":1,"next_page_url":null}`;
    const { fetch } = scripted(() => new Response(body, { headers: { 'content-type': 'application/json' } }));
    const result = await client('http://moota.invalid/api/v2', { fetch }).api.mutationPage({ from: DAY, to: DAY, page: 1, perPage: 20 });
    expect(result.mutations[0]!.mootaId).toBe('12345678901234567891');
    expect((result.items[0] as { mutation_id: unknown }).mutation_id).toBe('12345678901234567891');
  });
});

describe('malformed pages are refused whole', () => {
  test.each([
    { kind: 'not-json' as const, details: /the answer is not JSON/ },
    { kind: 'html' as const, details: /the answer is not JSON \(it starts with "<!doctype html>/ },
    { kind: 'no-data' as const, details: /^data: must be an array$/ },
    { kind: 'wrong-page' as const, details: /page 1 was asked for, the answer is page 2/ },
    { kind: 'bad-item' as const, details: /mutation 10 \([^)]+\): amount must be a number or a numeric string, got "12\.111,00"/ },
  ])('$kind', async ({ kind, details }) => {
    const moota = await start({ mutations: fakeMutations({ count: 10 }) });
    moota.malformNext(kind);
    const { api, waits } = client(moota.url);

    const error = await refusal(api.mutationPage({ from: DAY, to: DAY, page: 1, perPage: 20 }));

    expect(error).toMatchObject({ kind: 'upstream', code: 'mootaMalformedPage' });
    expect(String(error.params.request)).toBe(`GET /mutation?start_date=${DAY}&end_date=${DAY}&page=1&per_page=20`);
    expect(String(error.params.details)).toMatch(details);
    expect(waits).toEqual([]);
  });

  test.each([
    { name: 'no current_page', answer: { data: [], last_page: 1, total: 0 }, details: /^current_page: must be a whole number$/ },
    { name: 'a fractional last_page', answer: { current_page: 1, data: [], last_page: 1.5, total: 0 }, details: /^last_page: / },
    { name: 'not an object', answer: [mutationItem()], details: /must be a JSON object/ },
    {
      name: 'more items than per_page',
      answer: { current_page: 1, data: [mutationItem(), mutationItem({ mutation_id: 'mut_2' })], last_page: 1, per_page: 1, total: 2 },
      details: /2 items on a page of 1/,
    },
    {
      name: 'next_page_url on the last page',
      answer: { current_page: 1, data: [], last_page: 1, total: 0, next_page_url: 'https://app.moota.co/api/v2/mutation?page=2' },
      details: /next_page_url is set on page 1 of 1/,
    },
    {
      name: 'items beyond the last page',
      answer: { current_page: 1, data: [mutationItem()], last_page: 1, total: 0 },
      details: /1 items but a total of 0/,
    },
    {
      name: 'a mutation_id twice',
      answer: { current_page: 1, data: [mutationItem(), mutationItem()], last_page: 1, total: 2 },
      details: /1 mutation_id repeated on the page/,
    },
  ])('envelope: $name', async ({ answer, details }) => {
    const { fetch } = scripted(() => Response.json(answer));
    const error = await refusal(client('http://moota.invalid/api/v2', { fetch }).api.mutationPage({ from: DAY, to: DAY, page: 1, perPage: 20 }));
    expect(error.code).toBe('mootaMalformedPage');
    expect(String(error.params.details)).toMatch(details);
  });
});

describe('retries', () => {
  const query = { from: DAY, to: DAY, page: 1, perPage: 20 };

  test('429 with Retry-After: waits as told, then succeeds', async () => {
    const moota = await start({ mutations: fakeMutations({ count: 2 }) });
    moota.rateLimitNext(3);
    const { api, waits } = client(moota.url);

    const result = await api.mutationPage(query);

    expect(result.mutations).toHaveLength(2);
    expect(waits).toEqual([3000]);
    expect(moota.requests).toHaveLength(2);
  });

  test('Retry-After as an HTTP date counts from now', async () => {
    const now = Date.parse('2026-11-28T03:00:00Z');
    const { fetch } = scripted(
      () => new Response('slow down', { status: 429, headers: { 'retry-after': 'Sat, 28 Nov 2026 03:00:07 GMT' } }),
      () => page([]),
    );
    const { api, waits } = client('http://moota.invalid/api/v2', { fetch, now: () => now });
    await api.mutationPage(query);
    expect(waits).toEqual([7000]);
  });

  test('a Retry-After beyond the cap ends the retries at once, saying when to come back', async () => {
    const moota = await start();
    moota.rateLimitNext(600);
    const { api, waits } = client(moota.url);

    const error = await refusal(api.accounts());

    expect(error).toMatchObject({ kind: 'upstream', code: 'mootaRateLimited', params: { attempts: 1, retryAfterSeconds: 600 } });
    expect(waits).toEqual([]);
  });

  test('429 every time: mootaRateLimited after maxAttempts', async () => {
    const moota = await start();
    moota.rateLimitNext(1, 10);
    const error = await refusal(client(moota.url, { maxAttempts: 3 }).api.refreshAccount(DEMO_ACCOUNTS[0]!.bankId));
    expect(error).toMatchObject({ code: 'mootaRateLimited', params: { attempts: 3, retryAfterSeconds: 1 } });
    expect(moota.requests).toHaveLength(3);
  });

  test('500 then success: one backoff with jitter', async () => {
    const moota = await start({ mutations: fakeMutations({ count: 1 }) });
    moota.failNext(500);
    const { api, waits } = client(moota.url);

    expect((await api.mutationPage(query)).mutations).toHaveLength(1);
    // 500 ms doubled per attempt; half of it for sure, the rest by random() (0.5 here).
    expect(waits).toEqual([375]);
  });

  test('500 forever: mootaUnavailable after maxAttempts, backing off exponentially up to the cap', async () => {
    const moota = await start();
    moota.failNext(503, 10);
    const { api, waits } = client(moota.url, { random: () => 0, maxDelayMs: 1500 });

    const error = await refusal(api.accounts());

    expect(error).toMatchObject({ kind: 'upstream', code: 'mootaUnavailable', params: { attempts: 4, reason: 'HTTP 503' } });
    expect(error.message).toBe('Moota did not answer properly after 4 attempts (last: HTTP 503); try again later.');
    expect(waits).toEqual([250, 500, 750]);
    expect(moota.requests).toHaveLength(4);
  });

  test('no answer: each attempt times out, then mootaUnavailable', async () => {
    const moota = await start();
    moota.hangNext(2);
    const error = await refusal(client(moota.url, { timeoutMs: 100, maxAttempts: 2 }).api.accounts());
    expect(error).toMatchObject({ code: 'mootaUnavailable', params: { attempts: 2, reason: 'no answer within 100 ms' } });
  });

  test('one hang, then an answer', async () => {
    const moota = await start();
    moota.hangNext(1);
    const accounts = await client(moota.url, { timeoutMs: 100 }).api.accounts();
    expect(accounts).toHaveLength(DEMO_ACCOUNTS.length);
    expect(moota.requests).toHaveLength(2);
  });

  test('nobody listening: a network error, retried, then mootaUnavailable', async () => {
    const moota = await start();
    const url = moota.url;
    await moota.close();
    fake = undefined;
    const error = await refusal(client(url, { maxAttempts: 2 }).api.accounts());
    expect(error).toMatchObject({ code: 'mootaUnavailable', params: { attempts: 2, reason: 'network error (ECONNREFUSED)' } });
  });

  test.each([400, 409, 422])('%i is not retried', async (status) => {
    const { fetch, calls } = scripted(() => Response.json({ message: 'Saldo poin Anda tidak mencukupi' }, { status }));
    const error = await refusal(client('http://moota.invalid/api/v2', { fetch }).api.refreshAccount('bnk_1'));
    expect(error).toMatchObject({
      kind: 'upstream',
      code: 'mootaRefused',
      params: { request: 'POST /bank/bnk_1/refresh', status, message: 'Saldo poin Anda tidak mencukupi' },
    });
    expect(calls).toHaveLength(1);
  });
});

describe('the token', () => {
  test.each([
    { name: 'a wrong token', token: 'tok-wrong' },
    { name: 'no token', token: '' },
  ])('$name: mootaTokenRejected at once', async ({ token }) => {
    const moota = await start();
    const { api, waits } = client(moota.url, { token });
    const error = await refusal(api.accounts());
    expect(error).toMatchObject({ kind: 'upstream', code: 'mootaTokenRejected', params: { status: 401 } });
    expect(error.message).toContain('The Moota token is wrong or expired');
    expect(waits).toEqual([]);
    expect(moota.requests).toHaveLength(1);
  });

  test('403 is a rejected token too', async () => {
    const { fetch } = scripted(() => Response.json({ message: 'Forbidden' }, { status: 403 }));
    const error = await refusal(client('http://moota.invalid/api/v2', { fetch }).api.accounts());
    expect(error).toMatchObject({ code: 'mootaTokenRejected', params: { status: 403 } });
  });

  test('goes out as a bearer token and never into an error, even when Moota echoes it', async () => {
    const { fetch, calls } = scripted(() => Response.json({ message: `token ${TOKEN} is not allowed here` }, { status: 422 }));
    const error = await refusal(client('http://moota.invalid/api/v2', { fetch }).api.tagMutation('mut_1', ['INV-1']));
    expect(new Headers(calls[0]!.init?.headers).get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(error.params.message).toBe('token [redacted] is not allowed here');
    for (const text of [error.message, inspect(error, { depth: 10 }), JSON.stringify(error), String(error.stack)]) {
      expect(text).not.toContain(TOKEN);
    }
  });

  test('a network failure carries no token either', async () => {
    const fetch = (async () => {
      throw new TypeError(`fetch failed for Bearer ${TOKEN}`);
    }) as typeof globalThis.fetch;
    const error = await refusal(client('http://moota.invalid/api/v2', { fetch, maxAttempts: 1 }).api.accounts());
    expect(error.code).toBe('mootaUnavailable');
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
  });
});

describe('requests to Moota', () => {
  test('refresh, resend and tag reach Moota as its SDK sends them', async () => {
    const mutations = fakeMutations({ count: 2 });
    const moota = await start({ mutations });
    const { api } = client(moota.url);
    const id = mutations[0]!.mutation_id;

    await api.refreshAccount(DEMO_ACCOUNTS[1]!.bankId);
    await api.resendWebhook(id);
    await api.tagMutation(id, ['INV-2026-000412', 'cocok']);

    expect(moota.requests.map(({ method, path, body, authorized }) => ({ method, path, body, authorized }))).toEqual([
      { method: 'POST', path: `/bank/${DEMO_ACCOUNTS[1]!.bankId}/refresh`, body: null, authorized: true },
      { method: 'POST', path: `/mutation/${id}/webhook`, body: null, authorized: true },
      { method: 'POST', path: `/tagging/mutation/${id}`, body: { name: ['INV-2026-000412', 'cocok'] }, authorized: true },
    ]);
    expect(moota.mutations()[0]!.taggings.map((tag) => tag.name)).toEqual(expect.arrayContaining(['INV-2026-000412', 'cocok']));
  });

  test('ids go into the path escaped', async () => {
    const { fetch, calls } = scripted(() => Response.json({ status: 'OK' }));
    await client('http://moota.invalid/api/v2/', { fetch }).api.resendWebhook('a/b?c');
    expect(calls[0]!.url).toBe('http://moota.invalid/api/v2/mutation/a%2Fb%3Fc/webhook');
  });

  test.each([
    {
      name: 'an unknown bank',
      call: (api: ReturnType<typeof client>['api']) => api.refreshAccount('bnk_nope'),
      request: 'POST /bank/bnk_nope/refresh',
    },
    {
      name: 'an unknown mutation',
      call: (api: ReturnType<typeof client>['api']) => api.resendWebhook('mut_nope'),
      request: 'POST /mutation/mut_nope/webhook',
    },
  ])('$name: mootaNotFound', async ({ call, request }) => {
    const moota = await start();
    const error = await refusal(call(client(moota.url).api));
    expect(error).toMatchObject({ kind: 'not_found', code: 'mootaNotFound', params: { request, message: 'Data tidak ditemukan' } });
  });

  test('a tag needs a name', async () => {
    const { fetch, calls } = scripted(() => Response.json({ message: 'OK' }));
    const { api } = client('http://moota.invalid/api/v2', { fetch });
    await expect(api.tagMutation('mut_1', [])).rejects.toThrow(RangeError);
    await expect(api.tagMutation('mut_1', [' '])).rejects.toThrow(RangeError);
    expect(calls).toHaveLength(0);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-28T03:00:00Z');
  test.each([
    { header: '5', expected: 5000 },
    { header: '0', expected: 0 },
    { header: '1.5', expected: 1500 },
    { header: 'Sat, 28 Nov 2026 03:01:00 GMT', expected: 60_000 },
    { header: 'Sat, 28 Nov 2026 02:59:00 GMT', expected: 0 },
    { header: 'soon', expected: null },
    { header: null, expected: null },
  ])('$header → $expected', ({ header, expected }) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
});
