/**
 * Every dashboard page and read, as the owner, against a demo-sized database and against a busy
 * merchant's year (`npm run seed:scale` into a fresh database), side by side in one run: the
 * server's time to the answer's last byte from a loopback client, the median of --runs after a
 * warm-up. The polled reads are asked again with If-None-Match; the mutations CSV export of a
 * month and of the year gives rows per second, bytes and the server's memory. `/api/health` and
 * the sign-in page, measured the same way, are the floor.
 *
 * npm run bench:pages -- [--mutations 1000000] [--orders 300000] [--days 365] [--accounts 5] [--runs 5]
 *                        [--scale-database URL] [--port-offset 0]
 *
 * --scale-database measures a database seed:scale already filled instead of seeding a fresh one.
 * The bench only talks HTTP to the app, and SQL to find ids to ask for (a mutation, an order, a delivery).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { fmt, loadAverage, machineInfo, percentile, root, round, say, seconds, sleep, wholeNumber } from './lib/basics';
import { residentMiB, startCocok } from './lib/cocok';
import { download, signIn, timedGet, type TimedAnswer } from './lib/dashboard';
import { databaseUrl, startBenchDatabase, withClient } from './lib/database';
import { assertPortFree, type ChildServer } from './lib/processes';
import { printColumns, printTargets, writeResults, type TargetCheck } from './lib/report';
import { runBench, type Cleanup } from './lib/run';
import { DEFAULT_SCALE_OPTIONS } from './lib/scale-plan';
import { closeDatabase } from '@/lib/db';
import { createDatabaseIfMissing } from '@/lib/database/embedded';
import { applyMigrations } from '@/lib/database/migrate';
import { prepareQueues } from '@/lib/jobs/worker';
import { NODE_SCRIPT_ARGS } from '@/lib/runtime/node-script';
import { DEMO_USERS } from '@/lib/sandbox/demo';
import { addDays, jakartaDay } from '@/lib/time/jakarta';
import { seedDemoData } from '@/prisma/seed';

const DATABASE_PORT = 55700;
const DEMO_PORT = 3940;
const SCALE_PORT = 3941;
const SECRET = `pages-${randomBytes(12).toString('hex')}`;
const OWNER = DEMO_USERS.find((user) => user.role === 'owner')!;
const TARGET_RATIO = 3;
const TARGET_MS = 300;
const TARGET_UNCHANGED_MS = 50;
const TARGET_EXPORT_ROWS_PER_SECOND = 100_000;
/** The export's memory is flat when the server grows by less than this while it streams. */
const FLAT_EXPORT_MIB = 64;
const RSS_SAMPLE_MS = 100;
const NO_MATCH = 'tidak-ada-yang-cocok-zq';

type Side = 'demo' | 'scale';

interface Read {
  name: string;
  path: (ids: Ids) => string;
  /** A read the dashboard polls: also asked with If-None-Match after a first answer. */
  polled?: boolean;
  /** The floor: unauthenticated, not held to the targets. */
  floor?: boolean;
}

/** What the reads name, found in each database. */
interface Ids {
  mutationId: string;
  orderReference: string;
  deliveryId: string;
  accountBankId: string;
  today: string;
  yearAgo: string;
}

const year = (ids: Ids) => `from=${ids.yearAgo}&to=${ids.today}`;

