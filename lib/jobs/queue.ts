import PgBoss from 'pg-boss';
import type { SqlExecutor } from '@/lib/db';

export const QUEUES = {
  processMutation: 'process-mutation',
  processMutationDead: 'process-mutation-dead',
  storeCallback: 'store-callback',
  storeCallbackDead: 'store-callback-dead',
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
  const jobs: PgBoss.JobInsert[] = [];
  for (let from = 0; from < mutationIds.length; from += MUTATIONS_PER_JOB) {
    const data: ProcessMutationsJob = { mutationIds: mutationIds.slice(from, from + MUTATIONS_PER_JOB) };
    jobs.push({ name: QUEUES.processMutation, data });
  }
  await insertJobs(sql, jobs);
}

/** Enqueues delivery of store callbacks in the same transaction that created them. */
export async function enqueueStoreCallbacks(sql: SqlExecutor, callbackIds: readonly string[]): Promise<void> {
  await insertJobs(
    sql,
    callbackIds.map((callbackId) => ({ name: QUEUES.storeCallback, data: { callbackId } satisfies StoreCallbackJob })),
  );
}

async function insertJobs(sql: SqlExecutor, jobs: PgBoss.JobInsert[]): Promise<void> {
  if (jobs.length === 0) return;
  await statements.insert(jobs, { db: sql });
  // The payload names the queue, so that only a worker loop of that queue wakes up.
  await sql.executeSql(
    `SELECT count(*) AS notified FROM (SELECT pg_notify('${JOBS_CHANNEL}', queue) FROM unnest($1::text[]) AS queue) AS notify`,
    [[...new Set(jobs.map((job) => job.name))]],
  );
}
