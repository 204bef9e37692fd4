/**
 * Matching: how fast stored credits are matched to open orders, against a pure in-memory floor,
 * and how soon one webhook delivery pays its order on an idle system.
 *
 *   1. a fresh embedded PostgreSQL, migrated, queues prepared;
 *   2. --orders open orders (bulk SQL) and --credits credits paying them, stored through the real
 *      intake (`storeAcceptedDelivery`, 100 a delivery, each with its process-mutation job), no worker yet;
 *   3. in-memory floor: the same orders and credits in arrays, candidates from Maps (payable amount,
 *      reference key), `decideMatch` on each;
 *   4. end to end: --workers `scripts/worker.ts` processes (the product runs one beside the web
 *      server, at a lower priority) until every credit is processed; every order paid exactly once.
 *      The rate is over "queue to paid": from the worker's first fetch from the queue to the last
 *      credit processed, by the database's clock; the rate counting the worker process's start-up is printed beside it;
 *      then, with --profile > 0, a smaller sample through an in-process worker with every SQL
 *      statement timed, to show where the time goes;
 *   5. latency: the production server (`scripts/start.ts`, which runs its own worker process),
 *      --latency fresh orders, each paid by one signed delivery to its webhook, one at a time:
 *      time from the 200 answer until the order reads as paid;
 *   6. a table with PASS/MISS lines, and bench/results/match.json.
 *
 * npm run bench:match -- [--orders 100000] [--credits 100000] [--workers 1] [--worker-nice 0] [--profile 5000]
 *                         [--latency 50] [--cpu-profile] [--wake-ms 0]
 *
 * The end-to-end run stops after 15 minutes (--timeout-minutes, at most 15): its rate is then what was processed by then, the
 * credits left are removed (so that the latency run finds an idle queue), and the bench exits 1.
 *
 * --wake-ms N: during the end-to-end run, NOTIFY the workers' channel every N ms (100 is plenty: every notice
 * makes each of the worker's loops fetch, so very short periods flood the queue), as a steady
 * stream of incoming deliveries does. Without it the backlog drains the way pg-boss polls:
 * a worker loop that finished its batch early waits out the rest of its polling interval.
 * The profile run always wakes its worker this way, to show what processing itself costs.
 *
 * --worker-nice: the product starts its worker at nice 10 beside the web server; on a machine
 * shared with other work that starves it, so the end-to-end run uses 0 unless told otherwise.
 * --cpu-profile: the end-to-end worker writes a V8 CPU profile (bench/results/cpu-profile/), summarised
 * by package and by function.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '@/lib/database/embedded';
import { applyMigrations } from '@/lib/database/migrate';
import { db, sqlPool } from '@/lib/db';
import { uuidv7 } from '@/lib/ids';
import { storeAcceptedDelivery } from '@/lib/intake/store-delivery';
import { JOBS_CHANNEL, QUEUES } from '@/lib/jobs/queue';
import { prepareQueues, startWorker, type Worker } from '@/lib/jobs/worker';
import { parseDelivery, redactSecrets } from '@/lib/moota/payload';
import { createOrder } from '@/lib/orders/create-order';
import {
  MUTATION_COLUMNS,
  mutationFromRow,
  ORDER_COLUMNS,
  orderFromRow,
  type MutationRow,
  type OrderRow,
} from '@/lib/reconcile/locks';
import { decideMatch, mutationReferenceTokens, type MatchSettings, type MutationFacts, type OrderFacts } from '@/lib/reconcile/rules';
import { createMootaGenerator, mulberry32, signedDelivery, type MootaGenerator } from '@/lib/sandbox/moota-generator';
import { loadSettings } from '@/lib/settings/store';
import {
  assertPortFree,
  describeFailure,
  isRunning,
  launch,
  loadAverage,
  machineInfo,
  makeTempDir,
  percentile,
  postWebhook,
  RESULTS_DIR,
  root,
  round,
  say,
  sleep,
  stopServer,
  waitUntilAnswering,
  type ChildServer,
} from './support';

const DATABASE_PORT = 55650;
const SERVER_PORT = 3997;
const MUTATIONS_PER_DELIVERY = 100;
const PARALLEL_DELIVERIES = 4;
const ORDER_CHUNK = 10_000;
const POLL_MS = 250;
const PROGRESS_EVERY_MS = 2_000;
const PROFILE_TIMEOUT_MS = 5 * 60_000;
// The first start may include a production build.
const SERVER_START_TIMEOUT_MS = 15 * 60_000;
const WORKER_READY_TIMEOUT_MS = 60_000;
const QUEUE_EMPTY_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 10_000;
const PAID_POLL_MS = 2;
const PAID_TIMEOUT_MS = 10_000;
const IDLE_BETWEEN_MS = 100;
const LATENCY_WARMUP = 3;
const FLOOR_PASSES = 3;
const PROFILE_WAKE_MS = 100;
/** What lib/runtime/worker-process.ts gives the worker beside the web server. */
const PRODUCT_WORKER_NICE = 10;
const CPU_PROFILE_DIR = path.join(RESULTS_DIR, 'cpu-profile');
const TARGET_RATIO = 20;
const TARGET_MEDIAN_MS = 50;
const SEED = 20_261_128;
const SECRET = `bench-${randomBytes(12).toString('hex')}`;
const WORKER_READY_LINE = 'worker is processing jobs';

const fmt = (value: number) => Math.round(value).toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------------------- options

interface Options {
  orders: number;
  credits: number;
  workers: number;
  workerNice: number;
  profile: number;
  latency: number;
  cpuProfile: boolean;
  wakeMs: number;
  /** The end-to-end run's time limit. */
  timeoutMs: number;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      orders: { type: 'string', default: '100000' },
      credits: { type: 'string', default: '100000' },
      workers: { type: 'string', default: '1' },
      'worker-nice': { type: 'string', default: '0' },
      'cpu-profile': { type: 'boolean', default: false },
      profile: { type: 'string', default: '5000' },
      latency: { type: 'string', default: '50' },
      'wake-ms': { type: 'string', default: '0' },
      'timeout-minutes': { type: 'string', default: '15' },
    },
  });
  const whole = (flag: 'orders' | 'credits' | 'workers' | 'worker-nice' | 'profile' | 'latency' | 'wake-ms' | 'timeout-minutes', min: number, max: number) => {
    const text = values[flag];
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      throw new Error(`--${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
    }
    return Number(text);
  };
  const orders = whole('orders', 1, 1_000_000);
  return {
    orders,
    credits: whole('credits', 1, orders),
    workers: whole('workers', 1, 8),
    workerNice: whole('worker-nice', 0, 19),
    profile: whole('profile', 0, 50_000),
    latency: whole('latency', 1, 1000),
    cpuProfile: values['cpu-profile'],
    wakeMs: whole('wake-ms', 0, 10_000),
    timeoutMs: whole('timeout-minutes', 1, 15) * 60_000,
  };
}

// ---------------------------------------------------------------------------- progress

function progressReporter(label: string, total: number) {
  const started = performance.now();
  let lastPrinted = 0;
  return (done: number, extra = '') => {
    const now = performance.now();
    if (done < total && now - lastPrinted < PROGRESS_EVERY_MS) return;
    lastPrinted = now;
    const rate = done / ((now - started) / 1000);
    say(`${label}: ${fmt(done)}/${fmt(total)} (${Math.floor((100 * done) / total)}%), ${fmt(rate)}/s${extra}`);
  };
}

// ---------------------------------------------------------------------------- CPU accounting

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime, stime, cutime, cstime (ms) and parent pid of a process, from /proc. */
function processTimes(pid: number): { own: number; children: number; ppid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const tick = (i: number) => (Number(fields[i]) * 1000) / CLOCK_TICKS;
    // fields[0] is field 3 (state): ppid is field 4, utime..cstime fields 14..17.
    return { ppid: Number(fields[1]), own: tick(11) + tick(12), children: tick(13) + tick(14) };
  } catch {
    return null;
  }
}

/** CPU ms the PostgreSQL server has used: the postmaster, its live backends, and those that exited. */
function postgresCpuMs(postmasterPid: number | null): number {
  if (postmasterPid === null) return Number.NaN;
  const postmaster = processTimes(postmasterPid);
  if (!postmaster) return Number.NaN;
  let total = postmaster.own + postmaster.children;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const times = processTimes(Number(entry));
    if (times && times.ppid === postmasterPid) total += times.own;
  }
  return total;
}

const processCpuMs = (pid: number | undefined) => {
  const times = pid === undefined ? null : processTimes(pid);
  return times ? times.own : Number.NaN;
};

const ownCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

function readPostmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

// ---------------------------------------------------------------------------- loading

/** Deterministic shuffling for the credits' order. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
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
async function insertOrders(
  sql: pg.Client,
  options: { count: number; prefix: string; firstBase: number; label: string },
): Promise<bigint[]> {
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
async function storeCredits(generator: MootaGenerator, amounts: readonly bigint[], label: string): Promise<void> {
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
      const headers = Object.fromEntries(
        Object.entries(signedDelivery(body, SECRET)).map(([name, value]) => [name.toLowerCase(), value]),
      );
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

// ---------------------------------------------------------------------------- in-memory floor

/** The open orders and waiting credits, read the way the worker reads them. */
async function loadFacts(sql: pg.Client): Promise<{ orders: OrderFacts[]; mutations: MutationFacts[] }> {
  const orders = await sql.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE status = 'pending'`);
  const mutations = await sql.query<MutationRow>(
    `SELECT ${MUTATION_COLUMNS} FROM mutations WHERE processing = 'received' ORDER BY id`,
  );
  return { orders: orders.rows.map(orderFromRow), mutations: mutations.rows.map(mutationFromRow) };
}