const READS: Read[] = [
  { name: 'floor: /api/health', path: () => '/api/health', floor: true },
  { name: 'floor: sign-in page /login', path: () => '/login', floor: true },
  { name: 'overview /', path: () => '/' },
  { name: 'GET /api/dashboard/overview', path: () => '/api/dashboard/overview', polled: true },
  { name: 'queue /unmatched', path: () => '/unmatched' },
  { name: 'GET /api/dashboard/unmatched', path: () => '/api/dashboard/unmatched', polled: true },
  { name: 'queue order search by reference', path: (ids) => `/api/dashboard/unmatched/orders?q=${ids.orderReference}` },
  { name: 'mutations /mutations', path: () => '/mutations' },
  { name: 'mutations, text matching nothing', path: () => `/mutations?q=${NO_MATCH}` },
  { name: 'mutations, amount 150,000–150,999', path: () => '/mutations?min=150000&max=150999' },
  { name: 'mutations, one account', path: (ids) => `/mutations?account=${ids.accountBankId}` },
  { name: 'mutations, debits', path: () => '/mutations?type=DB' },
  { name: 'a mutation /mutations/[id]', path: (ids) => `/mutations/${ids.mutationId}` },
  { name: 'orders /orders', path: () => '/orders' },
  { name: 'orders, search by reference', path: (ids) => `/orders?q=${ids.orderReference}` },
  { name: 'orders, paid', path: () => '/orders?status=paid' },
  { name: 'an order /orders/[reference]', path: (ids) => `/orders/${ids.orderReference}` },
  { name: 'new order /orders/new', path: () => '/orders/new' },
  { name: 'order import /orders/import', path: () => '/orders/import' },
  { name: 'cash flow, default 30 days', path: () => '/cash-flow' },
  { name: 'cash flow, a year by month', path: (ids) => `/cash-flow?${year(ids)}&granularity=month` },
  { name: 'cash flow, a year by day', path: (ids) => `/cash-flow?${year(ids)}&granularity=day` },
  { name: 'GET /api/dashboard/cash-flow', path: () => '/api/dashboard/cash-flow' },
  { name: 'GET /api/dashboard/cash-flow, year by month', path: (ids) => `/api/dashboard/cash-flow?${year(ids)}&granularity=month` },
  { name: 'GET /api/dashboard/cash-flow, year by day', path: (ids) => `/api/dashboard/cash-flow?${year(ids)}&granularity=day` },
  { name: 'revenue, default', path: () => '/revenue' },
  { name: 'revenue, a year by month', path: (ids) => `/revenue?${year(ids)}&granularity=month` },
  { name: 'GET /api/dashboard/revenue', path: () => '/api/dashboard/revenue' },
  { name: 'GET /api/dashboard/revenue, year by month', path: (ids) => `/api/dashboard/revenue?${year(ids)}&granularity=month` },
  { name: 'webhooks and sync /webhooks', path: () => '/webhooks' },
  { name: 'webhooks, refused calls', path: () => '/webhooks?outcome=rejected' },
  { name: 'a delivery /webhooks/[id]', path: (ids) => `/webhooks/${ids.deliveryId}` },
  { name: 'GET /api/dashboard/webhooks', path: () => '/api/dashboard/webhooks' },
  { name: 'GET /api/dashboard/sync-runs', path: () => '/api/dashboard/sync-runs' },
  { name: 'accounts /accounts', path: () => '/accounts' },
  { name: 'statements /statements', path: () => '/statements' },
  { name: 'settings /settings', path: () => '/settings' },
  { name: 'sandbox /sandbox', path: () => '/sandbox' },
];

interface Measured {
  /** Median, in ms, of the measured runs; the statuses seen. */
  ms: number;
  statuses: number[];
  bytes: number;
}

interface ReadResult {
  name: string;
  path: Record<Side, string>;
  demo: Measured;
  scale: Measured;
  ratio: number;
  target: string;
  pass: boolean | null;
}

interface ExportResult {
  name: string;
  side: Side;
  rows: number;
  bytes: number;
  seconds: number;
  firstByteMs: number;
  rowsPerSecond: number;
  rssBeforeMiB: number | null;
  rssPeakMiB: number | null;
  rssAfterMiB: number | null;
  status: number;
}

interface Options {
  seed: { mutations: string; orders: string; days: string; accounts: string };
  runs: number;
  scaleDatabase: string | undefined;
  ports: { database: number; demo: number; scale: number };
}

runBench(main, { sayStopping: true, exitSoonAfter: true });

