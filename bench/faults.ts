/**
 * Cocok under faults, each while signed deliveries stream in (half of them paying open orders):
 *
 *   database  PostgreSQL stopped for a while, then started again: while it is away every delivery
 *             must get 503 within 5 s, never 200;
 *   freeze    PostgreSQL frozen (SIGSTOP: it holds its connections and answers nothing) for a while,
 *             then let go: the same, which takes the pool's and statements' timeouts;
 *   kill      the app and its worker SIGKILLed together mid-stream and mid-matching, then started again;
 *   worker    the worker alone SIGKILLed mid-matching: the app starts it again and keeps answering;
 *   dead      mutations whose processing always fails (a trigger refuses them) among good ones: they
 *             must end dead-lettered and on the dashboard, and the good ones keep being processed.
 *
 * After each: every delivery answered 200 is stored once and processed once, and the database's
 * invariants hold (lib/reconcile/invariants.ts).
 *
 * npm run bench:faults -- [--scenario all|database|freeze|kill|worker|dead] [--rate 50] [--away 8] [--port-offset 0]
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { fmt, percentile, round, say, sleep, wholeNumber } from './lib/basics';
import { childPids, startCocok } from './lib/cocok';
import { dashboardGet, signIn } from './lib/dashboard';
import { startBenchDatabase, withClient, type BenchDatabase } from './lib/database';
import { assertPortFree, type ChildServer } from './lib/processes';
import { printColumns, printTargets, writeResults, type TargetCheck } from './lib/report';
import { runBench, type Cleanup } from './lib/run';
import { streamDeliveries, type SentDelivery } from './lib/stream';
import { createUser } from '@/lib/auth/users';
import { closeDatabase } from '@/lib/db';
import { postmasterPid, startEmbeddedDatabase } from '@/lib/database/embedded';
import { applyMigrations } from '@/lib/database/migrate';
import { prepareQueues } from '@/lib/jobs/worker';
import { createOrder } from '@/lib/orders/create-order';
import { checkInvariants } from '@/lib/reconcile/invariants';
import { createMootaGenerator } from '@/lib/sandbox/moota-generator';

const DATABASE_PORT = 55700;
const COCOK_PORT = 3970;
const SECRET = `faults-${randomBytes(12).toString('hex')}`;
const OWNER = { email: 'faults@cocok.local', password: 'faults-owner-password-1' };
const SENDERS = 8;
const ANSWER_LIMIT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 15_000;
const PROCESSED_TIMEOUT_MS = 120_000;
const DEAD_TIMEOUT_MS = 240_000;
const POISON = 50;
/** The automatic decisions a first processing writes; a second one would write another. */
const DECISIONS = ['matched_automatically', 'suggested', 'needs_review', 'left_unmatched'];

type Scenario = 'database' | 'freeze' | 'kill' | 'worker' | 'dead';

interface Options {
  scenarios: Scenario[];
  rate: number;
  awayMs: number;
  ports: { database: number; cocok: number };
}

interface Outcome {
  scenario: Scenario;
  figures: Record<string, string | number>;
  targets: TargetCheck[];
}

interface Context {
  options: Options;
  database: BenchDatabase;
  cleanup: Cleanup;
  app: ChildServer;
  ordersLeft: bigint[];
}

runBench(main, { sayStopping: true, exitSoonAfter: true });

async function main(cleanup: Cleanup): Promise<number> {
  const options = parseOptions();
  await Promise.all(Object.values(options.ports).map(assertPortFree));
  const database = await startBenchDatabase({ port: options.ports.database, tempPrefix: 'cocok-faults-', cleanup });
  // This process's product code (orders, the user) works on the same database.
  process.env.DATABASE_URL = database.url;
  cleanup.add(() => closeDatabase().catch(() => {}));
  await applyMigrations(database.url);
  await prepareQueues(database.url);
  await createUser({ ...OWNER, role: 'owner' });
  const context: Context = { options, database, cleanup, app: await startApp(options, cleanup), ordersLeft: [] };

  const outcomes: Outcome[] = [];
  for (const scenario of options.scenarios) {
    say(`— scenario: ${scenario}`);
    context.ordersLeft = await openOrders(400);
    const { sent, ...outcome } = await SCENARIOS[scenario](context);
    outcome.targets.push(...(await afterwards(context, outcome, sent)));
    outcomes.push(outcome);
  }
  report(outcomes);
  writeResults('faults', { options, outcomes });
  return outcomes.every((outcome) => outcome.targets.every((target) => target.pass)) ? 0 : 1;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      scenario: { type: 'string', default: 'all' },
      rate: { type: 'string', default: '50' },
      away: { type: 'string', default: '8' },
      'port-offset': { type: 'string', default: '0' },
    },
  });
  const all: Scenario[] = ['database', 'freeze', 'kill', 'worker', 'dead'];
  const scenarios = values.scenario === 'all' ? all : values.scenario.split(',');
  const unknown = scenarios.filter((name) => !all.includes(name as Scenario));
  if (unknown.length > 0) throw new Error(`--scenario must be all or some of ${all.join(', ')}, got "${unknown.join(', ')}"`);
  const offset = wholeNumber('port-offset', values['port-offset'], 0, 1000);
  return {
    scenarios: scenarios as Scenario[],
    rate: wholeNumber('rate', values.rate, 1, 5000, 'deliveries a second'),
    awayMs: wholeNumber('away', values.away, 1, 120, 'seconds') * 1000,
    ports: { database: DATABASE_PORT + offset, cocok: COCOK_PORT + offset },
  };
}

