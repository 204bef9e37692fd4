/**
 * What the summary triggers cost one delivery at a time, inside PostgreSQL: intake
 * (`storeAcceptedDelivery`, one mutation) then its match (`processMutations`), one after the other
 * in this process, against a fresh embedded PostgreSQL with pg_stat_statements tracking the
 * statements the triggers run too. Credits that match no order (as in bench:webhook) or that pay
 * an open order each, never both in one run.
 *
 * npm run bench:triggers -- [--count 600] [--kind unmatched|matched] [--port-offset 0]
 *                           [--migrations DIR] [--drop-triggers]
 *
 * --migrations: another folder of migrations (e.g. without the newest) to compare with;
 * --drop-triggers: every trigger on the summarised tables dropped after migrating: the floor.
 *
 * Prints the delivery's times, PostgreSQL's CPU per delivery, and the statements by execution
 * and planning time per delivery (a trigger's statements nested under the one that fired it, so
 * the write statements' times include their triggers').
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { postmasterPid, startEmbeddedDatabase } from '@/lib/database/embedded';
import { applyMigrations } from '@/lib/database/migrate';
import { db, sqlPool } from '@/lib/db';
import { storeAcceptedDelivery } from '@/lib/intake/store-delivery';
import { prepareQueues } from '@/lib/jobs/worker';
import { parseDelivery } from '@/lib/moota/payload';
import { processMutations } from '@/lib/reconcile/process-mutations';
import { percentile, round, say, wholeNumber } from './lib/basics';
import { processTreeCpuMs } from './lib/cpu';
import { startBenchDatabase, withClient } from './lib/database';
import { runBench, type Cleanup } from './lib/run';

const DATABASE_PORT = 55700;
const WARMUP_DELIVERIES = 200;
const SUMMARISED_TABLES = ['mutations', 'orders', 'payments', 'history', 'deliveries', 'settings'];

runBench(main);

async function main(cleanup: Cleanup): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      count: { type: 'string', default: '600' },
      kind: { type: 'string', default: 'unmatched' },
      'port-offset': { type: 'string', default: '0' },
      migrations: { type: 'string' },
      'drop-triggers': { type: 'boolean', default: false },
    },
  });
  const count = wholeNumber('count', values.count, 1, 100_000);
  if (values.kind !== 'unmatched' && values.kind !== 'matched') throw new Error('--kind is unmatched or matched');
  const matched = values.kind === 'matched';
  const port = DATABASE_PORT + wholeNumber('port-offset', values['port-offset'], 0, 1000);

  const { url, postmaster } = await startTrackedDatabase(port, cleanup);
  process.env.DATABASE_URL = url;
  await applyMigrations(url, values.migrations ? { migrationsDir: path.resolve(values.migrations) } : {});
  await prepareQueues(url);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  cleanup.add(() => admin.end().catch(() => {}));
  if (values['drop-triggers']) {
    const { rows } = await admin.query<{ name: string; relation: string }>(
      `SELECT quote_ident(tgname) AS name, tgrelid::regclass::text AS relation FROM pg_trigger
        WHERE NOT tgisinternal AND tgrelid::regclass::text = ANY ($1::text[])`,
      [SUMMARISED_TABLES],
    );
    for (const row of rows) await admin.query(`DROP TRIGGER ${row.name} ON ${row.relation}`);
    say(`Dropped ${rows.length} triggers`);
  }

  // Open orders at distinct payable amounts: a matched run pays one with each credit.
  const payables = Array.from({ length: count + WARMUP_DELIVERIES }, (_, i) => BigInt(100_000 + i * 1000 + 7));
  await admin.query(
    `INSERT INTO orders (id, reference, reference_key, amount, unique_code, payable_amount, status, source, created_at, expires_at)
     SELECT gen_random_uuid(), 'TRG-' || n, 'TRG-' || n, p - 7, 7, p, 'pending', 'api', now(), now() + interval '7 days'
       FROM unnest($1::bigint[]) WITH ORDINALITY AS o(p, n)`,
    [payables],
  );
  let next = 0;
  // Far above every payable amount: these match nothing.
  const amount = () => (matched ? payables[next++]! : BigInt(50_000_000 + 13 * next++));

  await deliverMany(admin, WARMUP_DELIVERIES, amount);
  // As autovacuum would have by now: the planner knows there are paid orders, parts and waits.
  await admin.query('VACUUM ANALYZE');
  await admin.query('SELECT pg_stat_statements_reset()');
  const cpuBefore = processTreeCpuMs(postmaster);
  const times = await deliverMany(admin, count, amount);
  const cpuAfter = processTreeCpuMs(postmaster);

  const describe = (ms: number[]) => `median ${round(percentile(ms, 50), 3)} ms, p90 ${round(percentile(ms, 90), 3)} ms`;
  console.log(`${count} ${values.kind} deliveries: intake ${describe(times.intake)}; match ${describe(times.match)}`);
  if (cpuBefore && cpuAfter) {
    const cpu = cpuAfter.self + cpuAfter.descendants - cpuBefore.self - cpuBefore.descendants;
    console.log(`PostgreSQL CPU: ${round(cpu / count, 3)} ms/delivery`);
  }
  const { rows } = await admin.query<{ exec: string; plan: string; calls: string; query: string }>(
    `SELECT round((total_exec_time / $1::float8)::numeric, 3) AS exec, round((total_plan_time / $1::float8)::numeric, 3) AS plan,
            round(calls / $1::numeric, 1) AS calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS query
       FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY total_exec_time + total_plan_time DESC LIMIT 25`,
    [count],
  );
  console.log('\nexec ms  plan ms  calls  (per delivery)  statement');
  for (const row of rows) console.log(`${row.exec.padStart(7)}  ${row.plan.padStart(7)}  ${row.calls.padStart(5)}  ${row.query}`);
  return 0;
}

/** A fresh embedded PostgreSQL, restarted once with pg_stat_statements loaded and tracking nested statements. */
async function startTrackedDatabase(port: number, cleanup: Cleanup) {
  const database = await startBenchDatabase({ port, tempPrefix: 'cocok-triggers-', cleanup });
  await withClient(database.url, async (client) => {
    await client.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
    await client.query(`ALTER SYSTEM SET pg_stat_statements.track = 'all'`);
    await client.query(`ALTER SYSTEM SET pg_stat_statements.track_planning = on`);
  });
  await database.server.stop();
  const server = await startEmbeddedDatabase({ dataDir: database.dataDir, port });
  cleanup.add(() => server.stop());
  // Closed before the server stops.
  cleanup.add(async () => {
    await db()
      .$disconnect()
      .catch(() => {});
    await sqlPool()
      .end()
      .catch(() => {});
  });
  await withClient(server.url, (client) => client.query('CREATE EXTENSION pg_stat_statements'));
  return { url: server.url, postmaster: postmasterPid(path.join(database.dataDir, 'postgres')) };
}