async function main(cleanup: Cleanup): Promise<number> {
  const options = parseOptions();
  await Promise.all(Object.values(options.ports).map(assertPortFree));
  const database = await startBenchDatabase({ port: options.ports.database, tempPrefix: 'cocok-pages-', cleanup });
  const urls: Record<Side, string> = { demo: databaseUrl(database.url, 'demo'), scale: options.scaleDatabase ?? databaseUrl(database.url, 'scale') };

  await seedDemo(urls.demo);
  const seedSeconds = options.scaleDatabase ? null : await seedScaleDatabase(urls.scale, options);
  const ids = { demo: await findIds(urls.demo), scale: await findIds(urls.scale) };
  const sizes = { demo: await countRows(urls.demo), scale: await countRows(urls.scale) };
  say(
    `demo: ${fmt(sizes.demo.mutations)} mutations, ${fmt(sizes.demo.orders)} orders; scale: ${fmt(sizes.scale.mutations)} mutations, ${fmt(sizes.scale.orders)} orders`,
  );

  // One after the other: the first start may build the app, the second finds the build current.
  const servers: Record<Side, ChildServer> = {
    demo: await startCocok({ databaseUrl: urls.demo, port: options.ports.demo, secret: SECRET, log: 'pages-demo-server.log', cleanup }),
    scale: await startCocok({ databaseUrl: urls.scale, port: options.ports.scale, secret: SECRET, log: 'pages-scale-server.log', cleanup }),
  };
  const ports: Record<Side, number> = { demo: options.ports.demo, scale: options.ports.scale };
  const cookies = { demo: await signIn(ports.demo, OWNER.email, OWNER.password), scale: await signIn(ports.scale, OWNER.email, OWNER.password) };
  say(`Signed in as ${OWNER.email} on both; measuring ${READS.length} reads, median of ${options.runs} after a warm-up…`);

  const reads: ReadResult[] = [];
  for (const read of READS) reads.push(await measureRead(read, ids, ports, cookies, options.runs));
  const unchanged: ReadResult[] = [];
  for (const read of READS.filter((each) => each.polled)) unchanged.push(await measureUnchanged(read, ids, ports, cookies, options.runs));
  const exports: ExportResult[] = [];
  for (const side of ['demo', 'scale'] as const) {
    for (const [name, from] of [
      ['mutations CSV, one month', addDays(ids[side].today, -29)],
      ['mutations CSV, a year', ids[side].yearAgo],
    ] as const) {
      exports.push(
        await measureExport(
          name,
          side,
          `/api/dashboard/mutations/export?from=${from}&to=${ids[side].today}`,
          ports[side],
          cookies[side],
          servers[side],
        ),
      );
    }
  }

  const targets = report(reads, unchanged, exports);
  writeResults('pages', {
    machine: { ...machineInfo(), loadAverage: loadAverage() },
    setup: { runs: options.runs, seed: options.scaleDatabase ? 'given database' : options.seed, seedSeconds, sizes, owner: OWNER.email },
    reads,
    unchanged,
    exports,
    targets,
  });
  const failed = [...reads, ...unchanged].filter((read) =>
    [...read.demo.statuses, ...read.scale.statuses].some((status) => status >= 400 || status === 0),
  );
  if (failed.length > 0) say(`error answers from: ${failed.map((read) => read.name).join(', ')}`);
  // A missed target is a finding, not a failure of the bench; error answers are.
  return failed.length > 0 || exports.some((each) => each.status !== 200) ? 1 : 0;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      mutations: { type: 'string', default: String(DEFAULT_SCALE_OPTIONS.mutations) },
      orders: { type: 'string', default: String(DEFAULT_SCALE_OPTIONS.orders) },
      days: { type: 'string', default: String(DEFAULT_SCALE_OPTIONS.days) },
      accounts: { type: 'string', default: String(DEFAULT_SCALE_OPTIONS.accounts) },
      runs: { type: 'string', default: '5' },
      'scale-database': { type: 'string' },
      'port-offset': { type: 'string', default: '0' },
    },
  });
  const offset = wholeNumber('port-offset', values['port-offset'], 0, 1000);
  return {
    seed: { mutations: values.mutations, orders: values.orders, days: values.days, accounts: values.accounts },
    runs: wholeNumber('runs', values.runs, 1, 50),
    scaleDatabase: values['scale-database'],
    ports: { database: DATABASE_PORT + offset, demo: DEMO_PORT + offset, scale: SCALE_PORT + offset },
  };
}

// ---------------------------------------------------------------------------- databases

/** The demo's month, as `npm start` seeds it on a first demo start. */
async function seedDemo(url: string) {
  await createDatabaseIfMissing(databaseUrl(url, 'postgres'), 'demo');
  await applyMigrations(url);
  await prepareQueues(url);
  process.env.DATABASE_URL = url;
  say((await seedDemoData()) ?? 'the demo database was seeded already');
  await closeDatabase();
}

/** `npm run seed:scale` into a fresh database, its progress shown; the seconds it took. */
async function seedScaleDatabase(url: string, options: Options): Promise<number> {
  await createDatabaseIfMissing(databaseUrl(url, 'postgres'), 'scale');
  const flags = Object.entries(options.seed).flatMap(([flag, value]) => [`--${flag}`, value]);
  say(`npm run seed:scale -- ${flags.join(' ')}`);
  const started = performance.now();
  const child = spawn(process.execPath, [...NODE_SCRIPT_ARGS, 'scripts/seed-scale.ts', ...flags], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`seed:scale exited with ${code}`);
  const took = (performance.now() - started) / 1000;
  say(`seed:scale took ${seconds(took * 1000)} (with its invariant check)`);
  return round(took);
}

