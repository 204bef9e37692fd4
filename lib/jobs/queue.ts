import PgBoss from 'pg-boss';
import { txExecutor, type SqlExecutor, type Tx } from '@/lib/db';

export const QUEUES = {
  processMutation: 'process-mutation',
  processMutationDead: 'process-mutation-dead',
  storeCallback: 'store-callback',
  storeCallbackDead: 'store-callback-dead',
} as const;

/** Postgres channel that wakes workers as soon as a transaction that enqueued jobs commits. */
export const JOBS_CHANNEL = 'cocok_jobs';

export const PGBOSS_SCHEMA = 'pgboss';

export interface ProcessMutationJob {
  mutationId: string;
}

export interface StoreCallbackJob {
  callbackId: string;
}

// Only used to build pg-boss's insert statement; the SQL runs on the caller's transaction.
const statements = new PgBoss({
  schema: PGBOSS_SCHEMA,
  db: {
    executeSql: () => {
      throw new Error('jobs are enqueued inside a transaction: pass { db } to insert');
    },
  },
});

/** Enqueues processing of the given mutations in the same transaction that stored them. */
export async function enqueueMutationProcessing(sql: SqlExecutor, mutationIds: readonly string[]): Promise<void> {
  await insertJobs(
    sql,
    mutationIds.map((mutationId) => ({ name: QUEUES.processMutation, data: { mutationId } satisfies ProcessMutationJob })),
  );
}

/** Enqueues delivery of store callbacks in the same transaction that created them. */
export async function enqueueStoreCallbacks(tx: Tx, callbackIds: readonly string[]): Promise<void> {
  await insertJobs(
    txExecutor(tx),
    callbackIds.map((callbackId) => ({ name: QUEUES.storeCallback, data: { callbackId } satisfies StoreCallbackJob })),
  );
}

async function insertJobs(sql: SqlExecutor, jobs: PgBoss.JobInsert[]): Promise<void> {
  if (jobs.length === 0) return;
  await statements.insert(jobs, { db: sql });
  await sql.executeSql(`SELECT count(*) AS notified FROM (SELECT pg_notify('${JOBS_CHANNEL}', '')) AS notify`, []);
}