const startApp = (options: Options, cleanup: Cleanup) =>
  startCocok({ databaseUrl: process.env.DATABASE_URL!, port: options.ports.cocok, secret: SECRET, log: 'faults-server.log', cleanup });

/** Open orders for the stream to pay: their payable amounts. */
async function openOrders(count: number): Promise<bigint[]> {
  const amounts: bigint[] = [];
  const run = Date.now().toString(36);
  for (let start = 0; start < count; start += 20) {
    const created = await Promise.all(
      Array.from({ length: Math.min(20, count - start) }, (_, i) =>
        createOrder({ reference: `F-${run}-${start + i}`, amount: 10_000 + 1_000 * ((start + i) % 200) }, 'api', 'bench'),
      ),
    );
    amounts.push(...created.map(({ order }) => order.payableAmount));
  }
  return amounts;
}

/** Deliveries of one mutation, ids `<prefix>-<n>`: every other one pays an open order, the rest are strangers' transfers. */
function deliveries(context: Context, prefix: string) {
  const generator = createMootaGenerator();
  return (n: number) => {
    const amount = n % 2 === 0 ? context.ordersLeft.pop() : undefined;
    const mutation = { ...generator.mutation(amount === undefined ? { type: 'CR' } : { amount, type: 'CR' }), mutation_id: `${prefix}-${n}` };
    return { mootaId: mutation.mutation_id, body: JSON.stringify([mutation]) };
  };
}

const stream = (context: Context, prefix: string, rate = context.options.rate) =>
  streamDeliveries({
    port: context.options.ports.cocok,
    secret: SECRET,
    senders: SENDERS,
    ratePerSecond: rate,
    timeoutMs: REQUEST_TIMEOUT_MS,
    next: deliveries(context, prefix),
  });

