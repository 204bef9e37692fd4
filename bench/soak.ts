/**
 * Soak: signed deliveries at the highest rate this machine holds (a short ramp finds it, or
 * --rate says it) for --minutes, while a few signed-in people keep the dashboard open (its
 * overview and work queue polled as the pages poll them). The server's and the worker's memory is
 * sampled every 10 s: it must stay flat. Reports the p99 answer time of the webhook and the dashboard.
 *
 * npm run bench:soak -- [--minutes 5] [--rate 0 (ramp)] [--dashboards 3] [--port-offset 0]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { fmt, loadAverage, machineInfo, percentile, round, say, sleep, wholeNumber } from './lib/basics';
import { childPids, residentMiB, startCocok } from './lib/cocok';
import { dashboardGet, signIn } from './lib/dashboard';
import { startBenchDatabase, withClient } from './lib/database';
import { assertPortFree, type ChildServer } from './lib/processes';
import { printColumns, printTargets, writeResults } from './lib/report';
import { runBench, type Cleanup } from './lib/run';
import { streamDeliveries, type SentDelivery } from './lib/stream';
import { createUser } from '@/lib/auth/users';
import { closeDatabase } from '@/lib/db';
import { applyMigrations } from '@/lib/database/migrate';
import { prepareQueues } from '@/lib/jobs/worker';
import { checkInvariants } from '@/lib/reconcile/invariants';
import { createMootaGenerator } from '@/lib/sandbox/moota-generator';

const DATABASE_PORT = 55750;
const COCOK_PORT = 3960;
const SECRET = `soak-${randomBytes(12).toString('hex')}`;
const VIEWER = { email: 'soak@cocok.local', password: 'soak-viewer-password-1' };
const SENDERS = 16;
const RAMP = [25, 50, 100, 200, 400, 800];
const RAMP_STEP_MS = 5_000;
/** A rate is held when nearly all of it is answered, all 200, with p99 under this. */
const HELD_P99_MS = 500;
const SAMPLE_EVERY_MS = 10_000;
const DASHBOARD_POLL_MS = 2_000;
const REQUEST_TIMEOUT_MS = 10_000;
const FLAT_GROWTH = 0.1;

interface Sample {
  second: number;
  serverMiB: number | null;
  workerMiB: number | null;
  deliveriesPerSecond: number;
  p99Ms: number;
}

runBench(main, { sayStopping: true, exitSoonAfter: true });

async function main(cleanup: Cleanup): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      minutes: { type: 'string', default: '5' },
      rate: { type: 'string', default: '0' },
      dashboards: { type: 'string', default: '3' },
      'port-offset': { type: 'string', default: '0' },
    },
  });
  const minutes = wholeNumber('minutes', values.minutes, 1, 120, 'minutes');
  const offset = wholeNumber('port-offset', values['port-offset'], 0, 1000);
  const dashboards = wholeNumber('dashboards', values.dashboards, 0, 20);
  const ports = { database: DATABASE_PORT + offset, cocok: COCOK_PORT + offset };
  await Promise.all(Object.values(ports).map(assertPortFree));

  const database = await startBenchDatabase({ port: ports.database, tempPrefix: 'cocok-soak-', cleanup });
  process.env.DATABASE_URL = database.url;
  cleanup.add(() => closeDatabase().catch(() => {}));
  await applyMigrations(database.url);
  await prepareQueues(database.url);
  await createUser({ ...VIEWER, role: 'viewer' });
  const app = await startCocok({ databaseUrl: database.url, port: ports.cocok, secret: SECRET, log: 'soak-server.log', cleanup });
  const generator = createMootaGenerator();
  const next = () => {
    const { body, mutations } = generator.delivery(1);
    return { mootaId: mutations[0]!.mutation_id, body };
  };
  const stream = (ratePerSecond: number) =>
    streamDeliveries({ port: ports.cocok, secret: SECRET, senders: SENDERS, ratePerSecond, timeoutMs: REQUEST_TIMEOUT_MS, next });

  const rate = Number(values.rate) > 0 ? wholeNumber('rate', values.rate, 1, 10_000) : await ramp(stream);
  say(`Soaking at ${rate} deliveries/s for ${minutes} minute(s) with ${dashboards} dashboard(s) open…`);
  const cookies = await Promise.all(Array.from({ length: dashboards }, () => signIn(ports.cocok, VIEWER.email, VIEWER.password)));
  const dashboardTimes: number[] = [];
  const dashboardErrors: string[] = [];
  let soaking = true;
  const pollers = cookies.map(async (cookie) => {
    while (soaking) {
      for (const route of ['/api/dashboard/overview', '/api/dashboard/unmatched']) {
        const answer = await dashboardGet(ports.cocok, route, cookie).catch((error: Error) => ({ status: 0, ms: 0, json: error.message }));
        if (answer.status === 200) dashboardTimes.push(answer.ms);
        else if (dashboardErrors.length < 5) dashboardErrors.push(`${route}: ${answer.status}`);
      }
      await sleep(DASHBOARD_POLL_MS);
    }
  });

  const deliveries = stream(rate);
  const samples: Sample[] = [];
  const started = Date.now();
  const end = started + minutes * 60_000;
  let seen = 0;
  const sample = () => {
    const window = deliveries.sent.slice(seen);
    seen += window.length;
    const worker = childPids(app.child.pid)[0];
    samples.push({
      second: Math.round((Date.now() - started) / 1000),
      serverMiB: residentMiB(app.child.pid),
      workerMiB: residentMiB(worker),
      deliveriesPerSecond: round(window.length / (SAMPLE_EVERY_MS / 1000)),
      p99Ms: p99(window),
    });
    const last = samples.at(-1)!;
    say(`${last.second} s: server ${last.serverMiB} MiB, worker ${last.workerMiB} MiB, ${last.deliveriesPerSecond}/s, p99 ${last.p99Ms} ms`);
  };
  sample();
  while (Date.now() < end) {
    await sleep(Math.min(SAMPLE_EVERY_MS, end - Date.now()));
    sample();
  }
  const sent = await deliveries.stop();
  soaking = false;
  await Promise.all(pollers);
  return report({ app, database, rate, minutes, dashboards, samples, sent, dashboardTimes, dashboardErrors });
}

