import fc from 'fast-check';
import { beforeAll, describe, expect, test, vi } from 'vitest';

vi.mock('@/lib/next/auth', async () => ({ auth: (await import('@/tests/support/signed-in')).sessionOf }));

const { signedIn } = await import('@/tests/support/signed-in');
const { createUser } = await import('@/lib/auth/users');
const { resetDatabase } = await import('@/tests/support/database');
const { receiveTransfers } = await import('@/tests/support/mutations');
const { FUZZ_SEED, HOSTILE_TEXT, hostileText } = await import('@/tests/support/hostile');

type Route = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

/** The dashboard's JSON and CSV routes the pages poll and download, with the query parameters each reads. */
const ROUTES: Record<string, { route: Route; params: string[] }> = {
  'mutations/export': {
    route: (await import('@/app/api/dashboard/mutations/export/route')).GET,
    params: ['from', 'to', 'q', 'min', 'max', 'type', 'account', 'gap', 'origin'],
  },
  webhooks: { route: (await import('@/app/api/dashboard/webhooks/route')).GET, params: ['from', 'to', 'failed', 'source', 'run', 'cursor', 'limit'] },
  revenue: { route: (await import('@/app/api/dashboard/revenue/route')).GET, params: ['from', 'to', 'granularity'] },
  'revenue/export': { route: (await import('@/app/api/dashboard/revenue/export/route')).GET, params: ['from', 'to', 'granularity'] },
  'cash-flow': { route: (await import('@/app/api/dashboard/cash-flow/route')).GET, params: ['from', 'to', 'granularity', 'account'] },
  unmatched: { route: (await import('@/app/api/dashboard/unmatched/route')).GET, params: ['cursor', 'limit', 'keep'] },
  'unmatched/orders': { route: (await import('@/app/api/dashboard/unmatched/orders/route')).GET, params: ['q'] },
  'sync-runs': { route: (await import('@/app/api/dashboard/sync-runs/route')).GET, params: ['cursor', 'limit'] },
  'sync-runs/[id]': { route: (await import('@/app/api/dashboard/sync-runs/[id]/route')).GET, params: [] },
  'statements/[id]': { route: (await import('@/app/api/dashboard/statements/[id]/route')).GET, params: [] },
  overview: { route: (await import('@/app/api/dashboard/overview/route')).GET as Route, params: [] },
  changes: { route: (await import('@/app/api/dashboard/changes/route')).GET as Route, params: [] },
};

/** A GET as the page sends it: the query string built by URLSearchParams, so every value reaches the route as typed. */
async function get(name: string, query: Record<string, string>, id = '0190a0a0-0000-7000-8000-000000000000') {
  const url = new URL(`http://localhost/api/dashboard/${name.replace('/[id]', '/x')}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const response = await ROUTES[name]!.route(new Request(url), { params: Promise.resolve({ id }) });
  const text = await response.text();
  return { status: response.status, text };
}

beforeAll(async () => {
  await resetDatabase();
  signedIn.userId = (await createUser({ email: 'owner@dash.test', role: 'owner', password: 'long-enough-password' })).id;
  await receiveTransfers({ amount: 150_123, description: 'TRSF E-BANKING CR BUDI' });
});

describe("the review's cases: impossible years and NUL in the dashboard's filters are a 400 that says why", () => {
  const dated = ['mutations/export', 'webhooks', 'revenue', 'revenue/export', 'cash-flow'];
  test.each(dated.flatMap((name) => ['0000-01-01', '9999-12-31'].map((day) => [name, day] as const)))('%s with from=to=%s', async (name, day) => {
    const { status, text } = await get(name, { from: day, to: day });
    expect(status).toBe(400);
    expect(JSON.parse(text).error.message).toBe(`The from day (${day}) must be between 2000-01-01 and 2100-12-31.`);
  });

  test.each([
    ['mutations/export', 'q'],
    ['unmatched/orders', 'q'],
    ['unmatched', 'keep'],
    ['revenue', 'granularity'],
    ['webhooks', 'cursor'],
  ])('%s with a NUL in %s', async (name, param) => {
    const { status, text } = await get(name, { [param]: 'INV\0' });
    expect(status).toBe(400);
    expect(JSON.parse(text).error.message).toMatch(/contains a character that cannot be stored/);
  });

  test('a plausible range still answers', async () => {
    expect((await get('mutations/export', { from: '2000-01-01', to: '2100-12-31' })).status).toBe(200);
    expect((await get('revenue', { from: '2026-11-01', to: '2026-11-30' })).status).toBe(200);
  });
});

describe('fuzzing the dashboard API (fixed seed, bounded runs)', () => {
  const value = fc.oneof(
    fc.constantFrom('0000-01-01', '9999-12-31', '0001-01-01', '1999-12-31', '2026-11-28', '2100-12-31', '2101-01-01', 'day', 'week', 'month'),
    hostileText(60),
  );

  test.each(Object.keys(ROUTES))('%s: an answer, or a 4xx that says why; never a 5xx', async (name) => {
    const { params } = ROUTES[name]!;
    const query = params.length > 0 ? fc.dictionary(fc.constantFrom(...params), value, { maxKeys: params.length }) : fc.constant({});
    await fc.assert(
      fc.asyncProperty(query, fc.oneof(fc.uuid(), hostileText(40)), async (values, id) => {
        const { status, text } = await get(name, values, id);
        expect(status, text.slice(0, 300)).toBeLessThan(500);
        if (status >= 400) expect(JSON.parse(text).error.message).toMatch(/\S/);
      }),
      {
        seed: FUZZ_SEED,
        numRuns: 40,
        examples: HOSTILE_TEXT.slice(0, 12).map((text) => [Object.fromEntries(params.map((param) => [param, text])), text]),
      },
    );
  });
});