/** A mutation, an order and a delivery from the middle of the data, the busiest account, and the year the reports ask for. */
async function findIds(url: string): Promise<Ids> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ mutation_id: string; reference: string; delivery_id: string; bank_id: string }>(`
      SELECT (SELECT id FROM mutations WHERE type = 'CR' ORDER BY occurred_at DESC OFFSET (SELECT count(*) / 2 FROM mutations WHERE type = 'CR') LIMIT 1) AS mutation_id,
        (SELECT reference FROM orders ORDER BY created_at DESC OFFSET (SELECT count(*) / 2 FROM orders) LIMIT 1) AS reference,
        (SELECT id FROM deliveries WHERE outcome = 'accepted' ORDER BY received_at DESC OFFSET 10 LIMIT 1) AS delivery_id,
        (SELECT bank_id FROM mutations GROUP BY bank_id ORDER BY count(*) DESC LIMIT 1) AS bank_id`);
    const row = rows[0]!;
    const today = jakartaDay(new Date());
    return {
      mutationId: row.mutation_id,
      orderReference: row.reference,
      deliveryId: row.delivery_id,
      accountBankId: row.bank_id,
      today,
      yearAgo: addDays(today, -364),
    };
  });
}

async function countRows(url: string) {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ mutations: string; orders: string }>(
      `SELECT (SELECT count(*) FROM mutations) AS mutations, (SELECT count(*) FROM orders) AS orders`,
    );
    return { mutations: Number(rows[0]!.mutations), orders: Number(rows[0]!.orders) };
  });
}

// ---------------------------------------------------------------------------- measuring

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

function summarizeAnswers(answers: TimedAnswer[]): Measured {
  return {
    ms: round(median(answers.map((answer) => answer.ms)), 1),
    statuses: [...new Set(answers.map((answer) => answer.status))],
    bytes: answers.at(-1)?.bytes ?? 0,
  };
}

/** A warm-up request on each side, then `runs` rounds, demo and scale in turn so that both share the machine's moods. */
async function measureRead(
  read: Read,
  ids: Record<Side, Ids>,
  ports: Record<Side, number>,
  cookies: Record<Side, string>,
  runs: number,
): Promise<ReadResult> {
  const path = { demo: read.path(ids.demo), scale: read.path(ids.scale) };
  const ask = (side: Side) => timedGet(ports[side], path[side], { cookie: read.floor ? undefined : cookies[side] });
  await ask('demo');
  await ask('scale');
  const answers: Record<Side, TimedAnswer[]> = { demo: [], scale: [] };
  for (let run = 0; run < runs; run++) {
    answers.demo.push(await ask('demo'));
    answers.scale.push(await ask('scale'));
  }
  const demo = summarizeAnswers(answers.demo);
  const scale = summarizeAnswers(answers.scale);
  const ratio = round(scale.ms / demo.ms, 2);
  say(`${read.name}: demo ${demo.ms} ms, scale ${scale.ms} ms (${scale.statuses.join('/')})`);
  return {
    name: read.name,
    path,
    demo,
    scale,
    ratio,
    target: read.floor ? '-' : `≤${TARGET_RATIO}× and <${TARGET_MS} ms`,
    pass: read.floor ? null : ratio <= TARGET_RATIO && scale.ms < TARGET_MS,
  };
}

/** A polled read asked again with the ETag of its first answer, nothing having changed: 304, and fast. */
async function measureUnchanged(
  read: Read,
  ids: Record<Side, Ids>,
  ports: Record<Side, number>,
  cookies: Record<Side, string>,
  runs: number,
): Promise<ReadResult> {
  const path = { demo: read.path(ids.demo), scale: read.path(ids.scale) };
  const tags: Record<Side, string | undefined> = { demo: undefined, scale: undefined };
  for (const side of ['demo', 'scale'] as const) {
    const first = await timedGet(ports[side], path[side], { cookie: cookies[side] });
    const etag = first.headers.etag;
    tags[side] = typeof etag === 'string' ? etag : undefined;
  }
  const ask = (side: Side) => timedGet(ports[side], path[side], { cookie: cookies[side], headers: { 'if-none-match': tags[side] ?? '"none"' } });
  const answers: Record<Side, TimedAnswer[]> = { demo: [], scale: [] };
  for (let run = 0; run < runs; run++) {
    answers.demo.push(await ask('demo'));
    answers.scale.push(await ask('scale'));
  }
  const demo = summarizeAnswers(answers.demo);
  const scale = summarizeAnswers(answers.scale);
  const name = `${read.name}, unchanged (If-None-Match${tags.scale ? '' : ', no ETag given'})`;
  say(`${name}: demo ${demo.ms} ms ${demo.statuses.join('/')}, scale ${scale.ms} ms ${scale.statuses.join('/')}`);
  return {
    name,
    path,
    demo,
    scale,
    ratio: round(scale.ms / demo.ms, 2),
    target: `304 in <${TARGET_UNCHANGED_MS} ms`,
    pass: scale.statuses.length === 1 && scale.statuses[0] === 304 && scale.ms < TARGET_UNCHANGED_MS,
  };
}

