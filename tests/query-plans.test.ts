import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test, vi } from 'vitest';
import { db } from '@/lib/db';
import { listMutations } from '@/lib/queries/mutations';
import { listOrders } from '@/lib/queries/orders';
import { listQueue, searchOrders } from '@/lib/reconcile/work-queue';
import { resetDatabase } from '@/tests/support/database';

/*
 * The planner's choice depends on the table's size and statistics, so these plans are read at a
 * realistic state, not with seq scans switched off: thousands of rows, analysed, and the
 * statements exactly as the code sends them (captured from the driver), explained as they are.
 */

const MUTATIONS = 10_000;
const ORDERS = 4_000;

beforeAll(async () => {
  await resetDatabase();
  await db().$executeRawUnsafe(`
    INSERT INTO deliveries (id, source_address, http_status, outcome, signature, headers, body, body_bytes)
    VALUES ('00000000-0000-7000-8000-000000000001', '127.0.0.1', 200, 'accepted', 'valid', '{}', '[]', 2)`);
  // A year of credits (every fifth a debit), nearly all settled; every hundredth credit waits for a person.
  await db().$executeRawUnsafe(`
    INSERT INTO mutations (id, moota_id, delivery_id, received_at, occurred_at, bank_id, account_number, type, amount,
                           description, note, taggings, processing, match_state)
    SELECT gen_random_uuid(), 'plan-' || i, '00000000-0000-7000-8000-000000000001', t, t, 'bnk_' || i % 5, '87301122' || i % 5, ty::mutation_type,
           (10 + (i * 7919) % 1990) * 1000 + 1 + (i * 104729) % 999,
           'TRSF E-BANKING ' || ty || ' ' || to_char(t, 'MMDD') || '/FTSCY/WS' || (10000 + i) || ' '
             || (ARRAY['BUDI SANTOSO', 'SITI RAHAYU', 'AGUS PRATAMA', 'DEWI LESTARI'])[1 + i % 4],
           CASE WHEN i % 10 = 0 THEN 'Pembayaran INV-' || (100000 + i) END, '[]', 'processed',
           (CASE WHEN ty = 'DB' THEN 'debit' WHEN i % 100 = 1 THEN 'unmatched' ELSE 'matched' END)::match_state
    FROM generate_series(1, ${MUTATIONS}) i,
         LATERAL (SELECT now() - interval '365 days' * (1 - i::float / ${MUTATIONS}) AS t, CASE WHEN i % 5 = 0 THEN 'DB' ELSE 'CR' END AS ty) x`);
  // A year of orders: mostly paid, a quarter expired, the last few still open.
  await db().$executeRawUnsafe(`
    INSERT INTO orders (id, reference, reference_key, customer_name, amount, unique_code, payable_amount, status, source, created_at)
    SELECT gen_random_uuid(), 'INV-' || (200000 + i), 'INV-' || (200000 + i), (ARRAY['Budi Santoso', 'Siti Rahayu', 'Agus Pratama'])[1 + i % 3],
           (10 + (i * 7919) % 1990) * 1000, 1 + i % 999, (10 + (i * 7919) % 1990) * 1000 + 1 + i % 999,
           (CASE WHEN i > ${ORDERS} - 20 THEN 'pending' WHEN i % 4 = 0 THEN 'expired' ELSE 'paid' END)::order_status, 'api',
           now() - interval '365 days' * (1 - i::float / ${ORDERS})
    FROM generate_series(1, ${ORDERS}) i`);
  // As autovacuum would: rows just inserted wait in the GIN pending lists, and until they are
  // moved into the trigram indexes the planner prices those indexes as if they were empty.
  await db().$executeRawUnsafe('VACUUM ANALYZE mutations, orders');
});

afterAll(resetDatabase);

interface Statement {
  text: string;
  values: unknown[];
}

/** Runs `work`, capturing the statements it sends (those `only` matches), then the names of the indexes each one's plan reads. */
async function indexesRead(work: () => Promise<unknown>, only = /./): Promise<string[][]> {
  const statements: Statement[] = [];
  const original = pg.Client.prototype.query;
  const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const query = args[0] as Partial<Statement> | string;
    if (
      typeof query === 'object' &&
      query.text &&
      /^\s*(SELECT|WITH)\b/i.test(query.text) &&
      /mutations|orders/.test(query.text) &&
      only.test(query.text)
    ) {
      statements.push({ text: query.text, values: query.values ?? [] });
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original);
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    const plans: string[][] = [];
    for (const statement of statements) {
      const { rows } = await client.query<{ 'QUERY PLAN': unknown }>({ text: `EXPLAIN (FORMAT JSON) ${statement.text}`, values: statement.values });
      plans.push([...new Set(indexNames(rows[0]!['QUERY PLAN']))]);
    }
    return plans;
  } finally {
    await client.end();
  }
}

