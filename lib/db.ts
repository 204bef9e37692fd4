import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
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

/** The connection Prisma took from the pool for the transaction `inTransaction` is running, once it has. */
const transactionConnection = new AsyncLocalStorage<{ client?: pg.PoolClient }>();

/**
 * Prisma's adapter starts an interactive transaction by taking a client from this pool
 * (`connect()` without a callback; plain queries pass one). Inside `inTransaction`, that client
 * is remembered so that the store modules' SQL runs on it directly: the same transaction,
 * without Prisma's per-row cost.
 */
class TransactionAwarePool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void) {
    if (callback) return super.connect(callback);
    const slot = transactionConnection.getStore();
    return super.connect().then((client) => {
      if (slot && !slot.client) slot.client = client;
      return client;
    });
  }
}

/**
 * A database that is away or hung must fail fast rather than hold callers: connecting gives up
 * after DATABASE_CONNECT_TIMEOUT_MS; the server cancels a statement (and ends a transaction left
 * idle) after DATABASE_STATEMENT_TIMEOUT_MS; a server that stops answering altogether is given up
 * a few seconds after that; idle connections are closed after DATABASE_IDLE_TIMEOUT_MS.
 */
export function poolConfig(config: ReturnType<typeof env>): pg.PoolConfig {
  const statementTimeout = config.DATABASE_STATEMENT_TIMEOUT_MS;
  return {
    connectionString: config.DATABASE_URL,
    max: 20,
    connectionTimeoutMillis: config.DATABASE_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: config.DATABASE_IDLE_TIMEOUT_MS,
    statement_timeout: statementTimeout,
    idle_in_transaction_session_timeout: statementTimeout,
    query_timeout: statementTimeout + 5000,
  };
}

function connect(): Database {
  const config = env();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set: start Cocok with `npm start`, or set it to your PostgreSQL server');
  const pool = new TransactionAwarePool(poolConfig(config));
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

/** A Prisma transaction that also runs plain SQL (`executeSql`) inside itself: the one object every write gets. */
export type Transaction = Tx & SqlExecutor;

/**
 * Runs `work` in one transaction. Prisma for what reads well as Prisma; the store modules' plain
 * SQL (`tx.executeSql`) where a benchmark showed Prisma's per-row cost to matter.
 */
export async function inTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  const slot: { client?: pg.PoolClient } = {};
  // A worker's batch of a thousand transfers can outlast Prisma's default of 5 s on a busy machine.
  return transactionConnection.run(slot, () => db().$transaction((tx) => work(withSql(tx, slot)), { maxWait: 10_000, timeout: 60_000 }));
}

function withSql(tx: Tx, slot: { client?: pg.PoolClient }): Transaction {
  const executeSql: SqlExecutor['executeSql'] = async (text, values) =>
    slot.client ? slot.client.query({ name: statementName(text), text, values }) : { rows: await tx.$queryRawUnsafe(text, ...values) };
  return new Proxy(tx, { get: (target, key, receiver) => (key === 'executeSql' ? executeSql : Reflect.get(target, key, receiver)) }) as Transaction;
}

/** Each statement on a connection of its own from the pool, in a transaction of its own, prepared once per connection. */
export const poolExecutor = (): SqlExecutor => ({
  executeSql: (text, values) => sqlPool().query({ name: statementName(text), text, values }),
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