const p99 = (sent: SentDelivery[]) =>
  round(
    percentile(
      sent.map((d) => d.ms).sort((a, b) => a - b),
      99,
    ),
    1,
  );

/** The highest rate of the ramp whose step is answered nearly in full, all 200, with p99 under HELD_P99_MS. */
async function ramp(stream: (rate: number) => { stop(): Promise<SentDelivery[]> }): Promise<number> {
  let held = RAMP[0]!;
  for (const rate of RAMP) {
    const step = stream(rate);
    await sleep(RAMP_STEP_MS);
    const sent = await step.stop();
    const achieved = sent.length / (RAMP_STEP_MS / 1000);
    const ok = sent.every((d) => d.status === 200) && achieved >= 0.9 * rate && p99(sent) < HELD_P99_MS;
    say(
      `ramp ${rate}/s: ${round(achieved)}/s answered, p99 ${p99(sent)} ms, ${sent.filter((d) => d.status !== 200).length} not 200 → ${ok ? 'held' : 'not held'}`,
    );
    if (!ok) break;
    held = rate;
  }
  return held;
}

async function report(run: {
  app: ChildServer;
  database: { url: string };
  rate: number;
  minutes: number;
  dashboards: number;
  samples: Sample[];
  sent: SentDelivery[];
  dashboardTimes: number[];
  dashboardErrors: string[];
}): Promise<number> {
  const { samples, sent } = run;
  printColumns(
    ['second', 'server MiB', 'worker MiB', 'deliveries/s', 'p99 ms'],
    samples.map((s) => [
      String(s.second),
      String(s.serverMiB ?? '-'),
      String(s.workerMiB ?? '-'),
      String(s.deliveriesPerSecond),
      Number.isNaN(s.p99Ms) ? '-' : String(s.p99Ms),
    ]),
  );
  const notOk = sent.filter((d) => d.status !== 200);
  const acknowledged = sent.filter((d) => d.status === 200).map((d) => d.mootaId);
  const stored = await withClient(run.database.url, async (client) =>
    Number((await client.query(`SELECT count(*) FROM mutations WHERE moota_id = ANY($1::text[])`, [acknowledged])).rows[0].count),
  );
  const invariants = await withClient(run.database.url, (client) => checkInvariants({ executeSql: (text, values) => client.query(text, values) }));
  // Memory after the first fifth of the soak (start-up and JIT warm-up) against the end.
  const settled = samples[Math.max(1, Math.floor(samples.length / 5))] ?? samples[0]!;
  const last = samples.at(-1)!;
  const growth = (from: number | null, to: number | null) => (from && to ? round((to - from) / from, 3) : Number.NaN);
  const serverGrowth = growth(settled.serverMiB, last.serverMiB);
  const workerGrowth = growth(settled.workerMiB, last.workerMiB);
  const dashboardTimes = run.dashboardTimes.sort((a, b) => a - b);
  const figures = {
    rate: run.rate,
    deliveries: sent.length,
    deliveriesPerSecond: round(sent.length / (run.minutes * 60)),
    p50Ms: round(
      percentile(
        sent.map((d) => d.ms).sort((a, b) => a - b),
        50,
      ),
      1,
    ),
    p99Ms: p99(sent),
    notOk: notOk.length,
    dashboardRequests: dashboardTimes.length,
    dashboardP99Ms: round(percentile(dashboardTimes, 99), 1),
    serverGrowth,
    workerGrowth,
    stored,
    acknowledged: acknowledged.length,
    invariantViolations: invariants.violations.length,
  };
  console.log(
    `\n${fmt(sent.length)} deliveries at ${run.rate}/s target (${figures.deliveriesPerSecond}/s answered), p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms; ` +
      `dashboard ${fmt(dashboardTimes.length)} requests, p99 ${figures.dashboardP99Ms} ms`,
  );
  const targets = [
    {
      target: `server memory flat (growth after warm-up < ${FLAT_GROWTH * 100}%)`,
      measured: `${round(serverGrowth * 100, 1)}%`,
      pass: serverGrowth < FLAT_GROWTH,
    },
    {
      target: `worker memory flat (growth after warm-up < ${FLAT_GROWTH * 100}%)`,
      measured: `${round(workerGrowth * 100, 1)}%`,
      pass: workerGrowth < FLAT_GROWTH,
    },
    {
      target: 'every delivery answered 200',
      measured: notOk.length === 0 ? 'all' : `${notOk.length} not, e.g. ${notOk[0]!.status} ${notOk[0]!.text}`,
      pass: notOk.length === 0,
    },
    { target: 'the dashboard answered every poll', measured: run.dashboardErrors.join(', ') || 'all', pass: run.dashboardErrors.length === 0 },
    { target: 'every delivery answered 200 is stored', measured: `${stored}/${acknowledged.length}`, pass: stored === acknowledged.length },
    { target: 'the invariant check passes', measured: invariants.violations.length, pass: invariants.violations.length === 0 },
  ];
  printTargets(targets);
  writeResults('soak', {
    machine: { ...machineInfo(), loadAverage: loadAverage() },
    minutes: run.minutes,
    dashboards: run.dashboards,
    figures,
    samples,
    targets,
  });
  return targets.every((target) => target.pass) ? 0 : 1;
}