/**
 * One pass over the credits, as the worker does it but without a database: the open orders
 * whose payable amount is within tolerance (a Map by amount, like the database's index), plus
 * those a VA order id or a word of the text names (a Map by reference key), then `decideMatch`.
 * A matched order stops being open. The Maps are built before the clock starts, as an index is.
 */
function floorPass(source: readonly OrderFacts[], mutations: readonly MutationFacts[], settings: MatchSettings) {
  const orders = source.map((order) => ({ ...order }));
  const byId = new Map(orders.map((order) => [order.id, order]));
  const byAmount = new Map<bigint, OrderFacts[]>();
  const byKey = new Map<string, OrderFacts>();
  for (const order of orders) {
    const same = byAmount.get(order.payableAmount);
    if (same) same.push(order);
    else byAmount.set(order.payableAmount, [order]);
    byKey.set(order.reference.toUpperCase(), order);
  }
  const exactAmounts = settings.underpaidTolerance === 0n && settings.overpaidTolerance === 0n;
  let matched = 0;
  const started = performance.now();
  for (const mutation of mutations) {
    const candidates: OrderFacts[] = [];
    if (exactAmounts) {
      for (const order of byAmount.get(mutation.amount) ?? []) if (order.status === 'pending') candidates.push(order);
    } else {
      for (let amount = mutation.amount - settings.overpaidTolerance; amount <= mutation.amount + settings.underpaidTolerance; amount++) {
        for (const order of byAmount.get(amount) ?? []) if (order.status === 'pending') candidates.push(order);
      }
    }
    const keys = mutationReferenceTokens(mutation);
    if (mutation.paymentOrderId) keys.push(mutation.paymentOrderId.trim().toUpperCase());
    for (const key of keys) {
      const order = byKey.get(key);
      if (order?.status === 'pending') candidates.push(order);
    }
    const decision = decideMatch(mutation, candidates, settings);
    if (decision.kind === 'matched') {
      byId.get(decision.orderId)!.status = decision.orderStatus;
      matched += 1;
    }
  }
  const ms = performance.now() - started;
  return { ms, matched, perSecond: mutations.length / (ms / 1000) };
}

/**
 * Waits for the database to finish what loading left it (a checkpoint, autovacuum of the new
 * rows), so that the floor is timed on a quiet machine and the end-to-end run starts from one.
 */
async function settleDatabase(sql: pg.Client): Promise<void> {
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

// ---------------------------------------------------------------------------- waking the workers

/**
 * NOTIFYs the channel the workers LISTEN on every `everyMs`, as each stored delivery does: a
 * notified pg-boss loop fetches again at once instead of waiting out its polling interval.
 */
function startWaker(sql: pg.Client, everyMs: number): { stop(): Promise<void>; count(): number } {
  let sent = 0;
  let inFlight: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (inFlight) return;
    inFlight = sql
      .query(`SELECT pg_notify('${JOBS_CHANNEL}', '${QUEUES.processMutation}')`)
      .then(() => (sent += 1))
      .catch(() => {})
      .finally(() => (inFlight = undefined));
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
    count: () => sent,
  };
}

// ---------------------------------------------------------------------------- round trips

/** Median and p90 of a trivial statement's round trip, the unit every per-credit statement pays. */
async function roundTrip(sql: pg.Client, count = 200): Promise<{ p50Ms: number; p90Ms: number }> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await sql.query({ name: 'bench_round_trip', text: 'SELECT 1' });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: round(percentile(times, 50), 3), p90Ms: round(percentile(times, 90), 3) };
}

// ---------------------------------------------------------------------------- end to end

async function countWaiting(sql: pg.Client): Promise<number> {
  const { rows } = await sql.query<{ waiting: string }>({
    name: 'bench_waiting',
    text: `SELECT count(*) AS waiting FROM mutations WHERE processing = 'received'`,
  });
  return Number(rows[0]!.waiting);
}

/** Cheap enough to ask four times a second: counting waiting credits walks their dead index entries. */
async function countPayments(sql: pg.Client): Promise<number> {
  const { rows } = await sql.query<{ payments: string }>({ name: 'bench_payments', text: 'SELECT count(*) AS payments FROM payments' });
  return Number(rows[0]!.payments);
}

/** Mutations waiting in process-mutation jobs (a job carries a delivery's mutations). */
async function countQueued(sql: pg.Client): Promise<number> {
  const { rows } = await sql.query<{ queued: string }>(
    `SELECT coalesce(sum(jsonb_array_length(data->'mutationIds')), 0) AS queued FROM pgboss.job
     WHERE name = 'process-mutation' AND state IN ('created', 'retry', 'active')`,
  );
  return Number(rows[0]!.queued);
}

interface PaymentCheck {
  ordersPaid: number;
  payments: number;
  distinctOrders: number;
  distinctMutations: number;
  ordersPaidTwice: number;
  mutationsUsedTwice: number;
  wrongAmounts: number;
  creditsMatched: number;
  creditsNotMatched: number;
  dead: number;
  pass: boolean;
}

