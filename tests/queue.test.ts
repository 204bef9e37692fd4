import pg from 'pg';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { db, poolExecutor } from '@/lib/db';
import { enqueueMutationProcessing, enqueueStoreCallbacks, JOBS_CHANNEL, PGBOSS_SCHEMA, QUEUES } from '@/lib/jobs/queue';
import { uuidv7 } from '@/lib/ids';
import { prepareQueues } from '@/lib/jobs/worker';
import { resetDatabase } from '@/tests/support/database';
import { receiveTransfers } from '@/tests/support/mutations';

interface JobRow {
  id: string;
  data: unknown;
  policy: Record<string, unknown>;
}

/** The columns pg-boss fills from the queue's policy when it inserts a job. */
const jobs = async (queue: string): Promise<JobRow[]> => {
  const rows = await db().$queryRawUnsafe<(Record<string, unknown> & { id: string; data: unknown })[]>(
    `SELECT id, data, state::text AS state, priority, retry_limit, retry_count, retry_delay, retry_backoff, dead_letter, policy,
       extract(epoch FROM expire_in)::int AS expire_seconds, round(extract(epoch FROM keep_until - created_on) / 3600) AS keep_hours,
       start_after <= now() AS startable, singleton_key, singleton_on
     FROM ${PGBOSS_SCHEMA}.job WHERE name = $1 ORDER BY created_on, id`,
    queue,
  );
  return rows.map(({ id, data, ...policy }) => ({ id, data, policy }));
};

let boss: PgBoss;

beforeAll(async () => {
  boss = new PgBoss({ connectionString: inject('databaseUrl'), schema: PGBOSS_SCHEMA, supervise: false, schedule: false });
  await boss.start();
});

afterAll(async () => {
  await boss.stop({ graceful: false, wait: true });
});

beforeEach(resetDatabase);

describe('jobs enqueued inside a transaction', () => {
  test.each([
    [QUEUES.processMutation, (ids: string[]) => enqueueMutationProcessing(poolExecutor(), ids), (ids: string[]) => ({ mutationIds: ids })],
    [QUEUES.storeCallback, (ids: string[]) => enqueueStoreCallbacks(poolExecutor(), ids), (ids: string[]) => ({ callbackId: ids[0] })],
  ])('%s: carry the same retry policy as a job pg-boss inserts itself', async (queue, enqueue, data) => {
    const ids = [uuidv7()];
    await enqueue(ids);
    await boss.send(queue, data(ids));
    const [ours, theirs] = await jobs(queue);
    expect(ours!.data).toEqual(data(ids));
    expect(ours!.policy).toEqual(theirs!.policy);
    expect(ours!.policy).toMatchObject({ state: 'created', retry_backoff: true, startable: true });
  });

  test('mutations go 100 to a job, in id order', async () => {
    const ids = Array.from({ length: 250 }, () => uuidv7()).reverse();
    await enqueueMutationProcessing(poolExecutor(), ids);
    const sorted = [...ids].sort();
    expect((await jobs(QUEUES.processMutation)).map((job) => job.data)).toEqual(
      expect.arrayContaining([{ mutationIds: sorted.slice(0, 100) }, { mutationIds: sorted.slice(100, 200) }, { mutationIds: sorted.slice(200) }]),
    );
    expect(await jobs(QUEUES.processMutation)).toHaveLength(3);
  });

  test('a delivery wakes the workers when it enqueued processing, and a repeat of it wakes nobody', async () => {
    const listener = new pg.Client({ connectionString: inject('databaseUrl') });
    await listener.connect();
    const notices: string[] = [];
    listener.on('notification', ({ payload }) => notices.push(payload ?? ''));
    await listener.query(`LISTEN ${JOBS_CHANNEL}`);
    try {
      await receiveTransfers({ amount: 10_000, mootaId: 'once' });
      await expect.poll(() => notices).toEqual([QUEUES.processMutation]);
      await receiveTransfers({ amount: 10_000, mootaId: 'once' });
      await enqueueStoreCallbacks(poolExecutor(), [uuidv7()]);
      // The store callback's notice comes after any the repeat could have sent.
      await expect.poll(() => notices).toEqual([QUEUES.processMutation, QUEUES.storeCallback]);
      expect(await jobs(QUEUES.processMutation)).toHaveLength(1);
    } finally {
      await listener.end();
    }
  });

  test('without its queue (never prepared) a delivery fails whole: nothing is stored, so Moota retries', async () => {
    await boss.deleteQueue(QUEUES.processMutation);
    try {
      await expect(receiveTransfers({ amount: 10_000 })).rejects.toThrow();
      expect(await db().mutation.count()).toBe(0);
      expect(await db().delivery.count()).toBe(0);
    } finally {
      await prepareQueues(inject('databaseUrl'));
    }
    await receiveTransfers({ amount: 10_000 });
    expect(await jobs(QUEUES.processMutation)).toHaveLength(1);
  });
});
