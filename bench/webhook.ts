/**
 * Cocok's webhook against a minimal reference receiver (bench/reference-receiver.ts), both on
 * the same embedded PostgreSQL server, loaded alike with signed single-mutation deliveries.
 *
 * npm run bench:webhook -- [--seconds 10] [--warmup 2] [--first-load 5] [--port-offset 0] [--profile]
 *
 * --first-load: seconds of unmeasured load at the highest sender count each receiver takes before
 * its first measured run, so that both are measured warm (JIT-compiled code, loaded modules, open
 * connections), not in their first seconds after start-up;
 *
 * --port-offset shifts every port the bench listens on (to run beside another bench);
 * --profile writes a V8 CPU profile of Cocok's server process to bench/results/profiles/.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadAverage, machineInfo, percentile, RESULTS_DIR, round, say, wholeNumber } from './lib/basics';
import { processTreeCpuMs } from './lib/cpu';
import { cpuProfileArgs } from './lib/cpu-profile';
import { databaseUrl, startBenchDatabase, withClient } from './lib/database';
import { postWebhook, waitUntilAnswering, type Answer } from './lib/http';
import { assertPortFree, describeFailure, isRunning, launch, stopServer, type ChildServer } from './lib/processes';
import { printColumns, printTargets, writeResults } from './lib/report';
import { runBench, type Cleanup } from './lib/run';
import { createDatabaseIfMissing } from '@/lib/database/embedded';
import { applyMigrations } from '@/lib/database/migrate';
import { createMootaGenerator, signedDelivery, type MootaGenerator } from '@/lib/sandbox/moota-generator';

const DATABASE_PORT = 55600;
const COCOK_PORT = 3999;
const REFERENCE_PORT = 3998;
const SENDER_COUNTS = [1, 16];
const MAX_DELIVERIES_PER_RUN = 200_000;
const MAX_ERRORS_PER_RUN = 50;
// Cocok's first start may include a production build.
const COCOK_START_TIMEOUT_MS = 15 * 60_000;
const REFERENCE_START_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 10_000;
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 50;
const SECRET = `bench-${randomBytes(12).toString('hex')}`;

interface Options {
  measureMs: number;
  warmupMs: number;
  firstLoadMs: number;
  profile: boolean;
  ports: { database: number; cocok: number; reference: number };
}

/** A receiver under load: its name in the report, its port, its server process. */
interface Receiver {
  name: 'Cocok' | 'reference';
  port: number;
  server: ChildServer;
}

interface RunResult {
  receiver: string;
  senders: number;
  measuredSeconds: number;
  deliveries: number;
  deliveriesPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Cocok's own `duration_ms` (inside its route handler), when the receiver reports one. */
  handlerP50Ms: number | null;
  handlerP99Ms: number | null;
  /** CPU time (user + system) per delivery, Linux only: the receiver's server process, its child processes (Cocok's worker), PostgreSQL. */
  cpuMsPerDelivery: { server: number; children: number; postgres: number | null } | null;
  errors: number;
  firstErrors: string[];
}

type Stored = Record<Receiver['name'], { deliveries: number; mutations: number }>;

runBench(main);

async function main(cleanup: Cleanup): Promise<number> {
  const options = parseOptions();
  await Promise.all(Object.values(options.ports).map(assertPortFree));
  const databases = await startDatabases(options, cleanup);
  const receivers = await startReceivers(options, databases, cleanup);
  const generator = createMootaGenerator();
  await smokeTest(receivers, generator);
  if (options.firstLoadMs > 0) await firstLoad(receivers, generator, options);
  const runs = await measureRuns(receivers, generator, options, databases.postmasterPid);
  const stored = await countStored(databases);
  const { ratios, targets } = report(runs, stored);
  writeResults('webhook', {
    machine: { ...machineInfo(), loadAverage: loadAverage() },
    setup: {
      firstLoadSeconds: options.firstLoadMs / 1000,
      warmupSeconds: options.warmupMs / 1000,
      measuredSeconds: options.measureMs / 1000,
      mutationsPerDelivery: 1,
      cocokWorker: process.env.COCOK_WORKER ?? 'inline',
      database: 'embedded PostgreSQL, one server, a database per receiver',
    },
    runs,
    ratios,
    targets,
    stored,
  });
  // A missed target is a finding, not a failure of the bench; error answers are.
  return runs.some((run) => run.errors > 0) ? 1 : 0;
}

// ---------------------------------------------------------------------------- steps