/** Every order with a matching credit paid exactly once, by a credit of its payable amount. */
async function checkPayments(sql: pg.Client, prefix: string, expected: number): Promise<PaymentCheck> {
  const { rows } = await sql.query<Record<string, string>>(
    `WITH ours AS (SELECT id, payable_amount, status FROM orders WHERE reference LIKE $1 || '%'),
          active AS (SELECT p.* FROM payments p JOIN ours o ON o.id = p.order_id WHERE p.undone_at IS NULL)
     SELECT
       (SELECT count(*) FROM ours WHERE status = 'paid') AS orders_paid,
       (SELECT count(*) FROM active) AS payments,
       (SELECT count(DISTINCT order_id) FROM active) AS distinct_orders,
       (SELECT count(DISTINCT mutation_id) FROM active) AS distinct_mutations,
       (SELECT count(*) FROM (SELECT order_id FROM payments WHERE undone_at IS NULL GROUP BY order_id HAVING count(*) > 1) d) AS orders_paid_twice,
       (SELECT count(*) FROM (SELECT mutation_id FROM payments WHERE undone_at IS NULL GROUP BY mutation_id HAVING count(*) > 1) d) AS mutations_used_twice,
       (SELECT count(*) FROM active a JOIN ours o ON o.id = a.order_id JOIN mutations m ON m.id = a.mutation_id
         WHERE m.amount <> o.payable_amount OR a.amount <> m.amount) AS wrong_amounts,
       (SELECT count(*) FROM mutations WHERE match_state = 'matched') AS credits_matched,
       (SELECT count(*) FROM mutations WHERE match_state <> 'matched') AS credits_not_matched,
       (SELECT count(*) FROM mutations WHERE processing = 'dead') AS dead`,
    [prefix],
  );
  const row = Object.fromEntries(Object.entries(rows[0]!).map(([key, value]) => [key, Number(value)]));
  const check = {
    ordersPaid: row.orders_paid!,
    payments: row.payments!,
    distinctOrders: row.distinct_orders!,
    distinctMutations: row.distinct_mutations!,
    ordersPaidTwice: row.orders_paid_twice!,
    mutationsUsedTwice: row.mutations_used_twice!,
    wrongAmounts: row.wrong_amounts!,
    creditsMatched: row.credits_matched!,
    creditsNotMatched: row.credits_not_matched!,
    dead: row.dead!,
  };
  return {
    ...check,
    pass:
      check.ordersPaid === expected &&
      check.payments === expected &&
      check.distinctOrders === expected &&
      check.distinctMutations === expected &&
      check.ordersPaidTwice === 0 &&
      check.mutationsUsedTwice === 0 &&
      check.wrongAmounts === 0 &&
      check.dead === 0,
  };
}

interface EndToEnd {
  workerProcesses: number;
  /** Stopped at the time limit: the figures are for the credits processed by then. */
  aborted: boolean;
  processed: number;
  wakeMs: number;
  wallMs: number;
  /** Credits per second from the worker's first fetch from the queue to the last credit processed: the ratio's figure. */
  perSecond: number;
  /** From the worker's first fetch to the last credit processed (database timestamps). */
  queueToPaidMs: number;
  /** Credits per second over the whole run, the worker process's start-up (tsx, migrations check, pg-boss) included. */
  perSecondWithStartUp: number;
  firstToLastProcessedMs: number;
  perSecondWhileProcessing: number;
  cpu: { workerMs: number; postgresMs: number; benchMs: number; windowMs: number; credits: number };
  cpuProfile?: CpuProfileSummary;
  /** What PostgreSQL wrote to its write-ahead log during the run, per credit processed. */
  wal: WalPerCredit;
  /** pg_stat_activity sampled at every poll: the share of samples in which each kind of statement ran. */
  databaseActivity: { samples: number; busyShare: number; byStatement: { kind: string; share: number }[] };
}

interface WalSnapshot {
  records: number;
  fullPageImages: number;
  bytes: number;
  checkpoints: number;
}

interface WalPerCredit {
  records: number;
  fullPageImages: number;
  bytes: number;
  checkpoints: number;
}

async function walSnapshot(sql: pg.Client): Promise<WalSnapshot> {
  const { rows } = await sql.query<{ wal_records: string; wal_fpi: string; wal_bytes: string; checkpoints: string }>(
    `SELECT wal_records, wal_fpi, wal_bytes, (SELECT num_timed + num_requested FROM pg_stat_checkpointer) AS checkpoints FROM pg_stat_wal`,
  );
  const row = rows[0]!;
  return { records: Number(row.wal_records), fullPageImages: Number(row.wal_fpi), bytes: Number(row.wal_bytes), checkpoints: Number(row.checkpoints) };
}

function walPerCredit(before: WalSnapshot, after: WalSnapshot, credits: number): WalPerCredit {
  const per = (value: number) => round(value / Math.max(1, credits), 2);
  return {
    records: per(after.records - before.records),
    fullPageImages: per(after.fullPageImages - before.fullPageImages),
    bytes: Math.round((after.bytes - before.bytes) / Math.max(1, credits)),
    checkpoints: after.checkpoints - before.checkpoints,
  };
}

