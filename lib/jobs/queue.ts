import PgBoss from 'pg-boss';
import { poolExecutor, type SqlExecutor } from '@/lib/db';

export const QUEUES = {
  processMutation: 'process-mutation',
  processMutationDead: 'process-mutation-dead',
  storeCallback: 'store-callback',
  storeCallbackDead: 'store-callback-dead',
  mootaSync: 'moota-sync',
  mootaSyncDead: 'moota-sync-dead',
  statementImport: 'statement-import',
  statementImportDead: 'statement-import-dead',
  mootaTag: 'moota-tag',
  mootaTagDead: 'moota-tag-dead',
} as const;

/** Postgres channel that wakes workers as soon as a transaction that enqueued jobs commits; the payload is the queue's name. */
export const JOBS_CHANNEL = 'cocok_jobs';

export const PGBOSS_SCHEMA = 'pgboss';

export interface ProcessMutationsJob {
  mutationIds: string[];
}

/** One job per delivery (up to this many mutations): the queue's cost does not grow with a delivery's size. */
const MUTATIONS_PER_JOB = 100;

export interface StoreCallbackJob {
  callbackId: string;
}

/** A sync run a person asked for (its id), or the scheduled sync (no id). */
export interface MootaSyncJob {
  runId?: string;
}

/**
 * A statement's part (a CTE named `jobs`) that inserts one job of `queue` per row of `source` (a
 * query with a `data` jsonb column), with the queue's retry policy, as pg-boss's own insert sets
 * it. Hand-written only because the intake stores a delivery and enqueues its processing in one
 * statement (tests/queue.test.ts holds it to pg-boss's own insert); everything else enqueues
 * through pg-boss (`enqueue`);
 * `WAKE_WORKERS` then wakes a worker when the statement inserted any job. A queue that was never
 * created has no partition of the job table: the insert fails, as pg-boss's own would.
 */
function insertJobs(queue: string, source: string): string {
  return `jobs AS (
  INSERT INTO ${PGBOSS_SCHEMA}.job (name, data, dead_letter, policy, retry_limit, retry_delay, retry_backoff, expire_in, keep_until)
  SELECT '${queue}', source.data, q.dead_letter, q.policy, coalesce(q.retry_limit, 2),
    CASE WHEN coalesce(q.retry_backoff, false) THEN greatest(coalesce(q.retry_delay, 0), 1) ELSE coalesce(q.retry_delay, 0) END,
    coalesce(q.retry_backoff, false), coalesce(q.expire_seconds * interval '1 second', interval '15 minutes'),
    now() + coalesce(q.retention_minutes * interval '1 minute', interval '14 days')
  FROM (${source}) AS source LEFT JOIN ${PGBOSS_SCHEMA}.queue q ON q.name = '${queue}'
  RETURNING name)`;
}

/** Notifies the jobs channel (the payload names the queue) if the `jobs` CTE inserted any. */
export const WAKE_WORKERS = `(SELECT count(pg_notify('${JOBS_CHANNEL}', name)) FROM (SELECT DISTINCT name FROM jobs) AS queues)`;

/** The CTE enqueueing processing of the mutations whose ids `ids` (a query with an `id` column) yields. */
export function processMutationJobs(ids: string): string {
  return insertJobs(
    QUEUES.processMutation,
    `SELECT jsonb_build_object('mutationIds', jsonb_agg(id ORDER BY id)) AS data
     FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / ${MUTATIONS_PER_JOB} AS job FROM (${ids}) AS ids) AS numbered
     GROUP BY job`,
  );
}

let enqueuer: PgBoss | undefined;

/**
 * pg-boss itself, never started, only to insert jobs through its own API in the caller's
 * transaction (`db`): its insert applies each queue's policy.
 */
function jobEnqueuer(): PgBoss {
  enqueuer ??= new PgBoss({ db: poolExecutor(), schema: PGBOSS_SCHEMA, supervise: false, schedule: false });
  return enqueuer;
}

/** Inserts jobs of one queue in the caller's transaction and wakes a worker of that queue when it commits. */
async function enqueue(sql: SqlExecutor, queue: string, payloads: readonly object[]): Promise<void> {
  if (payloads.length === 0) return;
  await jobEnqueuer().insert(
    payloads.map((data) => ({ name: queue, data })),
    { db: sql },
  );
  await sql.executeSql(`SELECT pg_notify($1, $2)::text AS woken`, [JOBS_CHANNEL, queue]);
}

/** Enqueues processing of the given mutations in the caller's transaction, 100 to a job in id order. */
export async function enqueueMutationProcessing(sql: SqlExecutor, mutationIds: readonly string[]): Promise<void> {
  const ids = [...new Set(mutationIds)].sort();
  const jobs: ProcessMutationsJob[] = [];
  for (let start = 0; start < ids.length; start += MUTATIONS_PER_JOB) jobs.push({ mutationIds: ids.slice(start, start + MUTATIONS_PER_JOB) });
  await enqueue(sql, QUEUES.processMutation, jobs);
}

/** Enqueues delivery of store callbacks in the same transaction that created them. */
export async function enqueueStoreCallbacks(sql: SqlExecutor, callbackIds: readonly string[]): Promise<void> {
  await enqueue(
    sql,
    QUEUES.storeCallback,
    callbackIds.map((callbackId): StoreCallbackJob => ({ callbackId })),
  );
}

export interface StatementImportJob {
  importId: string;
}

/** Enqueues the import of an uploaded statement. */
export async function enqueueStatementImport(sql: SqlExecutor, importId: string): Promise<void> {
  await enqueue(sql, QUEUES.statementImport, [{ importId } satisfies StatementImportJob]);
}

/** Enqueues the sync run a person asked for. */
export async function enqueueSync(sql: SqlExecutor, runId: string): Promise<void> {
  await enqueue(sql, QUEUES.mootaSync, [{ runId } satisfies MootaSyncJob]);
}

/** A matched mutation to tag at Moota with these names (the order's reference first). */
export interface MootaTagJob {
  mootaId: string;
  names: string[];
}

export async function enqueueMootaTags(sql: SqlExecutor, jobs: readonly MootaTagJob[]): Promise<void> {
  await enqueue(sql, QUEUES.mootaTag, jobs);
}
