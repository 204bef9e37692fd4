/** Loading: open orders in bulk SQL, credits through the real intake, then a quiet database. */
import pg from 'pg';
import { uuidv7 } from '@/lib/ids';
import { storeAcceptedDelivery } from '@/lib/intake/store-delivery';
import { parseDelivery, redactSecrets } from '@/lib/moota/payload';
import { mulberry32, signedDelivery, type MootaGenerator } from '@/lib/sandbox/moota-generator';
import { fmt, progressReporter, say, seconds, sleep } from '../lib/basics';
import { countQueued } from './queue';
import { MUTATIONS_PER_DELIVERY, PARALLEL_DELIVERIES, SECRET, SEED } from './setup';

const ORDER_CHUNK = 10_000;

/** Deterministic shuffling for the credits' order. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * Open orders in bulk, `count` of them: base amounts `firstBase`, +5,000, +10,000, … each with unique
 * codes 1..999 on top, so every payable amount is distinct. Returns the payable amounts.
 */
export async function insertOrders(sql: pg.Client, options: { count: number; prefix: string; firstBase: number; label: string }): Promise<bigint[]> {
  const createdAt = new Date(Date.now() - 5 * 60_000);
  const expiresAt = new Date(Date.now() + 365 * 24 * 3_600_000);
  const payables: bigint[] = [];
  const progress = progressReporter(options.label, options.count);
  for (let from = 0; from < options.count; from += ORDER_CHUNK) {
    const ids: string[] = [];
    const references: string[] = [];
    const bases: number[] = [];
    const codes: number[] = [];
    for (let index = from; index < Math.min(from + ORDER_CHUNK, options.count); index++) {
      const base = options.firstBase + 5_000 * Math.floor(index / 999);
      const code = 1 + (index % 999);
      ids.push(uuidv7(createdAt.getTime()));
      references.push(`${options.prefix}${String(index + 1).padStart(7, '0')}`);
      bases.push(base);
      codes.push(code);
      payables.push(BigInt(base + code));
    }
    await sql.query(
      `INSERT INTO orders (id, reference, reference_key, amount, unique_code, payable_amount, status, source, created_at, expires_at)
       SELECT id, reference, upper(reference), base, code, base + code, 'pending', 'api', $5, $6
       FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::int[]) AS o(id, reference, base, code)`,
      [ids, references, bases, codes, createdAt, expiresAt],
    );
    progress(from + ids.length);
  }
  return payables;
}

/** Credits of the given amounts, stored the way the webhook stores them, in deliveries of 100. */
export async function storeCredits(generator: MootaGenerator, amounts: readonly bigint[], label: string): Promise<void> {
  const deliveries = Math.ceil(amounts.length / MUTATIONS_PER_DELIVERY);
  const progress = progressReporter(label, amounts.length);
  let next = 0;
  let stored = 0;
  const sender = async () => {
    for (;;) {
      const index = next++;
      if (index >= deliveries) return;
      const slice = amounts.slice(index * MUTATIONS_PER_DELIVERY, (index + 1) * MUTATIONS_PER_DELIVERY);
      const body = JSON.stringify(slice.map((amount) => generator.mutation({ amount, type: 'CR' })));
      const json: unknown = JSON.parse(body);
      const parsed = parseDelivery(json);
      if (!parsed.ok) throw new Error(`the generator made a delivery the intake refuses: ${parsed.error}`);
      const headers = Object.fromEntries(Object.entries(signedDelivery(body, SECRET)).map(([name, value]) => [name.toLowerCase(), value]));
      const result = await storeAcceptedDelivery(
        { receivedAt: new Date(), sourceAddress: '127.0.0.1', headers, bodyBytes: Buffer.byteLength(body) },
        JSON.stringify(redactSecrets(json)),
        parsed.mutations,
      );
      if (result.accepted !== slice.length) {
        throw new Error(`a delivery of ${slice.length} credits was stored with ${result.accepted} accepted, ${result.duplicates} duplicates`);
      }
      stored += result.accepted;
      progress(stored);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_DELIVERIES }, sender));
}

/**
 * Waits for the database to finish what loading left it (a checkpoint, autovacuum of the new
 * rows), so that the floor is timed on a quiet machine and the end-to-end run starts from one.
 */
export async function settleDatabase(sql: pg.Client): Promise<void> {
  const started = performance.now();
  await sql.query('CHECKPOINT');
  for (;;) {
    const { rows } = await sql.query<{ busy: string }>(
      `SELECT count(*) AS busy FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' AND state = 'active'`,
    );
    if (Number(rows[0]!.busy) === 0 || performance.now() - started > 120_000) break;
    await sleep(250);
  }
  say(`Database settled (checkpoint, autovacuum done) in ${seconds(performance.now() - started)}`);
}

/** `orders` open orders (bulk SQL) and `credits` credits paying some of them through the intake, each with its job; no worker yet. */
export async function loadOrdersAndCredits(sql: pg.Client, generator: MootaGenerator, counts: { orders: number; credits: number }) {
  let began = performance.now();
  const payables = await insertOrders(sql, { count: counts.orders, prefix: 'BENCH-', firstBase: 10_000, label: 'orders inserted' });
  const ordersMs = performance.now() - began;
  began = performance.now();
  await storeCredits(generator, shuffled(payables, SEED).slice(0, counts.credits), 'credits stored through the intake');
  const creditsMs = performance.now() - began;
  // What autovacuum does soon after a bulk load; without it the first plans are made blind.
  await sql.query('ANALYZE');
  const queued = await countQueued(sql);
  if (queued !== counts.credits) throw new Error(`expected ${counts.credits} mutations in process-mutation jobs, found ${queued}`);
  say(`Loaded: ${fmt(counts.orders)} orders in ${seconds(ordersMs)}, ${fmt(counts.credits)} credits (${fmt(queued)} jobs) in ${seconds(creditsMs)}`);
  return { ordersMs, creditsMs };
}