/** `count` single-mutation deliveries, each stored and then matched on its own, as one sender at a time makes them. */
async function deliverMany(admin: pg.Client, count: number, amount: () => bigint) {
  const times = { intake: [] as number[], match: [] as number[] };
  for (let i = 0; i < count; i++) {
    const raw = [
      {
        mutation_id: `trg-${randomUUID()}`,
        bank_id: 'bnk_bca',
        account_number: '8730112233',
        bank: { bank_type: 'bca', label: 'BCA' },
        // Moota's date is Jakarta wall time.
        date: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' '),
        description: 'TRSF E-BANKING CR 1234/FTSCY/WS95051 BUDI SANTOSO',
        note: null,
        amount: Number(amount()),
        type: 'CR',
        balance: 0,
      },
    ];
    const parsed = parseDelivery(raw);
    if (!parsed.ok) throw new Error(parsed.error);
    const started = performance.now();
    await storeAcceptedDelivery(
      { receivedAt: new Date(), sourceAddress: '127.0.0.1', headers: {}, bodyBytes: 0 },
      JSON.stringify(raw),
      parsed.mutations,
    );
    const stored = performance.now();
    const { rows } = await admin.query<{ id: string }>('SELECT id FROM mutations WHERE moota_id = $1', [parsed.mutations[0]!.mootaId]);
    const found = performance.now();
    await processMutations([rows[0]!.id]);
    times.intake.push(stored - started);
    times.match.push(performance.now() - found);
  }
  times.intake.sort((a, b) => a - b);
  times.match.sort((a, b) => a - b);
  return times;
}