async function runEndToEnd(
  sql: pg.Client,
  options: {
    url: string;
    credits: number;
    workers: number;
    nice: number;
    cpuProfile: boolean;
    wakeMs: number;
    timeoutMs: number;
    waker: pg.Client;
    postmasterPid: number | null;
    children: ChildServer[];
  },
): Promise<EndToEnd> {
  const waitingAtStart = await countWaiting(sql);
  if (waitingAtStart !== options.credits) throw new Error(`expected ${options.credits} credits waiting, found ${waitingAtStart}`);
  const progress = progressReporter('processed', options.credits);
  const walBefore = await walSnapshot(sql);
  const started = performance.now();
  const workers: ChildServer[] = [];
  if (options.cpuProfile) {
    rmSync(CPU_PROFILE_DIR, { recursive: true, force: true });
    mkdirSync(CPU_PROFILE_DIR, { recursive: true });
  }
  const nodeArgs = options.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : [];
  for (let i = 0; i < options.workers; i++) {
    const worker = launch(
      `worker-${i + 1}`,
      'scripts/worker.ts',
      { ...process.env, DATABASE_URL: options.url },
      path.join(RESULTS_DIR, `match-worker-${i + 1}.log`),
      nodeArgs,
    );
    options.children.push(worker);
    workers.push(worker);
    if (options.nice !== 0) {
      try {
        os.setPriority(worker.child.pid!, options.nice);
      } catch {
        // As in the product: some containers refuse priority changes.
      }
    }
  }
  const deadline = started + options.timeoutMs;
  const waker = options.wakeMs > 0 ? startWaker(options.waker, options.wakeMs) : undefined;
  let waiting = waitingAtStart;
  let aborted = false;
  const paymentsAtStart = await countPayments(sql);
  let polls = 0;
  const activity = new Map<string, number>();
  let samples = 0;
  // CPU is counted from the first processed credit, so that the workers' start-up is left out.
  let window: { at: number; done: number; worker: number; postgres: number; bench: number } | undefined;
  for (;;) {
    await sleep(POLL_MS);
    // Every credit here pays an order, so payments show the progress; the waiting credits are
    // counted (the real test) once they all seem paid, and every 10 s in case some never match.
    polls += 1;
    samples += 1;
    for (const kind of await sampleActivity(sql)) activity.set(kind, (activity.get(kind) ?? 0) + 1);
    const paid = (await countPayments(sql)) - paymentsAtStart;
    if (paid >= options.credits || polls % 40 === 0) waiting = await countWaiting(sql);
    const done = paid >= options.credits || polls % 40 === 0 ? options.credits - waiting : paid;
    if (done > 0 && !window) {
      window = {
        at: performance.now(),
        done,
        worker: workers.reduce((sum, w) => sum + processCpuMs(w.child.pid), 0),
        postgres: postgresCpuMs(options.postmasterPid),
        bench: ownCpuMs(),
      };
    }
    progress(done, `, load ${loadAverage()[0]}`);
    if (waiting === 0) break;
    for (const worker of workers) {
      if (!isRunning(worker)) throw describeFailure(worker, `${worker.name} exited during the end-to-end run.`);
    }
    if (performance.now() > deadline) {
      waiting = await countWaiting(sql);
      aborted = true;
      say(
        `ABORTED: end to end took more than ${options.timeoutMs / 60_000} minutes: ${fmt(done)} of ${fmt(options.credits)} credits processed ` +
          `(${fmt(done / ((performance.now() - started) / 1000))}/s, load average ${loadAverage().join(' ')})`,
      );
      break;
    }
  }
  await waker?.stop();
  const wallMs = performance.now() - started;
  const processed = options.credits - waiting;
  const end = {
    at: performance.now(),
    done: processed,
    worker: workers.reduce((sum, w) => sum + processCpuMs(w.child.pid), 0),
    postgres: postgresCpuMs(options.postmasterPid),
    bench: ownCpuMs(),
  };
  for (const worker of workers) await stopServer(worker);
  const walAfter = await walSnapshot(sql);
  const cpuProfile = options.cpuProfile ? summarizeCpuProfiles(CPU_PROFILE_DIR) : undefined;
  const { rows } = await sql.query<{ span_ms: number; queue_to_paid_ms: number; processed: string }>(
    `SELECT extract(epoch FROM max(processed_at) - min(processed_at)) * 1000 AS span_ms,
            extract(epoch FROM max(processed_at) - (SELECT min(started_on) FROM pgboss.job WHERE name = 'process-mutation')) * 1000
              AS queue_to_paid_ms,
            count(processed_at) AS processed
     FROM mutations`,
  );
  const span = Number(rows[0]!.span_ms);
  const queueToPaidMs = Number(rows[0]!.queue_to_paid_ms);
  const processedInSpan = Number(rows[0]!.processed);
  const from = window ?? end;
  return {
    workerProcesses: options.workers,
    aborted,
    processed: processedInSpan,
    wakeMs: options.wakeMs,
    wallMs,
    perSecond: processedInSpan / (queueToPaidMs / 1000),
    queueToPaidMs,
    perSecondWithStartUp: processedInSpan / (wallMs / 1000),
    firstToLastProcessedMs: span,
    perSecondWhileProcessing: span > 0 ? processedInSpan / (span / 1000) : Number.NaN,
    cpu: {
      workerMs: end.worker - from.worker,
      postgresMs: end.postgres - from.postgres,
      benchMs: end.bench - from.bench,
      windowMs: end.at - from.at,
      credits: end.done - from.done,
    },
    cpuProfile,
    wal: walPerCredit(walBefore, walAfter, processedInSpan),
    databaseActivity: {
      samples,
      busyShare: round((100 * (samples - (activity.get(IDLE) ?? 0))) / Math.max(1, samples), 1),
      byStatement: [...activity.entries()]
        .filter(([kind]) => kind !== IDLE)
        .sort((a, b) => b[1] - a[1])
        .map(([kind, count]) => ({ kind, share: round((100 * count) / Math.max(1, samples), 1) })),
    },
  };
}

const IDLE = '(nothing running)';

/** What the database is running right now, one entry per busy backend (the bench's own queries left out). */
async function sampleActivity(sql: pg.Client): Promise<string[]> {
  const { rows } = await sql.query<{ backend_type: string; query: string }>({
    name: 'bench_activity',
    text: `SELECT backend_type, query FROM pg_stat_activity
           WHERE state = 'active' AND pid <> pg_backend_pid() AND query NOT LIKE '%bench_%'
             AND backend_type IN ('client backend', 'autovacuum worker')`,
  });
  const kinds = rows
    .filter((row) => !/^SELECT count\(\*\) AS (payments|waiting)|pg_stat_activity/.test(row.query))
    .map((row) => (row.backend_type === 'autovacuum worker' ? `autovacuum: ${row.query.replace(/\s+/g, ' ').slice(0, 60)}` : kindOf(row.query)));
  return kinds.length > 0 ? kinds : [IDLE];
}

// ---------------------------------------------------------------------------- CPU profile

interface CpuProfileFile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

interface CpuShare {
  name: string;
  ms: number;
  share: number;
}

interface CpuProfileSummary {
  files: string[];
  busyMs: number;
  idleMs: number;
  byPackage: CpuShare[];
  topFunctions: CpuShare[];
}

function packageOf(functionName: string, url: string): string {
  if (functionName === '(garbage collector)') return '(garbage collector)';
  if (functionName === '(program)') return '(program: V8 and native code)';
  if (url.startsWith('wasm://')) return 'WebAssembly (Prisma query compiler)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return 'node internals';
  const inRepo = url.replace(/^file:\/\//, '');
  if (inRepo.startsWith(root)) {
    const relative = path.relative(root, inRepo).split(path.sep);
    return relative[0] === 'lib' && relative[1] === 'generated' ? 'lib/generated (Prisma client)' : relative.slice(0, 2).join('/');
  }
  return url === '' ? '(native)' : 'other';
}

/** Self time of the worker's CPU profile(s), by package and by function; idle time left out of the shares. */
function summarizeCpuProfiles(dir: string): CpuProfileSummary | undefined {
  const files = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')) : [];
  if (files.length === 0) return undefined;
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let idleMs = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfileFile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    profile.samples.forEach((id, i) => {
      const frame = nodes.get(id);
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      if (!frame || frame.functionName === '(idle)') {
        idleMs += ms;
        return;
      }
      const pkg = packageOf(frame.functionName, frame.url);
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
      const where = frame.url ? `${frame.url.replace(/^.*node_modules\//, '').replace(`file://${root}/`, '')}:${frame.lineNumber + 1}` : '';
      const name = `${frame.functionName || '(anonymous)'} ${where}`.trim();
      byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    });
  }
  const busyMs = [...byPackage.values()].reduce((sum, ms) => sum + ms, 0);
  const shares = (map: Map<string, number>, limit: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, ms]) => ({ name, ms: round(ms, 0), share: round((100 * ms) / busyMs, 1) }));
  return { files, busyMs: round(busyMs, 0), idleMs: round(idleMs, 0), byPackage: shares(byPackage, 15), topFunctions: shares(byFunction, 20) };
}

// ---------------------------------------------------------------------------- where the time goes

interface StatementKind {
  kind: string;
  count: number;
  totalMs: number;
}

const KINDS: [RegExp, string][] = [
  [/pgboss\.job[\s\S]*WITH next as|WITH next as[\s\S]*pgboss\.job/i, 'pg-boss: fetch a batch'],
  [/WITH results AS[\s\S]*pgboss\./i, 'pg-boss: complete a batch'],
  [/pgboss\.job[\s\S]*(INSERT|json_to_recordset)|INSERT INTO pgboss\.job/i, 'pg-boss: insert jobs'],
  [/pgboss\./i, 'pg-boss: maintenance and other'],
  [/^\s*(BEGIN|COMMIT|ROLLBACK)\b/i, 'BEGIN / COMMIT'],
  [/FROM\s+mutations\s+WHERE\s+id\s*=.*FOR UPDATE/is, 'lock the mutation (SELECT … FOR UPDATE)'],
  [/FROM\s+orders\b.*FOR UPDATE/is, 'lock candidate orders (SELECT … FOR UPDATE)'],
  [/"settings"/i, 'load settings'],
  [/INSERT\s+INTO\s+"public"\."payments"/i, 'insert the payment'],
  [/UPDATE\s+"public"\."orders"/i, 'update the order'],
  [/UPDATE\s+"public"\."mutations"/i, 'update the mutation'],
  [/INSERT\s+INTO\s+"public"\."history"/i, 'insert a history entry'],
  [/"store_callbacks"/i, 'store callback'],
  [/FROM\s+"public"\."mutations"/i, 'sweep / other mutation reads'],
];