function parseOptions(): Options {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      'first-load': { type: 'string', default: '5' },
      'port-offset': { type: 'string', default: '0' },
      profile: { type: 'boolean', default: false },
    },
  });
  const offset = wholeNumber('port-offset', values['port-offset'], 0, 1000);
  return {
    measureMs: wholeNumber('seconds', values.seconds, 1, 120, 'seconds') * 1000,
    warmupMs: wholeNumber('warmup', values.warmup, 0, 60, 'seconds') * 1000,
    firstLoadMs: wholeNumber('first-load', values['first-load'], 0, 60, 'seconds') * 1000,
    profile: values.profile,
    ports: { database: DATABASE_PORT + offset, cocok: COCOK_PORT + offset, reference: REFERENCE_PORT + offset },
  };
}

/** One PostgreSQL server, a migrated database for each receiver. */
async function startDatabases(options: Options, cleanup: Cleanup) {
  const database = await startBenchDatabase({ port: options.ports.database, tempPrefix: 'cocok-bench-', cleanup });
  await createDatabaseIfMissing(databaseUrl(database.url, 'postgres'), 'reference');
  const urls = { Cocok: database.url, reference: databaseUrl(database.url, 'reference') };
  for (const url of Object.values(urls)) {
    await applyMigrations(url);
    await assertTablesExist(url);
  }
  say('Migrations applied to both databases');
  return { urls, postmasterPid: database.postmasterPid };
}

async function assertTablesExist(url: string) {
  const { rows } = await withClient(url, (client) =>
    client.query<{ missing: string[] }>(
      `SELECT array_agg(name) FILTER (WHERE to_regclass(name) IS NULL) AS missing FROM unnest($1::text[]) AS name`,
      [['deliveries', 'mutations']],
    ),
  );
  const missing = rows[0]?.missing ?? [];
  if (missing.length > 0) {
    throw new Error(`after applying prisma/migrations the tables ${missing.join(', ')} do not exist: is a migration missing?`);
  }
}

/** Cocok's production server (`npm start`'s script) and the reference receiver, each on its own database. */
async function startReceivers(options: Options, databases: { urls: Record<Receiver['name'], string> }, cleanup: Cleanup): Promise<Receiver[]> {
  say(`Starting Cocok on port ${options.ports.cocok} (scripts/start.ts builds first if the sources changed)…`);
  const cocok = launch(
    'Cocok',
    'scripts/start.ts',
    {
      ...process.env,
      DATABASE_URL: databases.urls.Cocok,
      PORT: String(options.ports.cocok),
      MOOTA_WEBHOOK_SECRET: SECRET,
      MOOTA_ALLOWED_IPS: '127.0.0.1,::1',
    },
    path.join(RESULTS_DIR, 'cocok-server.log'),
    options.profile ? cpuProfileArgs(path.join(RESULTS_DIR, 'profiles')) : [],
  );
  cleanup.add(() => stopServer(cocok));
  const reference = launch(
    'reference',
    'bench/reference-receiver.ts',
    {
      ...process.env,
      REFERENCE_DATABASE_URL: databases.urls.reference,
      REFERENCE_PORT: String(options.ports.reference),
      MOOTA_WEBHOOK_SECRET: SECRET,
    },
    path.join(RESULTS_DIR, 'reference-server.log'),
  );
  cleanup.add(() => stopServer(reference));
  await waitUntilAnswering(reference, options.ports.reference, REFERENCE_START_TIMEOUT_MS);
  await waitUntilAnswering(cocok, options.ports.cocok, COCOK_START_TIMEOUT_MS);
  say('Both receivers answer');
  return [
    { name: 'Cocok', port: options.ports.cocok, server: cocok },
    { name: 'reference', port: options.ports.reference, server: reference },
  ];
}

const post = (agent: http.Agent, port: number, body: string, headers: Record<string, string>) =>
  postWebhook(agent, port, body, headers, REQUEST_TIMEOUT_MS);

/** One delivery, then the same one again, to each receiver: the first must be accepted, the second a duplicate. */
async function smokeTest(receivers: Receiver[], generator: MootaGenerator) {
  for (const receiver of receivers) {
    const agent = new http.Agent({ keepAlive: false });
    const { body } = generator.delivery(1);
    const headers = signedDelivery(body, SECRET);
    try {
      for (const expected of [
        { accepted: 1, duplicates: 0 },
        { accepted: 0, duplicates: 1 },
      ]) {
        const answer = await post(agent, receiver.port, body, headers);
        let json: { accepted?: number; duplicates?: number } = {};
        try {
          json = JSON.parse(answer.text) as typeof json;
        } catch {
          // Reported below.
        }
        if (answer.status !== 200 || json.accepted !== expected.accepted || json.duplicates !== expected.duplicates) {
          throw describeFailure(
            receiver.server,
            `${receiver.name} answered a valid signed delivery with ${answer.status} ${answer.text.slice(0, 500)}\n` +
              `(expected 200 with accepted ${expected.accepted}, duplicates ${expected.duplicates})`,
          );
        }
      }
    } finally {
      agent.destroy();
    }
  }
  say('Both store a signed delivery and report its repeat as a duplicate');
}

