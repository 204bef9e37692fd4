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
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
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
  stopServer,
  waitUntilAnswering,
  type Answer,
  type ChildServer,
} from './support';
import { createDatabaseIfMissing, startEmbeddedDatabase, type EmbeddedDatabase } from '@/lib/database/embedded';
import { applyMigrations } from '@/lib/database/migrate';
import { createMootaGenerator, signedDelivery, type MootaGenerator } from '@/lib/sandbox/moota-generator';

let DATABASE_PORT = 55600;
let COCOK_PORT = 3999;
let REFERENCE_PORT = 3998;
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

interface Target {
  name: string;
  port: number;
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

/**
 * CPU ms of a process's own threads (utime + stime) and of the children it has reaped (cutime +
 * cstime), and its parent pid, from /proc (Linux); null if unreadable.
 */
function procStat(pid: number): { ownMs: number; reapedMs: number; ppid: number } | null {
  try {
    // Fields after the command name (which may hold spaces): ppid is the 2nd, utime to cstime the 12th to 15th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ms = (from: number) => ((Number(fields[from]) + Number(fields[from + 1])) * 1000) / 100;
    return { ownMs: ms(11), reapedMs: ms(13), ppid: Number(fields[1]) };
  } catch {
    return null;
  }
}

/**
 * CPU ms of a process, and separately of all its descendants: those alive now and those reaped,
 * so that the sum does not drop when one (a PostgreSQL backend) exits between two samples. Null
 * elsewhere than Linux.
 */
function processTreeCpuMs(pid: number | undefined): { self: number; descendants: number } | null {
  if (pid === undefined) return null;
  const root = procStat(pid);
  if (!root) return null;
  const stats = new Map<number, NonNullable<ReturnType<typeof procStat>>>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat) stats.set(Number(entry), stat);
  }
  const inTree = new Set([pid]);
  let descendants = root.reapedMs;
  for (let grew = true; grew; ) {
    grew = false;
    for (const [child, stat] of stats) {
      if (!inTree.has(child) && inTree.has(stat.ppid)) {
        inTree.add(child);
        descendants += stat.ownMs + stat.reapedMs;
        grew = true;
      }
    }
  }
  return { self: root.ownMs, descendants };
}

interface CpuProbe {
  server: number | undefined;
  /** PostgreSQL's postmaster: its backends serve this receiver alone while the receiver is under load. */
  postgres: number | undefined;
}

function sampleCpu(probe: CpuProbe) {
  const server = processTreeCpuMs(probe.server);
  const postgres = processTreeCpuMs(probe.postgres);
  return server && { server: server.self, children: server.descendants, postgres: postgres ? postgres.self + postgres.descendants : null };
}

const post = (agent: http.Agent, port: number, body: string, headers: Record<string, string>) =>
  postWebhook(agent, port, body, headers, REQUEST_TIMEOUT_MS);

/** One delivery, then the same one again: the first must be accepted, the second a duplicate. */
async function smokeTest(target: Target, server: ChildServer, generator: MootaGenerator) {
  const agent = new http.Agent({ keepAlive: false });
  const { body } = generator.delivery(1);
  const headers = signedDelivery(body, SECRET);
  try {
    for (const expected of [{ accepted: 1, duplicates: 0 }, { accepted: 0, duplicates: 1 }]) {
      const answer = await post(agent, target.port, body, headers);
      let json: { accepted?: number; duplicates?: number } = {};
      try {
        json = JSON.parse(answer.text) as typeof json;
      } catch {
        // Reported below.
      }
      if (answer.status !== 200 || json.accepted !== expected.accepted || json.duplicates !== expected.duplicates) {
        throw describeFailure(
          server,
          `${target.name} answered a valid signed delivery with ${answer.status} ${answer.text.slice(0, 500)}\n` +
            `(expected 200 with accepted ${expected.accepted}, duplicates ${expected.duplicates})`,
        );
      }
    }
  } finally {
    agent.destroy();
  }
}

// ---------------------------------------------------------------------------- load


function handlerDuration(text: string): number | undefined {
  try {
    const reported = (JSON.parse(text) as { duration_ms?: unknown }).duration_ms;
    return typeof reported === 'number' ? reported : undefined;
  } catch {
    return undefined;
  }
}