const statuses = (sent: SentDelivery[]) => {
  const counts = new Map<number, number>();
  for (const delivery of sent) counts.set(delivery.status, (counts.get(delivery.status) ?? 0) + 1);
  return (
    [...counts]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status === 0 ? 'no answer' : status}: ${n}`)
      .join(', ') || 'none'
  );
};
const slowest = (sent: SentDelivery[]) => round(Math.max(0, ...sent.map((delivery) => delivery.ms)), 0);
const p99 = (sent: SentDelivery[]) =>
  round(
    percentile(
      sent.map((d) => d.ms).sort((a, b) => a - b),
      99,
    ),
    1,
  );

// ---------------------------------------------------------------------------- scenarios

/** What a scenario measured, and the deliveries whose fate `afterwards` checks. */
type Run = Outcome & { sent: SentDelivery[] };

const SCENARIOS: Record<Scenario, (context: Context) => Promise<Run>> = {
  async database(context) {
    const deliveriesStream = stream(context, `db-${Date.now().toString(36)}`);
    await sleep(3_000);
    say('Stopping PostgreSQL…');
    await context.database.server.stop();
    const awaySince = Date.now();
    await sleep(context.options.awayMs);
    const backAt = Date.now();
    say('Starting PostgreSQL again…');
    const restarted = await startEmbeddedDatabase({ dataDir: context.database.dataDir, port: context.options.ports.database });
    context.cleanup.add(() => restarted.stop());
    const upAt = Date.now();
    await sleep(5_000);
    const sent = await deliveriesStream.stop();

    const away = sent.filter((d) => d.startedAt >= awaySince && d.endedAt <= backAt);
    const firstAfter = sent.filter((d) => d.startedAt >= upAt && d.status === 200).sort((a, b) => a.startedAt - b.startedAt)[0];
    return {
      scenario: 'database',
      figures: {
        deliveries: sent.length,
        'answers while away': statuses(away),
        'slowest answer while away ms': slowest(away),
        'p99 while away ms': p99(away),
        'first 200 after the restart, s': firstAfter ? round((firstAfter.startedAt - upAt) / 1000, 1) : 'none',
      },
      sent,
      targets: [
        { target: 'deliveries were sent while PostgreSQL was away', measured: away.length, pass: away.length > 0 },
        { target: 'every delivery while away got 503', measured: statuses(away), pass: away.every((d) => d.status === 503) },
        { target: 'never 200 while away', measured: away.filter((d) => d.status === 200).length, pass: away.every((d) => d.status !== 200) },
        {
          target: `every answer while away within ${ANSWER_LIMIT_MS / 1000} s`,
          measured: `${slowest(away)} ms`,
          pass: slowest(away) <= ANSWER_LIMIT_MS,
        },
        { target: 'deliveries answered 200 again after the restart', measured: firstAfter ? 'yes' : 'no', pass: !!firstAfter },
      ],
    };
  },

  async freeze(context) {
    const deliveriesStream = stream(context, `freeze-${Date.now().toString(36)}`);
    await sleep(3_000);
    const postmaster = postmasterPid(path.join(context.database.dataDir, 'postgres'));
    const frozen = postmaster === null ? [] : [postmaster, ...childPids(postmaster)];
    say(`Freezing PostgreSQL (SIGSTOP to ${frozen.length} processes)…`);
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    const awaySince = Date.now();
    await sleep(context.options.awayMs);
    const backAt = Date.now();
    say('Letting PostgreSQL go on (SIGCONT)…');
    for (const pid of frozen.toReversed()) process.kill(pid, 'SIGCONT');
    await sleep(5_000);
    const sent = await deliveriesStream.stop();
    // Answered within the freeze, or still waiting when it ended: what Moota would have seen.
    const away = sent.filter((d) => d.startedAt >= awaySince && d.startedAt <= backAt - ANSWER_LIMIT_MS);
    const late = away.filter((d) => d.ms > ANSWER_LIMIT_MS || d.status === 0);
    return {
      scenario: 'freeze',
      figures: {
        deliveries: sent.length,
        'answers while frozen': statuses(away),
        'slowest answer while frozen ms': slowest(away),
        [`answered after ${ANSWER_LIMIT_MS / 1000} s or never`]: late.length,
      },
      sent,
      targets: [
        { target: 'deliveries were sent while PostgreSQL was frozen', measured: away.length, pass: away.length > 0 },
        { target: 'every delivery while frozen got 503', measured: statuses(away), pass: away.length > 0 && away.every((d) => d.status === 503) },
        { target: `every answer while frozen within ${ANSWER_LIMIT_MS / 1000} s`, measured: `${slowest(away)} ms`, pass: late.length === 0 },
      ],
    };
  },

  async kill(context) {
    const deliveriesStream = stream(context, `kill-${Date.now().toString(36)}`);
    await sleep(4_000);
    const backlog = await unprocessed(context);
    say(`SIGKILL to the app and its worker (${backlog} mutations waiting for the worker)…`);
    process.kill(-context.app.child.pid!, 'SIGKILL');
    await context.app.exited;
    const killedAt = Date.now();
    say('Starting the app again…');
    context.app = await startApp(context.options, context.cleanup);
    const upAt = Date.now();
    await sleep(4_000);
    const sent = await deliveriesStream.stop();
    const firstAfter = sent.filter((d) => d.startedAt >= killedAt && d.status === 200).sort((a, b) => a.startedAt - b.startedAt)[0];
    const down = sent.filter((d) => d.startedAt >= killedAt && d.startedAt < (firstAfter?.startedAt ?? upAt));
    return {
      scenario: 'kill',
      figures: {
        deliveries: sent.length,
        'waiting for the worker at the kill': backlog,
        'answers until it answered again': statuses(down),
        'kill to the first 200 again, s': firstAfter ? round((firstAfter.startedAt - killedAt) / 1000, 1) : 'never',
      },
      sent,
      targets: [
        { target: 'the worker was mid-matching (mutations waiting) at the kill', measured: backlog, pass: backlog > 0 },
        { target: 'deliveries answered 200 again after the restart', measured: firstAfter ? 'yes' : 'no', pass: !!firstAfter },
      ],
    };
  },

  async worker(context) {
    const deliveriesStream = stream(context, `worker-${Date.now().toString(36)}`);
    await sleep(4_000);
    const worker = childPids(context.app.child.pid)[0];
    const backlog = await unprocessed(context);
    say(`SIGKILL to the worker alone (pid ${worker}, ${backlog} mutations waiting for it)…`);
    if (worker !== undefined) process.kill(worker, 'SIGKILL');
    const killedAt = Date.now();
    await sleep(6_000);
    const sent = await deliveriesStream.stop();
    const after = sent.filter((d) => d.startedAt >= killedAt);
    const restarted = childPids(context.app.child.pid).filter((pid) => pid !== worker);
    return {
      scenario: 'worker',
      figures: {
        deliveries: sent.length,
        'waiting for the worker at the kill': backlog,
        'answers after the kill': statuses(after),
        'worker started again': restarted.length > 0 ? 'yes' : 'no',
      },
      sent,
      targets: [
        { target: 'the worker was mid-matching (mutations waiting) at the kill', measured: backlog, pass: worker !== undefined && backlog > 0 },
        { target: 'the app kept answering 200 meanwhile', measured: statuses(after), pass: after.length > 0 && after.every((d) => d.status === 200) },
        { target: 'the app started the worker again', measured: restarted.length, pass: restarted.length > 0 },
      ],
    };
  },

  async dead(context) {
    const prefix = `dead-${Date.now().toString(36)}`;
    // A stand-in for a bug that makes some mutations fail every time they are processed.
    await withClient(context.database.url, (client) =>
      client.query(`
        CREATE OR REPLACE FUNCTION bench_poison() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'bench poison: mutation % cannot be processed', NEW.moota_id; END $$;
        CREATE OR REPLACE TRIGGER bench_poison BEFORE UPDATE ON mutations FOR EACH ROW
          WHEN (NEW.moota_id LIKE '${prefix}-poison-%' AND NEW.processing = 'processed') EXECUTE FUNCTION bench_poison();`),
    );
    const good = stream(context, `${prefix}-good`, Math.max(1, Math.floor(context.options.rate / 2)));
    const poison = stream(context, `${prefix}-poison`, context.options.rate);
    while (poison.sent.filter((d) => d.status === 200).length < POISON) await sleep(100);
    const poisonSent = await poison.stop();
    const poisonIds = poisonSent.filter((d) => d.status === 200).map((d) => d.mootaId);
    say(`${poisonIds.length} failing mutations queued; waiting for their retries to run out (5 retries, backoff from 2 s)…`);
    const startedWaiting = Date.now();
    let dead = 0;
    while (Date.now() - startedWaiting < DEAD_TIMEOUT_MS) {
      dead = await countWhere(context, `moota_id = ANY($1::text[]) AND processing = 'dead' AND process_error IS NOT NULL`, [poisonIds]);
      if (dead === poisonIds.length) break;
      await sleep(2_000);
    }
    const goodSent = await good.stop();
    const flow = await processingTimes(
      context,
      goodSent.filter((d) => d.status === 200).map((d) => d.mootaId),
    );
    const cookie = await signIn(context.options.ports.cocok, OWNER.email, OWNER.password);
    const overview = await dashboardGet(context.options.ports.cocok, '/api/dashboard/overview', cookie);
    const shown = (overview.json as { failures?: { deadMutations?: number } } | null)?.failures?.deadMutations ?? -1;
    const deadJobs = await withClient(context.database.url, async (client) =>
      Number((await client.query(`SELECT count(*) FROM pgboss.job WHERE name = 'process-mutation-dead'`)).rows[0].count),
    );
    await withClient(context.database.url, (client) => client.query(`DROP TRIGGER bench_poison ON mutations; DROP FUNCTION bench_poison()`));
    return {
      scenario: 'dead',
      figures: {
        'failing mutations': poisonIds.length,
        'dead-lettered': dead,
        'jobs in the dead letter queue': deadJobs,
        'dead shown on the overview': shown,
        'seconds until all were dead': round((Date.now() - startedWaiting) / 1000, 0),
        'good deliveries meanwhile': goodSent.length,
        'good: received → processed p50/p99/max ms': `${flow.p50}/${flow.p99}/${flow.max}`,
      },
      sent: goodSent,
      targets: [
        {
          target: 'every failing mutation ends dead-lettered with its error',
          measured: `${dead}/${poisonIds.length}`,
          pass: dead === poisonIds.length,
        },
        { target: 'the dashboard overview shows them as dead', measured: shown, pass: shown >= poisonIds.length },
        {
          target: 'good mutations kept being processed meanwhile',
          measured: `${flow.processed}/${flow.total}`,
          pass: flow.total > 0 && flow.processed === flow.total,
        },
      ],
    };
  },
};

// ---------------------------------------------------------------------------- checks

async function countWhere(context: Context, where: string, values: unknown[] = []): Promise<number> {
  return withClient(context.database.url, async (client) =>
    Number((await client.query(`SELECT count(*) FROM mutations WHERE ${where}`, values)).rows[0].count),
  );
}

const unprocessed = (context: Context) => countWhere(context, `processing = 'received'`);

/** How long after it arrived each of these mutations was processed, once the last of them was (or a minute passed). */
async function processingTimes(context: Context, ids: string[]) {
  const deadline = Date.now() + 60_000;
  let rows: { ms: number | null }[] = [];
  do {
    rows = await withClient(context.database.url, async (client) => {
      const { rows } = await client.query<{ ms: number | null }>(
        `SELECT extract(epoch FROM processed_at - received_at) * 1000 AS ms FROM mutations WHERE moota_id = ANY($1::text[])`,
        [ids],
      );
      return rows;
    });
    if (rows.every((row) => row.ms !== null)) break;
    await sleep(1_000);
  } while (Date.now() < deadline);
  const times = rows.flatMap((row) => (row.ms === null ? [] : [Number(row.ms)])).sort((a, b) => a - b);
  return {
    total: ids.length,
    processed: times.length,
    p50: round(percentile(times, 50), 0),
    p99: round(percentile(times, 99), 0),
    max: round(times.at(-1) ?? Number.NaN, 0),
  };
}

/** Every delivery answered 200 is stored once and processed once; the invariants hold. */
async function afterwards(context: Context, outcome: Outcome, sent: SentDelivery[]): Promise<TargetCheck[]> {
  const acknowledged = [...new Set(sent.filter((d) => d.status === 200).map((d) => d.mootaId))];
  const deadline = Date.now() + PROCESSED_TIMEOUT_MS;
  let rows: { moota_id: string; processing: string; process_attempts: number; decisions: number; deliveries: number }[] = [];
  while (Date.now() < deadline) {
    rows = await withClient(context.database.url, async (client) => {
      const { rows } = await client.query(
        `SELECT m.moota_id, m.processing::text AS processing, m.process_attempts,
           (SELECT count(*)::int FROM history h WHERE h.mutation_id = m.id AND h.action = ANY($2::text[])) AS decisions,
           (SELECT count(*)::int FROM deliveries d WHERE d.id = m.delivery_id) AS deliveries
         FROM mutations m WHERE m.moota_id = ANY($1::text[])`,
        [acknowledged, DECISIONS],
      );
      return rows;
    });
    if (rows.length === acknowledged.length && rows.every((row) => row.processing !== 'received')) break;
    await sleep(1_000);
  }
  const processedOnce = rows.filter((row) => row.processing === 'processed' && row.process_attempts === 1 && row.decisions <= 1);
  const report = await withClient(context.database.url, (client: pg.Client) =>
    checkInvariants({ executeSql: (text, values) => client.query(text, values) }),
  );
  outcome.figures['answered 200'] = acknowledged.length;
  outcome.figures['stored'] = rows.length;
  outcome.figures['processed once'] = processedOnce.length;
  outcome.figures['invariant violations'] = report.violations.length;
  return [
    {
      target: 'every delivery answered 200 is stored, once',
      measured: `${rows.length}/${acknowledged.length}`,
      pass: rows.length === acknowledged.length,
    },
    {
      target: 'every mutation answered 200 is processed exactly once',
      measured: `${processedOnce.length}/${acknowledged.length}`,
      pass: processedOnce.length === acknowledged.length,
    },
    {
      target: 'the invariant check passes',
      measured:
        report.violations.length === 0
          ? 'sound'
          : report.violations
              .slice(0, 3)
              .map((v) => v.message)
              .join(' | '),
      pass: report.violations.length === 0,
    },
  ];
}

function report(outcomes: Outcome[]) {
  for (const outcome of outcomes) {
    printColumns(
      [outcome.scenario, 'measured'],
      Object.entries(outcome.figures).map(([label, value]) => [
        label,
        typeof value === 'number' && Number.isInteger(value) ? fmt(value) : String(value),
      ]),
    );
    console.log('');
    printTargets(outcome.targets);
  }
}