/** Unmeasured load at the highest sender count, so that both receivers are measured warm. */
async function firstLoad(receivers: Receiver[], generator: MootaGenerator, options: Options) {
  const senders = SENDER_COUNTS.at(-1)!;
  for (const receiver of receivers) {
    say(`${receiver.name}: first load, ${options.firstLoadMs / 1000} s at ${senders} senders, not measured…`);
    const run = await runLoad(receiver, senders, generator, { warmupMs: 0, measureMs: options.firstLoadMs });
    if (run.errors > 0) {
      throw describeFailure(receiver.server, `${receiver.name} answered the first load with errors, e.g.:\n  ${run.firstErrors.join('\n  ')}`);
    }
  }
}

/** Each sender count, each receiver in turn. */
async function measureRuns(receivers: Receiver[], generator: MootaGenerator, options: Options, postmasterPid: number | null) {
  const runs: RunResult[] = [];
  for (const senders of SENDER_COUNTS) {
    for (const receiver of receivers) {
      say(`${receiver.name}: ${senders} sender(s), ${options.warmupMs / 1000} s warm-up + ${options.measureMs / 1000} s measured…`);
      const run = await runLoad(receiver, senders, generator, options, { postmasterPid });
      runs.push(run);
      if (run.errors > 0) {
        say(`${receiver.name} answered ${run.errors} deliveries with an error, e.g.:\n  ${run.firstErrors.join('\n  ')}`);
      }
      if (!isRunning(receiver.server)) throw describeFailure(receiver.server, `${receiver.name} exited during the run.`);
    }
  }
  return runs;
}

async function countStored(databases: { urls: Record<Receiver['name'], string> }): Promise<Stored> {
  const count = (url: string) =>
    withClient(url, async (client) => {
      const { rows } = await client.query<{ deliveries: string; mutations: string }>(
        `SELECT (SELECT count(*) FROM deliveries WHERE outcome = 'accepted') AS deliveries,
                (SELECT count(*) FROM mutations) AS mutations`,
      );
      return { deliveries: Number(rows[0]!.deliveries), mutations: Number(rows[0]!.mutations) };
    });
  return { Cocok: await count(databases.urls.Cocok), reference: await count(databases.urls.reference) };
}

/** The table of runs, the throughput ratios, PASS/MISS for each target and the rows stored. */
function report(runs: RunResult[], stored: Stored) {
  printColumns(
    [
      'receiver',
      'senders',
      'deliveries/s',
      'p50 ms',
      'p90 ms',
      'p99 ms',
      'max ms',
      'handler p50/p99 ms',
      'CPU ms/delivery server+children+pg',
      'errors',
    ],
    runs.map((run) => [
      run.receiver,
      String(run.senders),
      run.deliveriesPerSecond.toFixed(1),
      run.p50Ms.toFixed(2),
      run.p90Ms.toFixed(2),
      run.p99Ms.toFixed(2),
      run.maxMs.toFixed(2),
      run.handlerP50Ms === null ? '-' : `${run.handlerP50Ms}/${run.handlerP99Ms}`,
      run.cpuMsPerDelivery === null ? '-' : `${run.cpuMsPerDelivery.server}+${run.cpuMsPerDelivery.children}+${run.cpuMsPerDelivery.postgres ?? '?'}`,
      String(run.errors),
    ]),
  );

  const find = (receiver: string, senders: number) => runs.find((run) => run.receiver === receiver && run.senders === senders)!;
  const ratios = Object.fromEntries(
    SENDER_COUNTS.map((senders) => [senders, round(find('Cocok', senders).deliveriesPerSecond / find('reference', senders).deliveriesPerSecond, 2)]),
  ) as Record<number, number>;
  const busiest = SENDER_COUNTS.at(-1)!;
  const targets = [
    ...SENDER_COUNTS.map((senders) => ({
      target: `throughput Cocok/reference ≥ ${TARGET_RATIO} at ${senders} sender(s)`,
      measured: ratios[senders]!,
      pass: ratios[senders]! >= TARGET_RATIO,
    })),
    {
      target: `Cocok p99 < ${TARGET_P99_MS} ms at ${busiest} senders`,
      measured: find('Cocok', busiest).p99Ms,
      pass: find('Cocok', busiest).p99Ms < TARGET_P99_MS,
    },
    {
      target: 'no error answers',
      measured: runs.reduce((sum, run) => sum + run.errors, 0),
      pass: runs.every((run) => run.errors === 0),
    },
  ];
  console.log('');
  for (const senders of SENDER_COUNTS) console.log(`throughput ratio Cocok/reference at ${senders} sender(s): ${ratios[senders]!.toFixed(2)}`);
  printTargets(targets);
  console.log(
    `rows stored: Cocok ${stored.Cocok.deliveries} deliveries / ${stored.Cocok.mutations} mutations, ` +
      `reference ${stored.reference.deliveries} / ${stored.reference.mutations}`,
  );
  return { ratios, targets };
}

