/** The work waiting, counted cheaply, and the NOTIFYs that wake the workers. */
import pg from 'pg';
import { JOBS_CHANNEL, QUEUES } from '@/lib/jobs/queue';
import { sleep } from '../lib/basics';
import { POLL_MS } from './setup';

const QUEUE_EMPTY_TIMEOUT_MS = 60_000;

/**
 * NOTIFYs the channel the workers LISTEN on every `everyMs`, as each stored delivery does: a
 * notified pg-boss loop fetches again at once instead of waiting out its polling interval.
 */
export function startWaker(sql: pg.Client, everyMs: number): { stop(): Promise<void>; count(): number } {
  let sent = 0;
  let inFlight: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (inFlight) return;
    inFlight = sql
      .query(`SELECT pg_notify('${JOBS_CHANNEL}', '${QUEUES.processMutation}')`)
      .then(() => (sent += 1))
      .catch(() => {})
      .finally(() => (inFlight = undefined));
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
    count: () => sent,
  };
}

export async function countWaiting(sql: pg.Client): Promise<number> {
  const { rows } = await sql.query<{ waiting: string }>({
    name: 'bench_waiting',
    text: `SELECT count(*) AS waiting FROM mutations WHERE processing = 'received'`,
  });
  return Number(rows[0]!.waiting);
}

/** Cheap enough to ask four times a second: counting waiting credits walks their dead index entries. */
export async function countPayments(sql: pg.Client): Promise<number> {
  const { rows } = await sql.query<{ payments: string }>({ name: 'bench_payments', text: 'SELECT count(*) AS payments FROM payments' });
  return Number(rows[0]!.payments);
}

/** Mutations waiting in process-mutation jobs (a job carries a delivery's mutations). */
export async function countQueued(sql: pg.Client): Promise<number> {
  const { rows } = await sql.query<{ queued: string }>(
    `SELECT coalesce(sum(jsonb_array_length(data->'mutationIds')), 0) AS queued FROM pgboss.job
     WHERE name = 'process-mutation' AND state IN ('created', 'retry', 'active')`,
  );
  return Number(rows[0]!.queued);
}

export async function waitForEmptyQueue(sql: pg.Client) {
  const deadline = Date.now() + QUEUE_EMPTY_TIMEOUT_MS;
  for (;;) {
    const queued = await countQueued(sql);
    if (queued === 0) return;
    if (Date.now() > deadline) throw new Error(`the process-mutation queue still holds ${queued} mutations after ${QUEUE_EMPTY_TIMEOUT_MS / 1000} s`);
    await sleep(POLL_MS);
  }
}
