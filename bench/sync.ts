/**
 * Sync and statement import: how fast mutations come in from Moota's API and from a statement
 * file, beside a floor measured in the same run.
 *
 *   1. a fresh embedded PostgreSQL, migrated; a fake Moota API (scripts/fake-moota.ts) in a process
 *      of its own on loopback, serving --mutations mutations over the last --days days;
 *   2. floor: every page read and parsed through the real API client, nothing stored;
 *   3. first sync: the same pages through `runSync` (the webhook's intake statement, page by page);
 *   4. second sync of the same window: everything already known — it must change nothing and run
 *      at least 5× faster than the first;
 *   5. statement: a KlikBCA file of --statement-rows rows parsed alone (floor), then imported through
 *      `runStatementImport`, then imported again (it must add nothing);
 *   6. a table with the memory of this process (peak RSS and heap) beside each step, PASS/MISS lines,
 *      bench/results/sync.json.
 *
 * npm run bench:sync -- [--mutations 100000] [--days 20] [--per-page 100] [--statement-rows 50000]
 *
 * The worker is not running: what is measured is intake, not matching (bench:match measures that).
 */
import { parseArgs } from 'node:util';
import { applyMigrations } from '@/lib/database/migrate';
import { db, sqlPool } from '@/lib/db';
import { prepareQueues } from '@/lib/jobs/worker';
import { createMootaApi } from '@/lib/moota/api';
import { DEMO_ACCOUNTS } from '@/lib/sandbox/moota-generator';
import { queueStatementImport, runStatementImport } from '@/lib/statements/import';
import { parseStatement } from '@/lib/statements/parse';
import { mootaSource } from '@/lib/sync/moota-source';
import { openSyncRun, runSync } from '@/lib/sync/run-sync';
import { addDays, jakartaDay } from '@/lib/time/jakarta';
import path from 'node:path';
import { fmt, loadAverage, machineInfo, RESULTS_DIR, round, say, seconds, sleep, wholeNumber } from './lib/basics';
import { startBenchDatabase, withClient } from './lib/database';
import { assertPortFree, describeFailure, isRunning, launch, stopServer, type ChildServer } from './lib/processes';
import { printColumns, printTargets, writeResults, type TargetCheck } from './lib/report';
import { runBench, type Cleanup } from './lib/run';

const DATABASE_PORT = 55700;
const TOKEN = 'bench-moota-token-0123456789';
const FAKE_MOOTA_PORT = 55710;
const TARGET_SPEED_UP = 5;

interface Step {
  name: string;
  count: number;
  ms: number;
  peakRssMb: number;
  peakHeapMb: number;
}

/** Runs `work`, sampling this process's memory every 50 ms. */
async function measure(name: string, count: number, work: () => Promise<unknown>): Promise<Step> {
  global.gc?.();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    peakHeap = Math.max(peakHeap, heapUsed);
  };
  const sampler = setInterval(sample, 50);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  sample();
  const step = { name, count, ms: performance.now() - started, peakRssMb: round(peakRss / 2 ** 20), peakHeapMb: round(peakHeap / 2 ** 20) };
  say(`${name}: ${fmt(count)} in ${seconds(step.ms)} (${fmt(count / (step.ms / 1000))}/s), peak RSS ${step.peakRssMb} MB`);
  return step;
}

async function waitForLine(server: ChildServer, pattern: RegExp, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!server.lastLines.some((line) => pattern.test(line))) {
    if (!isRunning(server) || Date.now() > deadline) throw describeFailure(server, 'the fake Moota did not start');
    await sleep(50);
  }
}

