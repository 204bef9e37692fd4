import 'server-only';
import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Runs SQL inside whatever transaction the caller holds: a Prisma transaction or a pooled client. */
export interface SqlExecutor {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

interface Database {
  pool: pg.Pool;
  prisma: PrismaClient;
}

const globalForDb = globalThis as unknown as { cocokDatabase?: Database };

function connect(): Database {
  const url = env().DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: start Cocok with `npm start`, or set it to your PostgreSQL server');
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  pool.on('error', (error) => console.error('database pool:', error.message));
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

function database(): Database {
  globalForDb.cocokDatabase ??= connect();
  return globalForDb.cocokDatabase;
}

/**
 * Closes this process's connections, if it opened any, so that its shutdown ends them instead of
 * the database server terminating them; the next use connects again.
 */
export async function closeDatabase(): Promise<void> {
  const current = globalForDb.cocokDatabase;
  if (!current) return;
  globalForDb.cocokDatabase = undefined;
  await current.prisma.$disconnect();
  if (!current.pool.ending) await current.pool.end();
}

/** The one Prisma client of this process. */
export function db(): PrismaClient {
  return database().prisma;
}

/** The connection pool under that client, for the webhook's hot path, which runs plain SQL. */
export function sqlPool(): pg.Pool {
  return database().pool;
}

/**
 * Runs `work` in one transaction on a pooled connection, with plain SQL: for the hot paths (the
 * webhook, the worker), where Prisma's per-statement cost would be most of the time.
 */
export async function inSqlTransaction<T>(work: (sql: SqlExecutor) => Promise<T>): Promise<T> {
  const client = await sqlPool().connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(clientExecutor(client));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((failure: Error) => (broken = failure));
    throw error;
  } finally {
    client.release(broken);
  }
}

export const txExecutor = (tx: Tx): SqlExecutor => ({
  executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe(text, ...values) }),
});

/** Each statement on a connection of its own from the pool, in a transaction of its own. */
export const poolExecutor = (): SqlExecutor => ({
  executeSql: (text, values) => sqlPool().query({ name: statementName(text), text, values }),
});

/** Statements run through a pooled client are prepared once per connection (named by their hash). */
export const clientExecutor = (client: pg.PoolClient): SqlExecutor => ({
  executeSql: (text, values) => client.query({ name: statementName(text), text, values }),
});

const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `cocok_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}