function kindOf(text: string): string {
  for (const [pattern, kind] of KINDS) if (pattern.test(text)) return kind;
  return `other: ${text.replace(/\s+/g, ' ').slice(0, 70)}`;
}

const EXCLUDED = Symbol('bench: not profiled');
type QueryFn = (...args: unknown[]) => unknown;

/** Times every statement that goes through `pg` in this process (the bench's own clients excepted). */
function instrumentPg(): { stop(): StatementKind[] } {
  const prototype = pg.Client.prototype as unknown as { query: QueryFn };
  const original = prototype.query;
  const kinds = new Map<string, StatementKind>();
  const record = (text: string, ms: number) => {
    const kind = kindOf(text);
    const entry = kinds.get(kind) ?? { kind, count: 0, totalMs: 0 };
    entry.count += 1;
    entry.totalMs += ms;
    kinds.set(kind, entry);
  };
  prototype.query = function (this: pg.Client & { [EXCLUDED]?: boolean }, ...args: unknown[]) {
    const config = args[0];
    if (this[EXCLUDED] || (typeof config === 'object' && config !== null && 'submit' in config)) return original.apply(this, args);
    const text = typeof config === 'string' ? config : String((config as { text?: unknown } | null)?.text ?? '');
    const started = performance.now();
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (...results: unknown[]) => {
        record(text, performance.now() - started);
        return (last as QueryFn)(...results);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) void result.then(() => record(text, performance.now() - started), () => record(text, performance.now() - started));
    return result;
  };
  return {
    stop() {
      prototype.query = original;
      return [...kinds.values()].sort((a, b) => b.totalMs - a.totalMs);
    },
  };
}

interface Profile {
  credits: number;
  wallMs: number;
  perSecond: number;
  statementsPerCredit: number;
  queryMsPerCredit: number;
  cpuMsPerCredit: { node: number; postgres: number };
  kinds: (StatementKind & { perCredit: number; msPerCredit: number })[];
}

/**
 * The same processing on a smaller sample, with the product's worker (`startWorker`) in this
 * process so that each statement it sends can be timed and counted.
 */
async function runProfile(
  sql: pg.Client,
  options: { url: string; count: number; generator: MootaGenerator; postmasterPid: number | null; waker: pg.Client },
  state: { worker?: Worker },
): Promise<Profile> {
  const payables = await insertOrders(sql, { count: options.count, prefix: 'PROF-', firstBase: 2_000_000, label: 'profile orders inserted' });
  await storeCredits(options.generator, shuffled(payables, SEED + 1), 'profile credits stored');
  // After the end-to-end run (and any removal of what it left) the indexes hold many dead entries.
  await sql.query('VACUUM ANALYZE orders, mutations, payments');
  const waitingAtStart = await countWaiting(sql);
  const paymentsAtStart = await countPayments(sql);
  const progress = progressReporter('profile processed', waitingAtStart);

  const probe = instrumentPg();
  const waker = startWaker(options.waker, PROFILE_WAKE_MS);
  const node = ownCpuMs();
  const postgres = postgresCpuMs(options.postmasterPid);
  const started = performance.now();
  let kinds: StatementKind[];
  try {
    state.worker = await startWorker(options.url);
    for (let polls = 1; ; polls++) {
      await sleep(POLL_MS);
      const paid = (await countPayments(sql)) - paymentsAtStart;
      const waiting = paid >= waitingAtStart || polls % 40 === 0 ? await countWaiting(sql) : waitingAtStart - paid;
      progress(waitingAtStart - waiting);
      if (waiting === 0) break;
      if (performance.now() - started > PROFILE_TIMEOUT_MS) throw new Error(`the profile run took more than ${PROFILE_TIMEOUT_MS / 60_000} minutes`);
    }
  } finally {
    await waker.stop();
    kinds = probe.stop();
  }
  const wallMs = performance.now() - started;
  const nodeMs = ownCpuMs() - node;
  const postgresMs = postgresCpuMs(options.postmasterPid) - postgres;
  await state.worker.stop();
  state.worker = undefined;

  const n = waitingAtStart;
  const statements = kinds.reduce((sum, kind) => sum + kind.count, 0);
  const queryMs = kinds.reduce((sum, kind) => sum + kind.totalMs, 0);
  return {
    credits: n,
    wallMs,
    perSecond: n / (wallMs / 1000),
    statementsPerCredit: round(statements / n, 2),
    queryMsPerCredit: round(queryMs / n, 3),
    cpuMsPerCredit: { node: round(nodeMs / n, 3), postgres: round(postgresMs / n, 3) },
    kinds: kinds.map((kind) => ({
      ...kind,
      totalMs: round(kind.totalMs, 1),
      perCredit: round(kind.count / n, 2),
      msPerCredit: round(kind.totalMs / n, 3),
    })),
  };
}

// ---------------------------------------------------------------------------- latency

interface LatencySample {
  reference: string;
  answerMs: number;
  answerToPaidMs: number | null;
  status: string;
  error?: string;
}

interface Latency {
  orders: number;
  warmup: LatencySample[];
  samples: LatencySample[];
  answerToPaid: { p50Ms: number; p90Ms: number; maxMs: number };
  answer: { p50Ms: number; p90Ms: number };
  /** Inside the database: the mutation's received_at (set as the server starts handling the call) to its processed_at. */
  receivedToProcessed: { p50Ms: number; p90Ms: number };
  /** received_at → job created_on, → job started_on (fetched by the worker), → processed_at. */
  inDatabase: Record<'intake' | 'queue' | 'processing', { p50Ms: number; p90Ms: number }>;
  failures: number;
}

async function waitForWorker(server: ChildServer, ready: () => boolean) {
  const deadline = Date.now() + WORKER_READY_TIMEOUT_MS;
  while (!ready()) {
    if (!isRunning(server)) throw describeFailure(server, 'the server exited before its worker started');
    if (Date.now() > deadline) throw describeFailure(server, `the server's worker did not report "${WORKER_READY_LINE}" within ${WORKER_READY_TIMEOUT_MS / 1000} s`);
    await sleep(100);
  }
}

async function waitForEmptyQueue(sql: pg.Client) {
  const deadline = Date.now() + QUEUE_EMPTY_TIMEOUT_MS;
  for (;;) {
    const queued = await countQueued(sql);
    if (queued === 0) return;
    if (Date.now() > deadline) throw new Error(`the process-mutation queue still holds ${queued} mutations after ${QUEUE_EMPTY_TIMEOUT_MS / 1000} s`);
    await sleep(POLL_MS);
  }
}