async function runLoad(
  target: Target,
  cpuProbe: CpuProbe,
  senders: number,
  generator: MootaGenerator,
  timing: { warmupMs: number; measureMs: number },
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
    cpu.start = sampleCpu(cpuProbe);
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
        answer = await post(agent, target.port, body, headers);
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
    cpu.end = sampleCpu(cpuProbe);
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
    receiver: target.name,
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

async function countRows(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ deliveries: string; mutations: string }>(
      `SELECT (SELECT count(*) FROM deliveries WHERE outcome = 'accepted') AS deliveries,
              (SELECT count(*) FROM mutations) AS mutations`,
    );
    return { deliveries: Number(rows[0]!.deliveries), mutations: Number(rows[0]!.mutations) };
  } finally {
    await client.end();
  }
}

async function assertTablesExist(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ missing: string[] }>(
      `SELECT array_agg(name) FILTER (WHERE to_regclass(name) IS NULL) AS missing FROM unnest($1::text[]) AS name`,
      [['deliveries', 'mutations']],
    );
    const missing = rows[0]?.missing ?? [];
    if (missing.length > 0) {
      throw new Error(`after applying prisma/migrations the tables ${missing.join(', ')} do not exist: is a migration missing?`);
    }
  } finally {
    await client.end();
  }
}

