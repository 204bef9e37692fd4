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
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { applyMigrations } from '@/lib/database/migrate';
import { db, sqlPool } from '@/lib/db';
import { prepareQueues } from '@/lib/jobs/worker';
import { createMootaGenerator } from '@/lib/sandbox/moota-generator';
import { loadSettings } from '@/lib/settings/store';
import { fmt, loadAverage, say, wholeNumber } from './lib/basics';
import { startBenchDatabase } from './lib/database';
import { assertPortFree, describeFailure, isRunning } from './lib/processes';
import { runBench, type Cleanup } from './lib/run';
import { countDoublePayments, measureEndToEnd } from './match/end-to-end';
import { measureFloor } from './match/floor';
import { measureLatency, startProductionServer } from './match/latency';
import { loadOrdersAndCredits } from './match/load';
import { measureProfile } from './match/profile';
import { report } from './match/report';
import { DATABASE_PORT, SEED, SERVER_PORT } from './match/setup';
import { EXCLUDED } from './match/statements';

runBench(main, { sayStopping: true, exitSoonAfter: true });

async function main(cleanup: Cleanup): Promise<number> {
  const options = parseOptions();
  await Promise.all([DATABASE_PORT, SERVER_PORT].map(assertPortFree));
  const loads: Record<string, [number, number, number]> = { start: loadAverage() };
  say(`orders ${fmt(options.orders)}, credits ${fmt(options.credits)}; load average ${loads.start!.join(' ')} on ${os.cpus().length} CPUs`);

  // 1. database
  const { url, postmasterPid, connect } = await startDatabase(cleanup);
  const sql = await connect();
  say('Migrated, queues prepared');

  // 2. orders and credits, no worker yet
  const generator = createMootaGenerator({ seed: SEED });
  const load = await loadOrdersAndCredits(sql, generator, options);

  // 3. in-memory floor
  const settings = (await loadSettings()).match;
  const { floor, passes } = await measureFloor(sql, settings, options.credits, postmasterPid);

  // 4. end to end, then where the time goes
  loads.beforeEndToEnd = loadAverage();
  const { endToEnd, payments, roundTrip, loadAfter } = await measureEndToEnd(sql, {
    url,
    credits: options.credits,
    workers: options.workers,
    nice: options.workerNice,
    cpuProfile: options.cpuProfile,
    wakeMs: options.wakeMs,
    timeoutMs: options.timeoutMs,
    waker: await connect(),
    postmasterPid,
    cleanup,
  });
  loads.afterEndToEnd = loadAfter;
  const profile =
    options.profile > 0
      ? await measureProfile(sql, { url, count: options.profile, generator, postmasterPid, waker: await connect(), cleanup })
      : undefined;

  // 5. latency through the production server
  const server = await startProductionServer(sql, url, cleanup);
  loads.beforeLatency = loadAverage();
  const latency = await measureLatency(sql, generator, options.latency);
  if (!isRunning(server)) throw describeFailure(server, 'the server exited during the latency run');
  loads.end = loadAverage();
  const doublesAtEnd = await countDoublePayments(sql);

  // 6. report
  return report({ options, settings, loads, load, floor, passes, endToEnd, roundTrip, payments, profile, latency, doublesAtEnd });
}

/**
 * A fresh embedded PostgreSQL, migrated, queues prepared; this process's product code (intake,
 * createOrder, the profiled worker) uses it too. `connect` gives the bench a client of its own,
 * left out of the statement timing.
 */
async function startDatabase(cleanup: Cleanup) {
  const database = await startBenchDatabase({ port: DATABASE_PORT, tempPrefix: 'cocok-match-', cleanup });
  const url = database.url;
  process.env.DATABASE_URL = url;
  cleanup.add(async () => {
    await db()
      .$disconnect()
      .catch(() => {});
    await sqlPool()
      .end()
      .catch(() => {});
  });
  await applyMigrations(url);
  await prepareQueues(url);
  const connect = async () => {
    const client = new pg.Client({ connectionString: url });
    (client as unknown as Record<symbol, boolean>)[EXCLUDED] = true;
    cleanup.add(() => client.end().catch(() => {}));
    await client.connect();
    return client;
  };
  return { url, postmasterPid: database.postmasterPid, connect };
}

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
  const whole = (
    flag: 'orders' | 'credits' | 'workers' | 'worker-nice' | 'profile' | 'latency' | 'wake-ms' | 'timeout-minutes',
    min: number,
    max: number,
  ) => wholeNumber(flag, values[flag], min, max);
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
