/** End to end: worker processes, as npm start runs them, until every credit is processed; then the payments checked. */
import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { fmt, loadAverage, progressReporter, RESULTS_DIR, round, say, seconds, sleep } from '../lib/basics';
import { ownCpuMs, processCpuMs, wholeTreeCpuMs } from '../lib/cpu';
import { cpuProfileArgs, summarizeCpuProfiles, type CpuProfileSummary } from '../lib/cpu-profile';
import { roundTrip, walPer, walSnapshot, type WalSnapshot } from '../lib/database';
import { describeFailure, isRunning, launch, stopServer, type ChildServer } from '../lib/processes';
import type { Cleanup } from '../lib/run';
import { countPayments, countWaiting, startWaker } from './queue';
import { POLL_MS, PRODUCT_WORKER_NICE } from './setup';
import { kindOf } from './statements';

const CPU_PROFILE_DIR = path.join(RESULTS_DIR, 'cpu-profile');

export interface PaymentCheck {
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

export interface EndToEnd {
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
  wal: WalSnapshot;
  /** pg_stat_activity sampled at every poll: the share of samples in which each kind of statement ran. */
  databaseActivity: { samples: number; busyShare: number; byStatement: { kind: string; share: number }[] };
}

export interface EndToEndOptions {
  url: string;
  credits: number;
  workers: number;
  nice: number;
  cpuProfile: boolean;
  wakeMs: number;
  timeoutMs: number;
  waker: pg.Client;
  postmasterPid: number | null;
  cleanup: Cleanup;
}

/** `scripts/worker.ts` processes, as npm start runs one, at the given nice level. */
function startWorkerProcesses(options: EndToEndOptions): ChildServer[] {
  if (options.cpuProfile) {
    rmSync(CPU_PROFILE_DIR, { recursive: true, force: true });
    mkdirSync(CPU_PROFILE_DIR, { recursive: true });
  }
  return Array.from({ length: options.workers }, (_, i) => {
    const worker = launch(
      `worker-${i + 1}`,
      'scripts/worker.ts',
      { ...process.env, DATABASE_URL: options.url },
      path.join(RESULTS_DIR, `match-worker-${i + 1}.log`),
      options.cpuProfile ? cpuProfileArgs(CPU_PROFILE_DIR) : [],
    );
    options.cleanup.add(() => stopServer(worker));
    if (options.nice !== 0) {
      try {
        os.setPriority(worker.child.pid!, options.nice);
      } catch {
        // As in the product: some containers refuse priority changes.
      }
    }
    return worker;
  });
}

/** The CPU the workers, PostgreSQL and this bench have used so far, and how many credits were done by then. */
function cpuSample(workers: ChildServer[], postmasterPid: number | null, done: number) {
  return {
    at: performance.now(),
    done,
    worker: workers.reduce((sum, w) => sum + processCpuMs(w.child.pid), 0),
    postgres: wholeTreeCpuMs(postmasterPid),
    bench: ownCpuMs(),
  };
}

/** Processed credits by the database's clock: first to last, and from the worker's first fetch from the queue to the last. */
async function processingSpan(sql: pg.Client) {
  const { rows } = await sql.query<{ span_ms: number; queue_to_paid_ms: number; processed: string }>(
    `SELECT extract(epoch FROM max(processed_at) - min(processed_at)) * 1000 AS span_ms,
            extract(epoch FROM max(processed_at) - (SELECT min(started_on) FROM pgboss.job WHERE name = 'process-mutation')) * 1000
              AS queue_to_paid_ms,
            count(processed_at) AS processed
     FROM mutations`,
  );
  return { spanMs: Number(rows[0]!.span_ms), queueToPaidMs: Number(rows[0]!.queue_to_paid_ms), processed: Number(rows[0]!.processed) };
}

/**
 * Starts the worker processes and follows them until no credit waits or the time limit passes,
 * sampling what PostgreSQL runs at every poll; CPU and the write-ahead log are measured around it.
 */
async function runEndToEnd(sql: pg.Client, options: EndToEndOptions): Promise<EndToEnd> {
  const waitingAtStart = await countWaiting(sql);
  if (waitingAtStart !== options.credits) throw new Error(`expected ${options.credits} credits waiting, found ${waitingAtStart}`);
  const progress = progressReporter('processed', options.credits);
  const walBefore = await walSnapshot(sql);
  const started = performance.now();
  const workers = startWorkerProcesses(options);
  const deadline = started + options.timeoutMs;
  const waker = options.wakeMs > 0 ? startWaker(options.waker, options.wakeMs) : undefined;
  let waiting = waitingAtStart;
  let aborted = false;
  const paymentsAtStart = await countPayments(sql);
  let polls = 0;
  const activity = new Map<string, number>();
  let samples = 0;
  // CPU is counted from the first processed credit, so that the workers' start-up is left out.
  let window: ReturnType<typeof cpuSample> | undefined;
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
    if (done > 0 && !window) window = cpuSample(workers, options.postmasterPid, done);
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
  const end = cpuSample(workers, options.postmasterPid, processed);
  for (const worker of workers) await stopServer(worker);
  const walAfter = await walSnapshot(sql);
  const cpuProfile = options.cpuProfile ? summarizeCpuProfiles(CPU_PROFILE_DIR) : undefined;
  const { spanMs: span, queueToPaidMs, processed: processedInSpan } = await processingSpan(sql);
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
    wal: walPer(walBefore, walAfter, processedInSpan),
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

/** The queue's work an aborted run left: it would keep a worker busy (and the sweep re-enqueues what waits over 10 minutes). */
async function removeUnprocessed(sql: pg.Client) {
  const { rowCount: jobs } = await sql.query(`DELETE FROM pgboss.job WHERE name = 'process-mutation' AND state IN ('created', 'retry', 'active')`);
  const { rowCount: left } = await sql.query(`DELETE FROM mutations WHERE processing = 'received'`);
  say(`Removed the ${fmt(left ?? 0)} credits left unprocessed (and ${fmt(jobs ?? 0)} jobs) so that the next phases start from an idle queue`);
}

/**
 * A round trip's time right now, then the end-to-end run and its payments checked. A run stopped
 * at its time limit leaves an idle queue behind it for the next phases.
 */
export async function measureEndToEnd(sql: pg.Client, options: EndToEndOptions) {
  const roundTripBefore = await roundTrip(sql);
  say(`A round trip to PostgreSQL (SELECT 1) takes ${roundTripBefore.p50Ms} ms (median; p90 ${roundTripBefore.p90Ms} ms) right now`);
  say(
    `End to end: ${options.workers} scripts/worker.ts process(es), as npm start runs it, at nice ${options.nice}` +
      ` (the product uses ${PRODUCT_WORKER_NICE} beside the web server)${options.cpuProfile ? ', with a CPU profile' : ''}…`,
  );
  const endToEnd = await runEndToEnd(sql, options);
  const loadAfter = loadAverage();
  say(
    `End to end: ${fmt(endToEnd.perSecond)} credits/s queue to paid (${seconds(endToEnd.queueToPaidMs)}; ${seconds(endToEnd.wallMs)} with the worker's start-up)${endToEnd.aborted ? ', ABORTED at the time limit' : ''}`,
  );
  const payments = await checkPayments(sql, 'BENCH-', endToEnd.processed);
  if (endToEnd.aborted) await removeUnprocessed(sql);
  say(`Payments: ${payments.pass ? 'every paid order paid exactly once' : 'WRONG'} ${JSON.stringify(payments)}`);
  return { endToEnd, payments, roundTrip: roundTripBefore, loadAfter };
}

/** Orders paid twice and credits used twice, over everything the bench did. */
export async function countDoublePayments(sql: pg.Client): Promise<number> {
  const { rows } = await sql.query<{ twice: string }>(
    `SELECT (SELECT count(*) FROM (SELECT order_id FROM payments WHERE undone_at IS NULL GROUP BY order_id HAVING count(*) > 1) a)
          + (SELECT count(*) FROM (SELECT mutation_id FROM payments WHERE undone_at IS NULL GROUP BY mutation_id HAVING count(*) > 1) b) AS twice`,
  );
  return Number(rows[0]!.twice);
}