async function measureLatency(sql: pg.Client, generator: MootaGenerator, count: number): Promise<Latency> {
  const orders: { id: string; reference: string; payable: bigint }[] = [];
  const runId = Date.now().toString(36).toUpperCase();
  for (let i = 0; i < LATENCY_WARMUP + count; i++) {
    const { order } = await createOrder({ reference: `LAT-${runId}-${i + 1}`, amount: 1_000_000 + 1_000 * i }, 'api', 'bench');
    if (order.status !== 'pending') throw new Error(`the fresh order ${order.reference} is ${order.status}, not pending`);
    orders.push({ id: order.id, reference: order.reference, payable: order.payableAmount });
  }
  say(`Created ${orders.length} fresh orders (${LATENCY_WARMUP} for warm-up) with createOrder`);

  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples: LatencySample[] = [];
  const progress = progressReporter('latency deliveries', orders.length);
  try {
    for (const [index, order] of orders.entries()) {
      await sleep(IDLE_BETWEEN_MS);
      const body = JSON.stringify([generator.mutation({ amount: order.payable, type: 'CR' })]);
      const headers = signedDelivery(body, SECRET);
      const sent = performance.now();
      let answer;
      try {
        answer = await postWebhook(agent, SERVER_PORT, body, headers, REQUEST_TIMEOUT_MS);
      } catch (error) {
        answer = { status: 0, text: (error as Error).message };
      }
      const answered = performance.now();
      const sample: LatencySample = { reference: order.reference, answerMs: round(answered - sent, 2), answerToPaidMs: null, status: 'pending' };
      samples.push(sample);
      let accepted: unknown;
      try {
        accepted = (JSON.parse(answer.text) as { accepted?: unknown }).accepted;
      } catch {
        // Reported below.
      }
      if (answer.status !== 200 || accepted !== 1) {
        sample.error = `answer ${answer.status} ${answer.text.slice(0, 300)}`;
        continue;
      }
      for (;;) {
        const { rows } = await sql.query<{ status: string }>({
          name: 'bench_order_status',
          text: 'SELECT status::text AS status FROM orders WHERE id = $1',
          values: [order.id],
        });
        const now = performance.now();
        sample.status = rows[0]?.status ?? 'missing';
        if (sample.status !== 'pending') {
          sample.answerToPaidMs = round(now - answered, 2);
          if (sample.status !== 'paid') sample.error = `the order became ${sample.status}`;
          break;
        }
        if (now - answered > PAID_TIMEOUT_MS) {
          sample.error = `not paid ${PAID_TIMEOUT_MS / 1000} s after the answer`;
          break;
        }
        await sleep(PAID_POLL_MS);
      }
      progress(index + 1);
    }
  } finally {
    agent.destroy();
  }

  const measured = samples.slice(LATENCY_WARMUP);
  const toPaid = measured.filter((s) => s.answerToPaidMs !== null && !s.error).map((s) => s.answerToPaidMs!).sort((a, b) => a - b);
  const answers = measured.map((s) => s.answerMs).sort((a, b) => a - b);
  // Where the time between the call and the payment went, from the timestamps the rows carry:
  // received_at (the server starts handling the call), the job's created_on (the intake
  // transaction's start) and started_on (the worker fetched it), processed_at (end of processing).
  const { rows } = await sql.query<{ total: number; intake: number; queue: number; processing: number }>(
    `SELECT extract(epoch FROM m.processed_at - m.received_at) * 1000 AS total,
            extract(epoch FROM j.created_on - m.received_at) * 1000 AS intake,
            extract(epoch FROM j.started_on - j.created_on) * 1000 AS queue,
            extract(epoch FROM m.processed_at - j.started_on) * 1000 AS processing
     FROM payments p JOIN mutations m ON m.id = p.mutation_id JOIN orders o ON o.id = p.order_id
     LEFT JOIN pgboss.job j ON j.name = 'process-mutation' AND j.data->'mutationIds' ? m.id::text AND j.state = 'completed'
     WHERE o.reference = ANY($1::text[]) AND p.undone_at IS NULL`,
    [measured.map((s) => s.reference)],
  );
  const stat = (pick: (row: (typeof rows)[number]) => number) => {
    const values = rows.map((row) => Number(pick(row))).filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
    return { p50Ms: round(percentile(values, 50), 1), p90Ms: round(percentile(values, 90), 1) };
  };
  return {
    orders: count,
    warmup: samples.slice(0, LATENCY_WARMUP),
    samples: measured,
    answerToPaid: { p50Ms: percentile(toPaid, 50), p90Ms: percentile(toPaid, 90), maxMs: toPaid.at(-1) ?? Number.NaN },
    answer: { p50Ms: percentile(answers, 50), p90Ms: percentile(answers, 90) },
    receivedToProcessed: stat((row) => row.total),
    inDatabase: { intake: stat((row) => row.intake), queue: stat((row) => row.queue), processing: stat((row) => row.processing) },
    failures: measured.filter((s) => s.error !== undefined).length,
  };
}

// ---------------------------------------------------------------------------- report

function printTable(rows: [string, string][]) {
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log('');
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
}

// ---------------------------------------------------------------------------- main

