/** The embedded PostgreSQL a bench runs on, and what it measures there: round trips and the write-ahead log. */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { postmasterPid, startEmbeddedDatabase, type EmbeddedDatabase } from '@/lib/database/embedded';
import { percentile, round, say } from './basics';
import type { Cleanup } from './run';

export interface BenchDatabase {
  server: EmbeddedDatabase;
  url: string;
  /** The data folder, to start the same server again after a bench stopped it. */
  dataDir: string;
  /** The postmaster: its CPU, with its backends', is PostgreSQL's. */
  postmasterPid: number | null;
}

/** A fresh embedded PostgreSQL in a temporary folder, stopped and removed by `cleanup`. */
export async function startBenchDatabase(options: { port: number; tempPrefix: string; cleanup: Cleanup }): Promise<BenchDatabase> {
  const tempDir = mkdtempSync(path.join(os.tmpdir(), options.tempPrefix));
  // The postgres user (when run as root) must be able to enter the data folder's parent.
  chmodSync(tempDir, 0o755);
  options.cleanup.add(() => rmSync(tempDir, { recursive: true, force: true }));
  const dataDir = path.join(tempDir, 'data');
  say(`Starting embedded PostgreSQL on port ${options.port} (data in ${dataDir})`);
  const server = await startEmbeddedDatabase({ dataDir, port: options.port, log: say });
  options.cleanup.add(() => server.stop().catch((error: unknown) => say(`could not stop the database: ${String(error)}`)));
  return { server, url: server.url, dataDir, postmasterPid: postmasterPid(path.join(dataDir, 'postgres')) };
}

/** The same server's database `name` instead of the one in `url`. */
export function databaseUrl(url: string, name: string): string {
  const other = new URL(url);
  other.pathname = `/${name}`;
  return other.href;
}

/** Runs `use` with a client of its own, closed afterwards. */
export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Median and p90 of a trivial statement's round trip, the unit every statement pays. */
export async function roundTrip(sql: pg.Client, count = 200): Promise<{ p50Ms: number; p90Ms: number }> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await sql.query({ name: 'bench_round_trip', text: 'SELECT 1' });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: round(percentile(times, 50), 3), p90Ms: round(percentile(times, 90), 3) };
}

export interface WalSnapshot {
  records: number;
  fullPageImages: number;
  bytes: number;
  checkpoints: number;
}

/** What PostgreSQL has written to its write-ahead log so far, and how many checkpoints it made. */
export async function walSnapshot(sql: pg.Client): Promise<WalSnapshot> {
  const { rows } = await sql.query<{ wal_records: string; wal_fpi: string; wal_bytes: string; checkpoints: string }>(
    `SELECT wal_records, wal_fpi, wal_bytes, (SELECT num_timed + num_requested FROM pg_stat_checkpointer) AS checkpoints FROM pg_stat_wal`,
  );
  const row = rows[0]!;
  return {
    records: Number(row.wal_records),
    fullPageImages: Number(row.wal_fpi),
    bytes: Number(row.wal_bytes),
    checkpoints: Number(row.checkpoints),
  };
}

/** The log written between two snapshots, per unit of work (the checkpoints in all). */
export function walPer(before: WalSnapshot, after: WalSnapshot, units: number): WalSnapshot {
  const per = (value: number) => round(value / Math.max(1, units), 2);
  return {
    records: per(after.records - before.records),
    fullPageImages: per(after.fullPageImages - before.fullPageImages),
    bytes: Math.round((after.bytes - before.bytes) / Math.max(1, units)),
    checkpoints: after.checkpoints - before.checkpoints,
  };
}