function postmasterPid(tempDir: string): number | undefined {
  try {
    return Number(readFileSync(path.join(tempDir, 'data', 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------- report

function printTable(runs: RunResult[]) {
  const header = ['receiver', 'senders', 'deliveries/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'handler p50/p99 ms', 'CPU ms/delivery server+children+pg', 'errors'];
  const rows = runs.map((run) => [
    run.receiver,
    String(run.senders),
    run.deliveriesPerSecond.toFixed(1),
    run.p50Ms.toFixed(2),
    run.p90Ms.toFixed(2),
    run.p99Ms.toFixed(2),
    run.maxMs.toFixed(2),
    run.handlerP50Ms === null ? '-' : `${run.handlerP50Ms}/${run.handlerP99Ms}`,
    run.cpuMsPerDelivery === null
      ? '-'
      : `${run.cpuMsPerDelivery.server}+${run.cpuMsPerDelivery.children}+${run.cpuMsPerDelivery.postgres ?? '?'}`,
    String(run.errors),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}

// ---------------------------------------------------------------------------- main

function parseOptions() {
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
  const offset = values['port-offset'];
  if (!/^\d+$/.test(offset) || Number(offset) > 1000) throw new Error(`--port-offset must be a whole number up to 1000, got "${offset}"`);
  DATABASE_PORT += Number(offset);
  COCOK_PORT += Number(offset);
  REFERENCE_PORT += Number(offset);
  const seconds = (flag: string, text: string, min: number, max: number) => {
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      throw new Error(`--${flag} must be a whole number of seconds from ${min} to ${max}, got "${text}"`);
    }
    return Number(text) * 1000;
  };
  return {
    measureMs: seconds('seconds', values.seconds, 1, 120),
    warmupMs: seconds('warmup', values.warmup, 0, 60),
    firstLoadMs: seconds('first-load', values['first-load'], 0, 60),
    profile: values.profile,
  };
}

async function main() {
  const timing = parseOptions();
  mkdirSync(RESULTS_DIR, { recursive: true });
  await Promise.all([DATABASE_PORT, COCOK_PORT, REFERENCE_PORT].map(assertPortFree));

  let database: EmbeddedDatabase | undefined;
  const servers: ChildServer[] = [];
  // The postgres user (when run as root) must be able to enter the data folder's parent.
  const tempDir = makeTempDir('cocok-bench-');

  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const server of servers) await stopServer(server);
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
    say(`Starting embedded PostgreSQL on port ${DATABASE_PORT} (data in ${tempDir})`);
    database = await startEmbeddedDatabase({ dataDir: path.join(tempDir, 'data'), port: DATABASE_PORT, log: say });
    const cocokUrl = database.url;
    const serverUrl = new URL(cocokUrl);
    serverUrl.pathname = '/postgres';
    await createDatabaseIfMissing(serverUrl.href, 'reference');
    serverUrl.pathname = '/reference';
    const referenceUrl = serverUrl.href;
    for (const url of [cocokUrl, referenceUrl]) {
      await applyMigrations(url);
      await assertTablesExist(url);
    }
    say('Migrations applied to both databases');

    const cocokTarget = { name: 'Cocok', port: COCOK_PORT };
    const referenceTarget = { name: 'reference', port: REFERENCE_PORT };
    say(`Starting Cocok on port ${COCOK_PORT} (scripts/start.ts builds first if the sources changed)…`);
    const cocok = launch(
      'Cocok',
      'scripts/start.ts',
      {
        ...process.env,
        DATABASE_URL: cocokUrl,
        PORT: String(COCOK_PORT),
        MOOTA_WEBHOOK_SECRET: SECRET,
        MOOTA_ALLOWED_IPS: '127.0.0.1,::1',
      },
      path.join(RESULTS_DIR, 'cocok-server.log'),
      timing.profile ? ['--cpu-prof', '--cpu-prof-dir', path.join(RESULTS_DIR, 'profiles')] : [],
    );
    servers.push(cocok);
    const reference = launch(
      'reference',
      'bench/reference-receiver.ts',
      {
        ...process.env,
        REFERENCE_DATABASE_URL: referenceUrl,
        REFERENCE_PORT: String(REFERENCE_PORT),
        MOOTA_WEBHOOK_SECRET: SECRET,
      },
      path.join(RESULTS_DIR, 'reference-server.log'),
    );
    servers.push(reference);
    await waitUntilAnswering(reference, REFERENCE_PORT, REFERENCE_START_TIMEOUT_MS);
    await waitUntilAnswering(cocok, COCOK_PORT, COCOK_START_TIMEOUT_MS);
    say('Both receivers answer');

    const generator = createMootaGenerator();
    await smokeTest(cocokTarget, cocok, generator);
    await smokeTest(referenceTarget, reference, generator);
    say('Both store a signed delivery and report its repeat as a duplicate');

    const receivers = [[cocokTarget, cocok], [referenceTarget, reference]] as const;
    for (const [target, server] of timing.firstLoadMs > 0 ? receivers : []) {
      say(`${target.name}: first load, ${timing.firstLoadMs / 1000} s at ${SENDER_COUNTS.at(-1)} senders, not measured…`);
      const run = await runLoad(target, { server: undefined, postgres: undefined }, SENDER_COUNTS.at(-1)!, generator, {
        warmupMs: 0,
        measureMs: timing.firstLoadMs,
      });
      if (run.errors > 0) throw describeFailure(server, `${target.name} answered the first load with errors, e.g.:\n  ${run.firstErrors.join('\n  ')}`);
    }

    const runs: RunResult[] = [];
    for (const senders of SENDER_COUNTS) {
      for (const [target, server] of receivers) {
        say(`${target.name}: ${senders} sender(s), ${timing.warmupMs / 1000} s warm-up + ${timing.measureMs / 1000} s measured…`);
        const run = await runLoad(target, { server: server.child.pid, postgres: postmasterPid(tempDir) }, senders, generator, timing);
        runs.push(run);
        if (run.errors > 0) {
          say(`${target.name} answered ${run.errors} deliveries with an error, e.g.:\n  ${run.firstErrors.join('\n  ')}`);
        }
        if (!isRunning(server)) throw describeFailure(server, `${target.name} exited during the run.`);
      }
    }

    const stored = { Cocok: await countRows(cocokUrl), reference: await countRows(referenceUrl) };
    printTable(runs);

    const find = (receiver: string, senders: number) => runs.find((run) => run.receiver === receiver && run.senders === senders)!;
    const ratios = Object.fromEntries(
      SENDER_COUNTS.map((senders) => [
        senders,
        round(find('Cocok', senders).deliveriesPerSecond / find('reference', senders).deliveriesPerSecond, 2),
      ]),
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
    for (const check of targets) console.log(`${check.pass ? 'PASS' : 'MISS'}  ${check.target} (measured ${check.measured})`);
    console.log(
      `rows stored: Cocok ${stored.Cocok.deliveries} deliveries / ${stored.Cocok.mutations} mutations, ` +
        `reference ${stored.reference.deliveries} / ${stored.reference.mutations}`,
    );

    const resultsFile = path.join(RESULTS_DIR, 'webhook.json');
    writeFileSync(
      resultsFile,
      `${JSON.stringify(
        {
          finishedAt: new Date().toISOString(),
          machine: { ...machineInfo(), loadAverage: loadAverage() },
          setup: {
            firstLoadSeconds: timing.firstLoadMs / 1000,
            warmupSeconds: timing.warmupMs / 1000,
            measuredSeconds: timing.measureMs / 1000,
            mutationsPerDelivery: 1,
            cocokWorker: process.env.COCOK_WORKER ?? 'inline',
            database: 'embedded PostgreSQL, one server, a database per receiver',
          },
          runs,
          ratios,
          targets,
          stored,
        },
        null,
        2,
      )}\n`,
    );
    say(`Results written to ${path.relative(root, resultsFile)}`);
    // A missed target is a finding, not a failure of the bench; error answers are.
    process.exitCode = runs.some((run) => run.errors > 0) ? 1 : 0;
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof Error && !error.message.includes('--- last output')) console.error(error.stack);
  process.exitCode = 1;
});