// ---------------------------------------------------------------------------- load

/**
 * CPU ms so far of the receiver's server, of its descendants (Cocok's worker), and of PostgreSQL,
 * whose backends serve this receiver alone while it is under load.
 */
function sampleCpu(server: ChildServer, postmasterPid: number | null) {
  const tree = processTreeCpuMs(server.child.pid);
  const postgres = processTreeCpuMs(postmasterPid);
  return tree && { server: tree.self, children: tree.descendants, postgres: postgres ? postgres.self + postgres.descendants : null };
}

function handlerDuration(text: string): number | undefined {
  try {
    const reported = (JSON.parse(text) as { duration_ms?: unknown }).duration_ms;
    return typeof reported === 'number' ? reported : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `senders` loops posting signed deliveries one after another for the warm-up and the measured
 * time; latencies count the answers that came in the measured time. With `cpuProbe`, CPU is
 * sampled at the end of the warm-up and at the end.
 */
async function runLoad(
  receiver: Receiver,
  senders: number,
  generator: MootaGenerator,
  timing: { warmupMs: number; measureMs: number },
  cpuProbe?: { postmasterPid: number | null },
): Promise<RunResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: senders });
  const measureFrom = performance.now() + timing.warmupMs;
  const measureTo = measureFrom + timing.measureMs;
  const latencies: number[] = [];
  const handlerMs: number[] = [];
  const firstErrors: string[] = [];
  let started = 0;
  let errors = 0;
  const cpu: { start: ReturnType<typeof sampleCpu>; end: ReturnType<typeof sampleCpu> } = { start: null, end: null };
  let answeredAtStart = 0;
  let answered = 0;
  const cpuSampler = setTimeout(() => {
    if (cpuProbe) cpu.start = sampleCpu(receiver.server, cpuProbe.postmasterPid);
    answeredAtStart = answered;
  }, timing.warmupMs);

  const sender = async () => {
    while (performance.now() < measureTo && started < MAX_DELIVERIES_PER_RUN && errors < MAX_ERRORS_PER_RUN) {
      started += 1;
      const { body } = generator.delivery(1);
      const headers = signedDelivery(body, SECRET);
      const began = performance.now();
      let answer: Answer;
      try {
        answer = await post(agent, receiver.port, body, headers);
      } catch (error) {
        answer = { status: 0, text: (error as Error).message };
      }
      const ended = performance.now();
      answered += 1;
      if (answer.status !== 200) {
        errors += 1;
        if (firstErrors.length < 5) firstErrors.push(`${answer.status} ${answer.text.slice(0, 300)}`);
      } else if (ended >= measureFrom && ended <= measureTo) {
        latencies.push(ended - began);
        const reported = handlerDuration(answer.text);
        if (reported !== undefined) handlerMs.push(reported);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: senders }, sender));
    if (cpuProbe) cpu.end = sampleCpu(receiver.server, cpuProbe.postmasterPid);
  } finally {
    clearTimeout(cpuSampler);
    agent.destroy();
  }
  const cpuDeliveries = answered - answeredAtStart;
  const perDelivery = (from: number | null, to: number | null) =>
    from === null || to === null || cpuDeliveries === 0 ? null : round((to - from) / cpuDeliveries, 2);
  const cpuMsPerDelivery =
    cpu.start && cpu.end
      ? {
          server: perDelivery(cpu.start.server, cpu.end.server)!,
          children: perDelivery(cpu.start.children, cpu.end.children)!,
          postgres: perDelivery(cpu.start.postgres, cpu.end.postgres),
        }
      : null;

  latencies.sort((a, b) => a - b);
  handlerMs.sort((a, b) => a - b);
  const handler = (p: number) => (handlerMs.length > 0 ? percentile(handlerMs, p) : null);
  const measuredSeconds = timing.measureMs / 1000;
  return {
    receiver: receiver.name,
    senders,
    measuredSeconds,
    deliveries: latencies.length,
    deliveriesPerSecond: round(latencies.length / measuredSeconds),
    p50Ms: round(percentile(latencies, 50), 2),
    p90Ms: round(percentile(latencies, 90), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    maxMs: round(latencies.at(-1) ?? Number.NaN, 2),
    handlerP50Ms: handler(50),
    handlerP99Ms: handler(99),
    cpuMsPerDelivery,
    errors,
    firstErrors,
  };
}
