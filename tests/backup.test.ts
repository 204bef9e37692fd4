import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, test } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '@/lib/database/embedded';
import { applyMigrations } from '@/lib/database/migrate';
import { prepareQueues } from '@/lib/jobs/worker';
import { checkInvariants } from '@/lib/reconcile/invariants';
import { NODE_SCRIPT_ARGS } from '@/lib/runtime/node-script';
import { freePort } from '@/tests/support/free-port';

const root = path.resolve(import.meta.dirname, '..');
const temp = mkdtempSync(path.join(os.tmpdir(), 'cocok-backup-test-'));
chmodSync(temp, 0o755);
const running: EmbeddedDatabase[] = [];

afterAll(async () => {
  for (const server of running.toReversed()) await server.stop();
  rmSync(temp, { recursive: true, force: true });
}, 60_000);

/** An npm script of scripts/db.ts on the embedded database of `dataDir`, as an operator runs it. */
function dbScript(args: string[], dataDir: string, port: number) {
  const env: NodeJS.ProcessEnv = { ...process.env, COCOK_DATA_DIR: dataDir, COCOK_DATABASE_PORT: String(port) };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, [...NODE_SCRIPT_ARGS, 'scripts/db.ts', ...args], { cwd: root, env, encoding: 'utf8' });
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

interface Counts {
  orders: number;
  mutations: number;
  payments: number;
  deliveries: number;
}

const counts = (url: string): Promise<Counts> =>
  withClient(url, async (client) => {
    const { rows } = await client.query<Record<keyof Counts, string>>(
      `SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM mutations) AS mutations,
              (SELECT count(*) FROM payments) AS payments, (SELECT count(*) FROM deliveries) AS deliveries`,
    );
    return Object.fromEntries(Object.entries(rows[0]!).map(([key, value]) => [key, Number(value)])) as unknown as Counts;
  });

function startWriter(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...NODE_SCRIPT_ARGS, 'tests/support/write-load.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the writer exited with ${code}:\n${output}`)));
    const read = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('writing')) resolve(child);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
  });
}

async function start(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const database = await startEmbeddedDatabase({ dataDir, port });
  running.push(database);
  return database;
}

test('a backup taken while orders are paid restores into an empty folder as a consistent copy, and only there', async () => {
  const [livePort, restoredPort] = [await freePort(), await freePort()];
  const liveDir = path.join(temp, 'live');
  const live = await start(liveDir, livePort);
  await applyMigrations(live.url);
  await prepareQueues(live.url);
  const writer = await startWriter(live.url);
  const writerStopped = new Promise((resolve) => writer.once('exit', resolve));

  const before = await counts(live.url);
  const file = path.join(temp, 'backup.tar.gz');
  const backup = dbScript(['backup', '--out', file], liveDir, livePort);
  expect(backup.stderr).toBe('');
  expect(backup.stdout).toContain(`Backed up the embedded database in ${liveDir} to ${file}`);
  expect(backup.status).toBe(0);
  const after = await counts(live.url);
  writer.kill('SIGTERM');
  await writerStopped;
  expect(after.orders).toBeGreaterThan(before.orders);

  const restoredDir = path.join(temp, 'restored');
  const restore = dbScript(['restore', file, '--data-dir', restoredDir, '--port', String(restoredPort)], liveDir, livePort);
  expect(restore.stdout).toContain('The invariant check passes');
  expect(restore.status).toBe(0);

  const restored = await start(restoredDir, restoredPort);
  const copy = await counts(restored.url);
  for (const key of ['orders', 'mutations', 'payments', 'deliveries'] as const) {
    expect(copy[key]).toBeGreaterThanOrEqual(before[key]);
    expect(copy[key]).toBeLessThanOrEqual(after[key]);
  }
  await withClient(restored.url, async (client) => {
    const { violations } = await checkInvariants({ executeSql: (text, values) => client.query(text, values) });
    expect(violations.map((violation) => violation.message)).toEqual([]);
    // Each delivery came back with all of its mutations: no transaction is restored in part.
    const { rows } = await client.query(
      `SELECT d.id FROM deliveries d WHERE d.accepted <> (SELECT count(*) FROM mutations m WHERE m.delivery_id = d.id)`,
    );
    expect(rows).toEqual([]);
  });
  // Every restored row is one the live database has.
  const ids = (url: string) => withClient(url, async (client) => (await client.query<{ id: string }>('SELECT id FROM orders')).rows.map((r) => r.id));
  const liveIds = new Set(await ids(live.url));
  expect((await ids(restored.url)).filter((id) => !liveIds.has(id))).toEqual([]);

  // A second restore into that folder is refused and leaves it as it was.
  const again = dbScript(['restore', file, '--data-dir', restoredDir, '--port', String(await freePort())], liveDir, livePort);
  expect(again.stderr).toContain(`The data folder ${restoredDir} is not empty`);
  expect(again.status).toBe(1);
  expect(await counts(restored.url)).toEqual(copy);
}, 240_000);

test('with DATABASE_URL, backup and restore point to PostgreSQL’s own tools', () => {
  const answer = spawnSync(process.execPath, [...NODE_SCRIPT_ARGS, 'scripts/db.ts', 'backup'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: 'postgresql://someone@db.example/cocok' },
    encoding: 'utf8',
  });
  expect(answer.status).toBe(2);
  expect(answer.stderr).toContain('pg_dump --format=custom');
});
