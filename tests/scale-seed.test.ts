import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createProgressBar, progressLine } from '@/bench/lib/progress-bar';
import { CREDIT_ROLES, planScale, shareOfDayBy, type ScaleOptions } from '@/bench/lib/scale-plan';
import { emptyDataTables, holdsData, seedScale, summarize } from '@/bench/lib/scale-seed';
import { checkInvariants } from '@/lib/reconcile/invariants';
import { resetDatabase } from '@/tests/support/database';

const NOW = new Date('2026-12-03T10:30:00Z');
const SMALL: ScaleOptions = { mutations: 3_000, orders: 900, days: 10, accounts: 5, seed: 7, now: NOW };

describe('planScale', () => {
  test.each([
    ['a year', { ...SMALL, mutations: 1_000_000, orders: 300_000, days: 365 }],
    ['ten days', SMALL],
    ['more orders than credits can pay', { ...SMALL, orders: 50_000 }],
    ['one account', { ...SMALL, accounts: 1 }],
  ])('%s: days in order covering every mutation, role shares adding up to one', (_, options) => {
    const plan = planScale(options);
    expect(plan.dayStarts).toHaveLength(options.days + 1);
    expect(plan.dayStarts[0]).toBe(0);
    expect(plan.dayStarts.at(-1)).toBe(options.mutations);
    expect(plan.dayStarts.every((start, i) => i === 0 || start >= plan.dayStarts[i - 1]!)).toBe(true);
    expect(CREDIT_ROLES.reduce((sum, role) => sum + plan.roleShares[role], 0)).toBeCloseTo(1, 9);
    expect(CREDIT_ROLES.every((role) => plan.roleShares[role] >= 0)).toBe(true);
    expect(plan.accounts).toHaveLength(options.accounts);
  });

  test('the last day only holds what has happened by ten minutes ago (17:20 in Jakarta)', () => {
    const plan = planScale(SMALL);
    expect(plan.lastDayShare).toBeCloseTo(shareOfDayBy(17 + 20 / 60), 9);
    expect(plan.firstDay).toBe('2026-11-24');
  });

  test.each([
    [0, 0],
    [6, 0.02],
    [11, 0.29],
    [24, 1],
  ])('by %s o’clock %s of the day’s transfers have happened', (hour, share) => {
    expect(shareOfDayBy(hour)).toBeCloseTo(share, 9);
  });
});

describe('progress bar', () => {
  test('the line shows the share done, the step and the time', () => {
    expect(progressLine(1, 4, 'mutations 1/4', 12_345)).toBe(`[########......................]  25%  mutations 1/4  12.3 s`);
  });

  test('without a terminal it writes one plain line per step', () => {
    const written: string[] = [];
    let now = 0;
    const bar = createProgressBar(10, { isTTY: false, write: (text: string) => written.push(text) }, () => now);
    bar.update(0, 'orders');
    now = 1_000;
    bar.update(2, 'orders');
    bar.update(5, 'history');
    bar.finish('built');
    expect(written).toEqual([
      '[..............................]   0%  orders  0.0 s\n',
      '[###############...............]  50%  history  1.0 s\n',
      '[##############################] 100%  built  1.0 s\n',
    ]);
  });

  test('on a terminal it redraws one line', () => {
    const written: string[] = [];
    const bar = createProgressBar(2, { isTTY: true, columns: 60, write: (text: string) => written.push(text) }, () => 0);
    bar.update(1, 'orders');
    expect(written).toEqual([`\r${'[###############...............]  50%  orders  0.0 s'.padEnd(59)}`]);
  });
});

describe('seedScale', () => {
  const clients = [0, 1].map(() => new pg.Client({ connectionString: process.env.DATABASE_URL }));
  const query = async <Row extends pg.QueryResultRow>(text: string) => (await clients[0]!.query<Row>(text)).rows;

  beforeAll(async () => {
    for (const client of clients) await client.connect();
  });
  afterAll(async () => {
    for (const client of clients) await client.end();
    await resetDatabase();
  });
  beforeEach(resetDatabase);

  test('builds the asked-for counts, every kind of transfer and order, and data every invariant holds for', async () => {
    expect(await holdsData(clients[0]!)).toBe(false);
    await seedScale(clients, planScale(SMALL));

    const summary = await summarize(clients[0]!);
    expect(summary.rows.mutations).toBe(SMALL.mutations);
    expect(summary.rows.orders).toBe(SMALL.orders);
    expect(Object.keys(summary.mutations).sort()).toEqual(['debit', 'ignored', 'matched', 'review', 'suggested', 'unmatched']);
    expect(Object.keys(summary.orders).sort()).toEqual(['cancelled', 'expired', 'overpaid', 'paid', 'pending', 'underpaid']);
    expect(Object.keys(summary.deliveries).sort()).toEqual(['accepted', 'partial', 'rejected']);
    expect(summary.rows.accounts).toBe(SMALL.accounts);
    expect(await checkInvariants({ executeSql: (text, values) => clients[0]!.query(text, values) })).toEqual({ violations: [], counts: {} });

    const [facts] = await query<{ after_now: number; open: number; open_expired: number; without_delivery: number; actors: string[] }>(`
      SELECT (SELECT count(*) FROM mutations WHERE occurred_at > '${NOW.toISOString()}' OR received_at > '${NOW.toISOString()}')::int AS after_now,
        (SELECT count(*) FROM orders WHERE status = 'pending')::int AS open,
        (SELECT count(*) FROM orders WHERE status = 'pending' AND expires_at <= '${NOW.toISOString()}')::int AS open_expired,
        (SELECT count(*) FROM deliveries d WHERE outcome = 'accepted' AND accepted > 0
           AND accepted <> (SELECT count(*) FROM mutations m WHERE m.delivery_id = d.id))::int AS without_delivery,
        (SELECT array_agg(DISTINCT actor ORDER BY actor) FROM history) AS actors`);
    expect(facts).toEqual({
      after_now: 0,
      open: 40,
      open_expired: 0,
      without_delivery: 0,
      actors: ['api:Toko Online', 'finance@cocok.local', 'owner@cocok.local', 'system'],
    });
    // Suggestions and reviews hold their candidates as the matcher stores them.
    const candidates = await query<{ state: string; candidates: { orderId: string; reasons: string[] }[] }>(
      `SELECT match_state::text AS state, match_candidates AS candidates FROM mutations WHERE match_state IN ('suggested', 'review') LIMIT 50`,
    );
    for (const { state, candidates: list } of candidates) {
      expect(list).toHaveLength(state === 'review' ? 2 : 1);
      expect(list.every((candidate) => typeof candidate.orderId === 'string' && candidate.reasons.length > 0)).toBe(true);
    }
  });

  test('the same seed builds the same rows; another seed other ones', async () => {
    const fingerprint = async () =>
      (
        await query<{ md5: string }>(
          `SELECT md5(string_agg(concat_ws('|', id, moota_id, amount, balance, description, match_state, occurred_at), ',' ORDER BY id)) FROM mutations`,
        )
      )[0]!.md5;
    const small = { ...SMALL, mutations: 1_500, orders: 450 };
    await seedScale(clients, planScale(small));
    const first = await fingerprint();
    await emptyDataTables(clients[0]!);
    expect(await holdsData(clients[0]!)).toBe(false);
    await seedScale(clients, planScale(small));
    expect(await fingerprint()).toBe(first);
    await emptyDataTables(clients[0]!);
    await seedScale(clients, planScale({ ...small, seed: 8 }));
    expect(await fingerprint()).not.toBe(first);
  });
});