async function main() {
  const options = parseOptions();
  mkdirSync(RESULTS_DIR, { recursive: true });
  await Promise.all([DATABASE_PORT, SERVER_PORT].map(assertPortFree));
  const loads: Record<string, [number, number, number]> = { start: loadAverage() };
  say(`orders ${fmt(options.orders)}, credits ${fmt(options.credits)}; load average ${loads.start!.join(' ')} on ${os.cpus().length} CPUs`);

  let database: EmbeddedDatabase | undefined;
  let usingDb = false;
  const children: ChildServer[] = [];
  const clients: pg.Client[] = [];
  const state: { worker?: Worker } = {};
  const tempDir = makeTempDir('cocok-match-');
  const dataDir = path.join(tempDir, 'data');

  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const child of children) await stopServer(child);
      await state.worker?.stop().catch(() => {});
      for (const client of clients) await client.end().catch(() => {});
      if (usingDb) {
        await db().$disconnect().catch(() => {});
        await sqlPool().end().catch(() => {});
      }
      await database?.stop().catch((error: unknown) => say(`could not stop the database: ${String(error)}`));
      rmSync(tempDir, { recursive: true, force: true });
    })());
  const interrupted = (signal: NodeJS.Signals) => {
    say(`${signal}: stopping everything…`);
    void cleanUp().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    // 1. database
    say(`Starting embedded PostgreSQL on port ${DATABASE_PORT} (data in ${dataDir})`);
    database = await startEmbeddedDatabase({ dataDir, port: DATABASE_PORT, log: say });
    const url = database.url;
    // This process's product code (intake, createOrder, the profiled worker) uses this database.
    process.env.DATABASE_URL = url;
    usingDb = true;
    await applyMigrations(url);
    await prepareQueues(url);
    const postmasterPid = readPostmasterPid(dataDir);
    const connect = async () => {
      const client = new pg.Client({ connectionString: url });
      (client as unknown as Record<symbol, boolean>)[EXCLUDED] = true;
      clients.push(client);
      await client.connect();
      return client;
    };
    const sql = await connect();
    say('Migrated, queues prepared');

    // 2. orders and credits, no worker yet
    let began = performance.now();
    const payables = await insertOrders(sql, { count: options.orders, prefix: 'BENCH-', firstBase: 10_000, label: 'orders inserted' });
    const ordersMs = performance.now() - began;
    const generator = createMootaGenerator({ seed: SEED });
    began = performance.now();
    await storeCredits(generator, shuffled(payables, SEED).slice(0, options.credits), 'credits stored through the intake');
    const creditsMs = performance.now() - began;
    // What autovacuum does soon after a bulk load; without it the first plans are made blind.
    await sql.query('ANALYZE');
    const queued = await countQueued(sql);
    if (queued !== options.credits) throw new Error(`expected ${options.credits} mutations in process-mutation jobs, found ${queued}`);
    say(`Loaded: ${fmt(options.orders)} orders in ${seconds(ordersMs)}, ${fmt(options.credits)} credits (${fmt(queued)} jobs) in ${seconds(creditsMs)}`);

    // 3. in-memory floor
    const settings = (await loadSettings()).match;
    const facts = await loadFacts(sql);
    await settleDatabase(sql);
    say(`In-memory floor over ${fmt(facts.mutations.length)} credits and ${fmt(facts.orders.length)} orders (a warm-up pass, then ${FLOOR_PASSES} timed ones)…`);
    floorPass(facts.orders, facts.mutations, settings);
    const postgresBeforeFloor = postgresCpuMs(postmasterPid);
    const passes = Array.from({ length: FLOOR_PASSES }, () => floorPass(facts.orders, facts.mutations, settings));
    const postgresDuringFloor = postgresCpuMs(postmasterPid) - postgresBeforeFloor;
    for (const pass of passes) {
      if (pass.matched !== options.credits) throw new Error(`the in-memory pass matched ${pass.matched} of ${options.credits} credits`);
    }
    // The best pass: the floor is what the machine can do when nothing else gets in the way.
    const floor = passes.reduce((best, pass) => (pass.ms < best.ms ? pass : best));
    say(
      `In-memory floor: ${fmt(floor.perSecond)} credits/s (best pass ${floor.ms.toFixed(0)} ms; passes ${passes.map((pass) => pass.ms.toFixed(0)).join(', ')} ms; ` +
        `PostgreSQL used ${postgresDuringFloor.toFixed(0)} ms of CPU meanwhile, load ${loadAverage()[0]})`,
    );

    // 4. end to end
    loads.beforeEndToEnd = loadAverage();
    const roundTripBefore = await roundTrip(sql);
    say(`A round trip to PostgreSQL (SELECT 1) takes ${roundTripBefore.p50Ms} ms (median; p90 ${roundTripBefore.p90Ms} ms) right now`);
    say(
      `End to end: ${options.workers} scripts/worker.ts process(es), as npm start runs it, at nice ${options.workerNice}` +
        ` (the product uses ${PRODUCT_WORKER_NICE} beside the web server)${options.cpuProfile ? ', with a CPU profile' : ''}…`,
    );
    const endToEnd = await runEndToEnd(sql, {
      url,
      credits: options.credits,
      workers: options.workers,
      nice: options.workerNice,
      cpuProfile: options.cpuProfile,
      wakeMs: options.wakeMs,
      timeoutMs: options.timeoutMs,
      waker: await connect(),
      postmasterPid,
      children,
    });
    loads.afterEndToEnd = loadAverage();
    say(`End to end: ${fmt(endToEnd.perSecond)} credits/s queue to paid (${seconds(endToEnd.queueToPaidMs)}; ${seconds(endToEnd.wallMs)} with the worker's start-up)${endToEnd.aborted ? ', ABORTED at the time limit' : ''}`);
    const payments = await checkPayments(sql, 'BENCH-', endToEnd.processed);
    if (endToEnd.aborted) {
      // The rest would keep a worker busy (and the sweep re-enqueues what waits over 10 minutes).
      const { rowCount: jobs } = await sql.query(`DELETE FROM pgboss.job WHERE name = 'process-mutation' AND state IN ('created', 'retry', 'active')`);
      const { rowCount: left } = await sql.query(`DELETE FROM mutations WHERE processing = 'received'`);
      say(`Removed the ${fmt(left ?? 0)} credits left unprocessed (and ${fmt(jobs ?? 0)} jobs) so that the next phases start from an idle queue`);
    }
    say(`Payments: ${payments.pass ? 'every paid order paid exactly once' : 'WRONG'} ${JSON.stringify(payments)}`);

    let profile: Profile | undefined;
    if (options.profile > 0) {
      say(`Where the time goes: ${fmt(options.profile)} more credits through an in-process worker, every statement timed…`);
      profile = await runProfile(sql, { url, count: options.profile, generator, postmasterPid, waker: await connect() }, state);
      say(`Profile: ${fmt(profile.perSecond)} credits/s, ${profile.statementsPerCredit} statements per credit`);
    }

    // 5. latency through the production server
    say(`Starting the production server on port ${SERVER_PORT} (scripts/start.ts builds first if the sources changed)…`);
    const server = launch(
      'Cocok',
      'scripts/start.ts',
      { ...process.env, DATABASE_URL: url, PORT: String(SERVER_PORT), MOOTA_WEBHOOK_SECRET: SECRET, MOOTA_ALLOWED_IPS: '127.0.0.1,::1', COCOK_WORKER: 'on' },
      path.join(RESULTS_DIR, 'match-server.log'),
    );
    children.push(server);
    let workerReady = false;
    const watch = (chunk: Buffer) => {
      if (chunk.toString('utf8').includes(WORKER_READY_LINE)) workerReady = true;
    };
    server.child.stdout!.on('data', watch);
    server.child.stderr!.on('data', watch);
    await waitUntilAnswering(server, SERVER_PORT, SERVER_START_TIMEOUT_MS);
    await waitForWorker(server, () => workerReady);
    await waitForEmptyQueue(sql);
    await sleep(1_000);
    loads.beforeLatency = loadAverage();
    say('Server and its worker are up, the queue is empty');
    const latency = await measureLatency(sql, generator, options.latency);
    if (!isRunning(server)) throw describeFailure(server, 'the server exited during the latency run');
    loads.end = loadAverage();
    const finalCheck = await sql.query<{ twice: string }>(
      `SELECT (SELECT count(*) FROM (SELECT order_id FROM payments WHERE undone_at IS NULL GROUP BY order_id HAVING count(*) > 1) a)
            + (SELECT count(*) FROM (SELECT mutation_id FROM payments WHERE undone_at IS NULL GROUP BY mutation_id HAVING count(*) > 1) b) AS twice`,
    );
    const doublesAtEnd = Number(finalCheck.rows[0]!.twice);

    // 6. report
    const ratio = floor.perSecond / endToEnd.perSecond;
    const cpu = endToEnd.cpu;
    const rows: [string, string][] = [
      ['orders / credits', `${fmt(options.orders)} / ${fmt(options.credits)}`],
      ['load: orders (bulk SQL)', seconds(ordersMs)],
      ['load: credits via storeAcceptedDelivery', `${seconds(creditsMs)} (${fmt(options.credits / (creditsMs / 1000))} credits/s, ${MUTATIONS_PER_DELIVERY} a delivery)`],
      ['in-memory floor (Maps + decideMatch)', `${fmt(floor.perSecond)} credits/s`],
      [
        `end to end (${options.workers} worker process${options.workers > 1 ? 'es' : ''}${endToEnd.wakeMs > 0 ? `, woken every ${endToEnd.wakeMs} ms` : ''})`,
        `${fmt(endToEnd.perSecond)} credits/s (${seconds(endToEnd.queueToPaidMs)} from the first fetch from the queue to the last credit paid; ` +
          `${fmt(endToEnd.perSecondWithStartUp)}/s over ${seconds(endToEnd.wallMs)} counting the worker process's start-up)` +
          (endToEnd.aborted ? ` ABORTED at ${options.timeoutMs / 60_000} min: ${fmt(endToEnd.processed)} of ${fmt(options.credits)} processed` : ''),
      ],
      ['round trip to PostgreSQL (SELECT 1)', `median ${roundTripBefore.p50Ms} ms, p90 ${roundTripBefore.p90Ms} ms (before the end-to-end run)`],
      ['ratio floor / end to end', `${ratio.toFixed(0)}× (target ≤ ${TARGET_RATIO}×)`],
      [
        'CPU while processing (s)',
        `worker ${(cpu.workerMs / 1000).toFixed(1)}, postgres ${(cpu.postgresMs / 1000).toFixed(1)}, bench ${(cpu.benchMs / 1000).toFixed(1)} over ${seconds(cpu.windowMs)} wall`,
      ],
      [
        'CPU per credit while processing',
        `worker ${(cpu.workerMs / cpu.credits).toFixed(2)} ms, postgres ${(cpu.postgresMs / cpu.credits).toFixed(2)} ms (over ${fmt(cpu.credits)} credits)`,
      ],
      [
        'write-ahead log per credit while processing',
        `${endToEnd.wal.records} records, ${endToEnd.wal.fullPageImages} full-page images, ${fmt(endToEnd.wal.bytes)} bytes (${endToEnd.wal.checkpoints} checkpoints during the run)`,
      ],
      ...(profile
        ? ([
            [
              `profile: in-process worker, woken every ${PROFILE_WAKE_MS} ms`,
              `${fmt(profile.perSecond)} credits/s over ${fmt(profile.credits)} credits (floor / this: ${(floor.perSecond / profile.perSecond).toFixed(0)}×)`,
            ],
            [
              'profile: per credit',
              `${profile.statementsPerCredit} statements, ${profile.queryMsPerCredit} ms waiting on them; CPU node ${profile.cpuMsPerCredit.node} ms, postgres ${profile.cpuMsPerCredit.postgres} ms`,
            ],
          ] as [string, string][])
        : []),
      ['every order paid exactly once', payments.pass ? 'yes' : `NO ${JSON.stringify(payments)}`],
      [
        `webhook answer → paid (n=${latency.samples.length})`,
        `median ${latency.answerToPaid.p50Ms} ms, p90 ${latency.answerToPaid.p90Ms} ms, max ${latency.answerToPaid.maxMs} ms`,
      ],
      ['webhook POST → 200 answer', `median ${latency.answer.p50Ms} ms, p90 ${latency.answer.p90Ms} ms`],
      ['in the database: received_at → processed_at', `median ${latency.receivedToProcessed.p50Ms} ms, p90 ${latency.receivedToProcessed.p90Ms} ms`],
      [
        '  of which (medians)',
        `call → job enqueued ${latency.inDatabase.intake.p50Ms} ms, → fetched by the worker ${latency.inDatabase.queue.p50Ms} ms, → processed ${latency.inDatabase.processing.p50Ms} ms`,
      ],
      ['load average (1 min)', Object.entries(loads).map(([when, load]) => `${when} ${load[0]}`).join(', ')],
    ];
    printTable(rows);
    if (profile) {
      console.log(`\nwhere a credit's time goes (in-process worker, ${fmt(profile.credits)} credits, ${fmt(profile.perSecond)}/s):`);
      const width = Math.max(...profile.kinds.map((kind) => kind.kind.length));
      console.log(`${'statement'.padEnd(width)}  per credit  ms per credit`);
      for (const kind of profile.kinds) {
        console.log(`${kind.kind.padEnd(width)}  ${kind.perCredit.toFixed(2).padStart(10)}  ${kind.msPerCredit.toFixed(3).padStart(13)}`);
      }
    }

    {
      const activity = endToEnd.databaseActivity;
      console.log(
        `\nwhat PostgreSQL was running during the end-to-end run (${fmt(activity.samples)} samples every ${POLL_MS} ms; something ran in ${activity.busyShare}% of them):`,
      );
      for (const entry of activity.byStatement.slice(0, 12)) console.log(`  ${entry.share.toFixed(1).padStart(5)}%  ${entry.kind}`);
    }
    if (endToEnd.cpuProfile) {
      const summary = endToEnd.cpuProfile;
      console.log(`\nthe end-to-end worker's CPU by package (${fmt(summary.busyMs)} ms busy, ${fmt(summary.idleMs)} ms idle):`);
      for (const entry of summary.byPackage) console.log(`  ${entry.share.toFixed(1).padStart(5)}%  ${entry.name}`);
      console.log('its busiest functions (self time):');
      for (const entry of summary.topFunctions) console.log(`  ${entry.share.toFixed(1).padStart(5)}%  ${entry.name}`);
    }

    const targets = [
      {
        target: `end to end within ${TARGET_RATIO}× of the in-memory floor`,
        measured: `${ratio.toFixed(1)}×${endToEnd.aborted ? `, aborted after ${options.timeoutMs / 60_000} min` : ''}`,
        pass: ratio <= TARGET_RATIO && !endToEnd.aborted,
      },
      {
        target: `webhook answer → paid median < ${TARGET_MEDIAN_MS} ms`,
        measured: `${latency.answerToPaid.p50Ms} ms`,
        pass: latency.answerToPaid.p50Ms < TARGET_MEDIAN_MS,
      },
      { target: 'every order paid exactly once, no double payments', measured: payments.pass && doublesAtEnd === 0 ? 'yes' : 'no', pass: payments.pass && doublesAtEnd === 0 },
      { target: `all ${latency.samples.length} latency orders paid`, measured: `${latency.failures} failed`, pass: latency.failures === 0 },
    ];
    console.log('');
    for (const check of targets) console.log(`${check.pass ? 'PASS' : 'MISS'}  ${check.target} (measured ${check.measured})`);
    for (const sample of [...latency.warmup, ...latency.samples].filter((s) => s.error)) say(`latency ${sample.reference}: ${sample.error}`);

    const resultsFile = path.join(RESULTS_DIR, 'match.json');
    writeFileSync(
      resultsFile,
      `${JSON.stringify(
        {
          finishedAt: new Date().toISOString(),
          machine: { ...machineInfo(), loadAverages: loads },
          setup: {
            orders: options.orders,
            credits: options.credits,
            mutationsPerDelivery: MUTATIONS_PER_DELIVERY,
            parallelDeliveries: PARALLEL_DELIVERIES,
            matchSettings: Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, String(value)])),
            endToEndWorker: `${options.workers} × scripts/worker.ts (startWorker: 2 process-mutation loops, 10 jobs of up to 100 mutations a batch), nice ${options.workerNice}${options.cpuProfile ? ', --cpu-prof' : ''}`,
            endToEndWakeMs: options.wakeMs,
            profileWakeMs: PROFILE_WAKE_MS,
            latencyServer: `scripts/start.ts with its own worker process (COCOK_WORKER=on, nice ${PRODUCT_WORKER_NICE})`,
            latencyPollMs: PAID_POLL_MS,
            latencyWarmup: LATENCY_WARMUP,
            database: 'embedded PostgreSQL, ANALYZE after the bulk load',
          },
          load: { ordersMs: round(ordersMs), creditsMs: round(creditsMs) },
          floor: { ms: round(floor.ms, 1), perSecond: round(floor.perSecond), matched: floor.matched, passesMs: passes.map((pass) => round(pass.ms, 1)) },
          endToEnd: { ...endToEnd, perSecond: round(endToEnd.perSecond), wallMs: round(endToEnd.wallMs) },
          ratio: round(ratio, 1),
          roundTrip: roundTripBefore,
          payments,
          doublePaymentsAtEnd: doublesAtEnd,
          profile,
          latency,
          targets,
        },
        null,
        2,
      )}\n`,
    );
    say(`Results written to ${path.relative(root, resultsFile)}`);
    // A missed target is a finding; wrong payments, lost deliveries or a run over its time limit are failures.
    process.exitCode = payments.pass && doublesAtEnd === 0 && latency.failures === 0 && !endToEnd.aborted ? 0 : 1;
  } finally {
    say('Stopping everything…');
    await cleanUp();
  }
}

main()
  .catch((error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof Error && !error.message.includes('--- last output')) console.error(error.stack);
    process.exitCode = 1;
  })
  .finally(() => {
    // pg-boss and pools of the product code leave timers behind; everything was stopped above.
    setTimeout(() => process.exit(), 500).unref();
  });