/** A KlikBCA personal statement of `rows` credits and debits in November 2026 on one account. */
function klikbcaStatement(accountNumber: string, rows: number): string {
  const lines = [
    `No. rekening,=,'${accountNumber}`,
    'Nama,=,TOKO BENCH',
    'Periode,=,01/11/2026 - 30/11/2026',
    'Kode Mata Uang,=,Rp',
    '',
    'Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo',
  ];
  let balance = 10_000_000;
  for (let i = 0; i < rows; i++) {
    const day = String(1 + Math.floor((i * 30) / rows)).padStart(2, '0');
    const credit = i % 5 !== 4;
    const amount = credit ? 50_000 + ((i * 7919) % 950_000) : 10_000 + ((i * 104_729) % 90_000);
    balance += credit ? amount : -amount;
    const description = credit ? `TRSF E-BANKING CR ${day}11/FTSCY/WS${95000 + (i % 1000)} ${amount}.00 PELANGGAN ${i}` : `KARTU DEBIT TOKO ${i}`;
    lines.push(
      `'${day}/11,'${description},'0000,"${amount.toLocaleString('en-US')}.00",${credit ? 'CR' : 'DB'},"${balance.toLocaleString('en-US')}.00"`,
    );
  }
  return lines.join('\r\n');
}

async function main(cleanup: Cleanup): Promise<number> {
  const { values } = parseArgs({
    options: {
      mutations: { type: 'string', default: '100000' },
      days: { type: 'string', default: '20' },
      'per-page': { type: 'string', default: '100' },
      'statement-rows': { type: 'string', default: '50000' },
    },
  });
  const count = wholeNumber('mutations', values.mutations, 100, 1_000_000);
  const days = wholeNumber('days', values.days, 1, 31);
  const perPage = wholeNumber('per-page', values['per-page'], 10, 1000);
  const statementRows = wholeNumber('statement-rows', values['statement-rows'], 10, 500_000);
  await Promise.all([DATABASE_PORT, FAKE_MOOTA_PORT].map(assertPortFree));
  const loadStart = loadAverage();

  const database = await startBenchDatabase({ port: DATABASE_PORT, tempPrefix: 'cocok-sync-', cleanup });
  process.env.DATABASE_URL = database.url;
  cleanup.add(async () => {
    await db()
      .$disconnect()
      .catch(() => {});
    await sqlPool()
      .end()
      .catch(() => {});
  });
  await applyMigrations(database.url);
  await prepareQueues(database.url);

  // Moota is another machine: the fake runs in a process of its own, so its serialising is not this process's time.
  say(`Starting a fake Moota with ${fmt(count)} mutations over ${days} days…`);
  const fake = launch(
    'fake Moota',
    'scripts/fake-moota.ts',
    process.env,
    path.join(RESULTS_DIR, 'sync-fake-moota.log'),
    [],
    ['--port', String(FAKE_MOOTA_PORT), '--token', TOKEN, '--mutations', String(count), '--days', String(days)],
  );
  cleanup.add(() => stopServer(fake));
  const baseUrl = `http://127.0.0.1:${FAKE_MOOTA_PORT}/api/v2`;
  await waitForLine(fake, /fake moota listening/, 120_000);
  const connection = { baseUrl, token: TOKEN };
  const today = jakartaDay(new Date());
  const window = { from: addDays(today, -(days - 1)), to: today };
  const request = { trigger: 'shell' as const, requestedBy: 'bench', window };

  // 2. floor: read and parse every page, store nothing
  const api = createMootaApi(connection);
  let floorCount = 0;
  const floor = await measure('floor: pages read and parsed, nothing stored', count, async () => {
    for (let page = 1, last = 1; page <= last; page++) {
      const answer = await api.mutationPage({ ...window, page, perPage });
      last = answer.lastPage;
      floorCount += answer.mutations.length;
    }
  });
  if (floorCount !== count) throw new Error(`the floor read ${floorCount} mutations, expected ${count}`);

  // 3. first sync, 4. the same again
  let first!: Awaited<ReturnType<typeof runSync>>;
  const firstStep = await measure('first sync', count, async () => {
    first = await runSync(await openSyncRun(request), mootaSource(connection), { perPage });
  });
  const fingerprint = () =>
    withClient(database.url, async (sql) => {
      const { rows } = await sql.query(
        `SELECT (SELECT count(*) FROM mutations)::int AS mutations, (SELECT count(*) FROM deliveries)::int AS deliveries,
                (SELECT count(*) FROM pgboss.job WHERE name = 'process-mutation')::int AS jobs,
                (SELECT coalesce(sum(extract(epoch FROM sync_seen_at)), 0)::text FROM mutations) AS seen`,
      );
      return rows[0] as { mutations: number; deliveries: number; jobs: number; seen: string };
    });
  const afterFirst = await fingerprint();
  let second!: Awaited<ReturnType<typeof runSync>>;
  const secondStep = await measure('second sync (all known)', count, async () => {
    second = await runSync(await openSyncRun(request), mootaSource(connection), { perPage });
  });
  const afterSecond = await fingerprint();
  const unchanged = JSON.stringify(afterFirst) === JSON.stringify(afterSecond);

  // 5. statement
  const account = await db().account.findUniqueOrThrow({ where: { mootaBankId: DEMO_ACCOUNTS[0]!.bankId } });
  const content = klikbcaStatement(account.accountNumber, statementRows);
  say(`Statement of ${fmt(statementRows)} rows, ${round(content.length / 2 ** 20)} MB`);
  const parseFloor = await measure('statement floor: parsed only', statementRows, async () => {
    const parsed = parseStatement(content);
    if (parsed.rows.length !== statementRows) throw new Error(`parsed ${parsed.rows.length} rows, expected ${statementRows}`);
  });
  const importOnce = async () => {
    const importId = await queueStatementImport({ accountId: account.id, fileName: 'bench.csv', content }, 'bench');
    await runStatementImport(importId);
    return db().statementImport.findUniqueOrThrow({ where: { id: importId } });
  };
  let firstImport!: Awaited<ReturnType<typeof importOnce>>;
  const importStep = await measure('statement import', statementRows, async () => {
    firstImport = await importOnce();
  });
  const beforeReimport = await fingerprint();
  let secondImport!: Awaited<ReturnType<typeof importOnce>>;
  const reimportStep = await measure('statement imported again', statementRows, async () => {
    secondImport = await importOnce();
  });
  const reimportUnchanged = JSON.stringify(beforeReimport) === JSON.stringify(await fingerprint());

  // 6. report
  const steps = [floor, firstStep, secondStep, parseFloor, importStep, reimportStep];
  printColumns(
    ['step', 'count', 'seconds', 'per second', 'peak RSS MB', 'peak heap MB'],
    steps.map((s) => [s.name, fmt(s.count), (s.ms / 1000).toFixed(2), fmt(s.count / (s.ms / 1000)), String(s.peakRssMb), String(s.peakHeapMb)]),
  );
  console.log('');
  console.log(`first sync: ${fmt(first.mutationsNew)} new, ${fmt(first.mutationsKnown)} known, ${first.pagesFetched} pages, ${first.state}`);
  console.log(`second sync: ${fmt(second.mutationsNew)} new, ${fmt(second.mutationsKnown)} known, ${second.pagesFetched} pages, ${second.state}`);
  console.log(
    `statement: ${fmt(firstImport.mutationsNew)} new, ${fmt(firstImport.seen)} seen, ${fmt(firstImport.possibleDuplicates)} possible duplicates`,
  );
  console.log(`statement again: ${fmt(secondImport.mutationsNew)} new, ${fmt(secondImport.alreadyImported)} already imported`);
  console.log(`first sync / floor: ${round(firstStep.ms / floor.ms)}×; second sync / floor: ${round(secondStep.ms / floor.ms)}×`);
  const speedUp = firstStep.ms / secondStep.ms;
  const targets: TargetCheck[] = [
    { target: 'first sync stores every mutation', measured: first.mutationsNew, pass: first.state === 'succeeded' && first.mutationsNew === count },
    {
      target: 'second sync changes nothing (mutations, deliveries, jobs, seen times)',
      measured: unchanged ? 'unchanged' : 'changed',
      pass: unchanged,
    },
    { target: `second sync at least ${TARGET_SPEED_UP}× faster than the first`, measured: `${round(speedUp)}×`, pass: speedUp >= TARGET_SPEED_UP },
    {
      target: 'statement re-import adds nothing',
      measured: reimportUnchanged ? 'unchanged' : 'changed',
      pass: reimportUnchanged && secondImport.mutationsNew === 0,
    },
  ];
  console.log('');
  printTargets(targets);
  writeResults('sync', {
    machine: machineInfo(),
    load: { start: loadStart, end: loadAverage() },
    count,
    days,
    perPage,
    statementRows,
    steps,
    targets,
  });
  return 0;
}

runBench(main, { sayStopping: true, exitSoonAfter: true });