function indexNames(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(indexNames);
  if (node === null || typeof node !== 'object') return [];
  const own = 'Index Name' in node && typeof node['Index Name'] === 'string' ? [node['Index Name']] : [];
  return [...own, ...Object.values(node).flatMap(indexNames)];
}

describe('the plans read the indexes made for them', () => {
  test('the work queue: its credits in order, and the expired orders near each amount', async () => {
    let page: Awaited<ReturnType<typeof listQueue>> | undefined;
    const read = (await indexesRead(async () => (page = await listQueue()))).flat();
    expect(page!.items).toHaveLength(50);
    expect(read).toContain('mutations_waiting_for_person_occurred_at_idx');
    expect(read).toContain('orders_expired_payable_amount_idx');
  });

  test('a busy queue sorted newest first or by amount reads the index in that order', async () => {
    // A backlog of a third of the credits: sorting them all would cost more than reading the index in order.
    const busy = `UPDATE mutations SET match_state = 'unmatched' WHERE type = 'CR' AND match_state = 'matched' AND moota_id ~ '[036]$'`;
    await db().$executeRawUnsafe(busy);
    await db().$executeRawUnsafe('ANALYZE mutations');
    try {
      for (const [sort, index] of [
        ['newest', 'mutations_waiting_for_person_occurred_at_idx'],
        ['amount', 'mutations_waiting_type_amount_idx'],
      ] as const) {
        let page: Awaited<ReturnType<typeof listQueue>> | undefined;
        const [list] = await indexesRead(async () => (page = await listQueue({ filters: { sort } })), /FROM mutations[\s\S]*ORDER BY/);
        expect(page!.items).toHaveLength(50);
        expect(list).toContain(index);
      }
    } finally {
      await db().$executeRawUnsafe(`UPDATE mutations SET match_state = 'matched' WHERE match_state = 'unmatched' AND moota_id ~ '[036]$'`);
      await db().$executeRawUnsafe('VACUUM ANALYZE mutations');
    }
  });

  test('a text search that matches nothing reads the trigram indexes, not the rows', async () => {
    let rows: unknown[] = [];
    const [list] = await indexesRead(async () => (rows = (await listMutations({ q: 'zzqqzz' })).rows));
    expect(rows).toEqual([]);
    expect(list).toEqual(expect.arrayContaining(['mutations_description_trgm_idx', 'mutations_note_trgm_idx']));
  });

  test('text of one or two characters, which no trigram index can serve, is not searched for', async () => {
    const all = (await listMutations({})).rows.map((r) => r.id);
    const [list] = await indexesRead(async () => expect((await listMutations({ q: 'zq' })).rows.map((r) => r.id)).toEqual(all));
    expect(list).not.toEqual(expect.arrayContaining(['mutations_description_trgm_idx']));
  });

  test('a narrow amount range reads the amount index', async () => {
    let amounts: bigint[] = [];
    const [list] = await indexesRead(async () => (amounts = (await listMutations({ min: 150_000n, max: 150_999n })).rows.map((r) => r.amount)));
    expect(amounts.length).toBeGreaterThan(0);
    expect(amounts.every((amount) => amount >= 150_000n && amount <= 150_999n)).toBe(true);
    expect(list).toContain('mutations_amount_idx');
  });

  test('orders by reference and by customer read their trigram indexes', async () => {
    let references: string[] = [];
    const [byReference] = await indexesRead(async () => (references = (await listOrders({ q: 'inv-201234' })).rows.map((r) => r.reference)));
    expect(references).toEqual(['INV-201234']);
    expect(byReference).toContain('orders_reference_key_trgm_idx');
    const [byCustomer] = await indexesRead(() => listOrders({ q: 'zzqqzz' }));
    expect(byCustomer).toContain('orders_customer_name_trgm_idx');
  });

  test("the order picker's search by amount reads the amount indexes", async () => {
    const [search] = await indexesRead(() => searchOrders('150000'));
    expect(search).toEqual(expect.arrayContaining(['orders_amount_idx', 'orders_payable_amount_idx']));
  });
});
