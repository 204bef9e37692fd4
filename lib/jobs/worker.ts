import pg from 'pg';
import PgBoss from 'pg-boss';
import { inTransaction } from '@/lib/db';
import { errorMessage } from '@/lib/errors';
import { pruneRejectedDeliveries } from '@/lib/intake/store-delivery';
import { foldClosedDays } from '@/lib/summaries/fold-days';
import { expireOrders } from '@/lib/orders/close-orders';
import {
  enqueueMutationProcessing,
  JOBS_CHANNEL,
  PGBOSS_SCHEMA,
  QUEUES,
  type MootaSyncJob,
  type MootaTagJob,
  type ProcessMutationsJob,
  type StatementImportJob,
  type StoreCallbackJob,
} from '@/lib/jobs/queue';
import { markStatementImportFailed, runStatementImport } from '@/lib/statements/import';
import { sendMatchTag } from '@/lib/moota/tagging';
import { env } from '@/lib/env';
import { runSyncJob, syncSchedule } from '@/lib/sync/sync-job';
import { findStaleMutations, markProcessingDead, processMutations, recordProcessingFailure } from '@/lib/reconcile/process-mutations';
import { wakeThrottle } from '@/lib/jobs/wake-throttle';
import { deliverStoreCallback, markStoreCallbackFailed } from '@/lib/store-callback/deliver';

export interface Worker {
  stop(): Promise<void>;
}

const SWEEP_EVERY_MS = 30_000;
const STALE_AFTER_MS = 10 * 60_000;
const JOBS_PER_BATCH = 100;
// pg-boss fetches once per polling interval, a single job unless told otherwise: dead letters
// are handled a hundred at a time, or a flood of failures takes hours to show as dead.
const DEAD_LETTERS = { pollingIntervalSeconds: 5, batchSize: 100 };
// A lone delivery is processed within 20 ms; a flood, in batches gathered for up to half a second.
const WAKE_SPANS = { minMs: 20, maxMs: 500 };

/** Creates pg-boss's schema and this app's queues; safe to run from several processes at once. */
export async function prepareQueues(databaseUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: PGBOSS_SCHEMA, supervise: false, schedule: false });
  boss.on('error', (error) => console.error('job queue:', errorMessage(error)));
  await boss.start();
  await createQueues(boss);
  await boss.stop({ graceful: false, wait: true });
}

interface QueuePolicy {
  queue: string;
  deadLetter: string;
  retryLimit: number;
  retryDelay: number;
  expireInSeconds: number;
}

const POLICIES: QueuePolicy[] = [
  { queue: QUEUES.processMutation, deadLetter: QUEUES.processMutationDead, retryLimit: 5, retryDelay: 2, expireInSeconds: 60 },
  // Up to 8 retries, the delay doubling from 5–10 s: a store that is down gets 20 to 40 minutes to recover.
  { queue: QUEUES.storeCallback, deadLetter: QUEUES.storeCallbackDead, retryLimit: 8, retryDelay: 5, expireInSeconds: 60 },
  // A sync that fails is recorded as failed; the next scheduled one tries again.
  { queue: QUEUES.mootaSync, deadLetter: QUEUES.mootaSyncDead, retryLimit: 0, retryDelay: 0, expireInSeconds: 30 * 60 },
  // Moota may be down for a while; tags are worth minutes of retries, never a lost match.
  { queue: QUEUES.mootaTag, deadLetter: QUEUES.mootaTagDead, retryLimit: 6, retryDelay: 30, expireInSeconds: 60 },
  // An import can run again from the start: its rows' ids make every step idempotent.
  { queue: QUEUES.statementImport, deadLetter: QUEUES.statementImportDead, retryLimit: 2, retryDelay: 5, expireInSeconds: 30 * 60 },
];

/** Each queue with its dead letter queue, created or brought up to date with the policy above. */
async function createQueues(boss: PgBoss) {
  for (const { queue, deadLetter, ...retry } of POLICIES) {
    for (const [name, extra] of [
      [deadLetter, {}],
      [queue, { deadLetter }],
    ] as const) {
      const options = { name, retryBackoff: true, ...retry, ...extra };
      if (await boss.getQueue(name)) await boss.updateQueue(name, options);
      else await boss.createQueue(name, options);
    }
  }
}

/**
 * Runs the job handlers in this process: mutation processing with retries and backoff, the dead
 * letter handler, and a sweep for mutations whose job went missing.
 */