/** One export, streamed and counted, the server's resident memory sampled before, during and after. */
async function measureExport(name: string, side: Side, path: string, port: number, cookie: string, server: ChildServer): Promise<ExportResult> {
  const pid = server.child.pid;
  const rssBeforeMiB = residentMiB(pid);
  let rssPeakMiB = rssBeforeMiB;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const now = residentMiB(pid);
      if (now !== null && (rssPeakMiB === null || now > rssPeakMiB)) rssPeakMiB = now;
      await sleep(RSS_SAMPLE_MS);
    }
  })();
  const answer = await download(port, path, cookie).finally(() => {
    sampling = false;
  });
  await sampler;
  const rows = Math.max(0, answer.lines - 1);
  const result: ExportResult = {
    name,
    side,
    rows,
    bytes: answer.bytes,
    seconds: round(answer.ms / 1000, 2),
    firstByteMs: round(answer.firstByteMs, 1),
    rowsPerSecond: Math.round(rows / (answer.ms / 1000)),
    rssBeforeMiB,
    rssPeakMiB,
    rssAfterMiB: residentMiB(pid),
    status: answer.status,
  };
  say(
    `${name} (${side}): ${fmt(rows)} rows, ${fmt(answer.bytes / 1024)} KiB in ${seconds(answer.ms)}, server ${rssBeforeMiB} → peak ${rssPeakMiB} MiB`,
  );
  return result;
}

// ---------------------------------------------------------------------------- report

function report(reads: ReadResult[], unchanged: ReadResult[], exports: ExportResult[]): TargetCheck[] {
  const verdict = (pass: boolean | null) => (pass === null ? '' : pass ? 'PASS' : 'FAIL');
  const statuses = (read: ReadResult) => `${read.demo.statuses.join('/')} ${read.scale.statuses.join('/')}`;
  printColumns(
    ['read', 'demo ms', 'scale ms', 'ratio', 'status demo scale', 'target', ''],
    [...reads, ...unchanged].map((read) => [
      read.name,
      read.demo.ms.toFixed(1),
      read.scale.ms.toFixed(1),
      read.ratio.toFixed(2),
      statuses(read),
      read.target,
      verdict(read.pass),
    ]),
  );
  printColumns(
    ['export', 'side', 'rows', 'MiB', 's', 'first byte ms', 'rows/s', 'server MiB before/peak/after', ''],
    exports.map((each) => [
      each.name,
      each.side,
      fmt(each.rows),
      (each.bytes / 2 ** 20).toFixed(1),
      each.seconds.toFixed(2),
      each.firstByteMs.toFixed(0),
      fmt(each.rowsPerSecond),
      `${each.rssBeforeMiB}/${each.rssPeakMiB}/${each.rssAfterMiB}`,
      each.side === 'scale' ? verdict(exportPasses(each)) : '',
    ]),
  );
  const held = [...reads, ...unchanged].filter((read) => read.pass !== null);
  const targets: TargetCheck[] = [
    {
      target: `every read within ${TARGET_RATIO}× of demo and under ${TARGET_MS} ms at scale`,
      measured: `${reads.filter((r) => r.pass).length}/${reads.filter((r) => r.pass !== null).length} pass`,
      pass: reads.every((read) => read.pass !== false),
    },
    {
      target: `polled reads unchanged: 304 under ${TARGET_UNCHANGED_MS} ms`,
      measured: `${unchanged.filter((r) => r.pass).length}/${unchanged.length} pass`,
      pass: unchanged.every((read) => read.pass),
    },
    ...exports
      .filter((each) => each.side === 'scale')
      .map((each) => ({
        target: `${each.name}: ≥ ${fmt(TARGET_EXPORT_ROWS_PER_SECOND)} rows/s, server memory flat (< ${FLAT_EXPORT_MIB} MiB growth)`,
        measured: `${fmt(each.rowsPerSecond)} rows/s, +${round((each.rssPeakMiB ?? 0) - (each.rssBeforeMiB ?? 0))} MiB`,
        pass: exportPasses(each),
      })),
  ];
  console.log('');
  printTargets(targets);
  say(`${held.filter((read) => read.pass).length} of ${held.length} reads meet their target`);
  return targets;
}

const exportPasses = (each: ExportResult) =>
  each.status === 200 && each.rowsPerSecond >= TARGET_EXPORT_ROWS_PER_SECOND && (each.rssPeakMiB ?? 0) - (each.rssBeforeMiB ?? 0) < FLAT_EXPORT_MIB;