export async function startWorker(databaseUrl: string, options: { concurrency?: number } = {}): Promise<Worker> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: PGBOSS_SCHEMA,
    maintenanceIntervalSeconds: 10,
  });
  let stopping = false;
  boss.on('error', (error) => stopping || console.error('job queue:', errorMessage(error)));
  await boss.start();
  await createQueues(boss);

  const loops = new Map<string, string[]>();
  const addLoop = (queue: string, id: string) => loops.set(queue, [...(loops.get(queue) ?? []), id]);
  // The mutations of a batch of jobs are matched together (up to MUTATIONS_PER_TRANSACTION in one
  // transaction), so a backlog costs a few statements per thousand mutations; a job whose mutation
  // fails is retried alone.
  for (let i = 0; i < (options.concurrency ?? 2); i++) {
    const id: string = await boss.work<ProcessMutationsJob>(
      QUEUES.processMutation,
      { pollingIntervalSeconds: 2, batchSize: JOBS_PER_BATCH },
      async (jobs) => {
        const results = await processMutations(jobs.flatMap((job) => job.data.mutationIds));
        for (const job of jobs) {
          const failures = job.data.mutationIds.flatMap((mutationId) => {
            const result = results.get(mutationId);
            return typeof result === 'object' ? [{ mutationId, error: result.failed }] : [];
          });
          if (failures.length === 0) continue;
          for (const { mutationId, error } of failures) await recordProcessingFailure(mutationId, error).catch(() => {});
          await boss.fail(QUEUES.processMutation, job.id, { message: errorMessage(failures[0]!.error) });
        }
        // A full batch means a backlog: fetch the next one at once instead of waiting out the polling interval.
        if (jobs.length === JOBS_PER_BATCH) boss.notifyWorker(id);
      },
    );
    addLoop(QUEUES.processMutation, id);
  }
  await boss.work<ProcessMutationsJob>(QUEUES.processMutationDead, DEAD_LETTERS, async (jobs) => {
    for (const job of jobs) await markProcessingDead(job.data.mutationIds, 'gave up after repeated failures');
  });
  for (let i = 0; i < (options.concurrency ?? 4); i++) {
    addLoop(
      QUEUES.storeCallback,
      await boss.work<StoreCallbackJob>(QUEUES.storeCallback, { pollingIntervalSeconds: 2, batchSize: 1 }, async ([job]) => {
        if (job) await deliverStoreCallback(job.data.callbackId);
      }),
    );
  }
  await boss.work<StoreCallbackJob>(QUEUES.storeCallbackDead, DEAD_LETTERS, async (jobs) => {
    for (const job of jobs) await markStoreCallbackFailed(job.data.callbackId, 'gave up after repeated failures');
  });

  await boss.work<MootaSyncJob>(QUEUES.mootaSync, { pollingIntervalSeconds: 2, batchSize: 1 }, async ([job]) => {
    if (job) await runSyncJob(job.data);
  });
  await boss.work<MootaTagJob>(QUEUES.mootaTag, { pollingIntervalSeconds: 5, batchSize: 1 }, async ([job]) => {
    if (job) await sendMatchTag(job.data);
  });
  await boss.work<StatementImportJob>(QUEUES.statementImport, { pollingIntervalSeconds: 2, batchSize: 1 }, async ([job]) => {
    if (job) await runStatementImport(job.data.importId);
  });
  await boss.work<StatementImportJob>(QUEUES.statementImportDead, DEAD_LETTERS, async (jobs) => {
    for (const job of jobs) await markStatementImportFailed(job.data.importId, 'gave up after repeated failures');
  });
  // Every worker schedules the same cron under one name; pg-boss keeps one schedule and sends it once.
  await boss.schedule(QUEUES.mootaSync, syncSchedule(env().MOOTA_SYNC_MINUTES), {});

  const listener = new pg.Client({ connectionString: databaseUrl });
  listener.on('error', (error) => stopping || console.error('job queue listener:', errorMessage(error)));
  await listener.connect();
  // One loop of the queue a notice names wakes up (in turn), throttled by WAKE_SPANS; a loop that
  // finds a full batch wakes itself again.
  let turn = 0;
  const wakes = wakeThrottle(WAKE_SPANS, (queue) => {
    const ids = loops.get(queue) ?? [...loops.values()].flat();
    if (ids.length > 0) boss.notifyWorker(ids[turn++ % ids.length]!);
  });
  listener.on('notification', ({ payload }) => wakes.notice(payload ?? ''));
  await listener.query(`LISTEN ${JOBS_CHANNEL}`);

  const sweep = async () => {
    const stale = await findStaleMutations(new Date(Date.now() - STALE_AFTER_MS), 1000);
    if (stale.length > 0) await inTransaction((tx) => enqueueMutationProcessing(tx, stale));
    await expireOrders();
    await pruneRejectedDeliveries();
    await foldClosedDays();
  };
  const sweeping = setInterval(() => sweep().catch((error) => console.error('sweep:', error)), SWEEP_EVERY_MS);
  sweeping.unref();
  await sweep();

  return {
    async stop() {
      stopping = true;
      clearInterval(sweeping);
      wakes.stop();
      await listener.end().catch(() => {});
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
