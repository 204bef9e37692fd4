import { beforeEach, describe, expect, test } from 'vitest';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { PGBOSS_SCHEMA, QUEUES } from '@/lib/jobs/queue';
import { reprocessDeadMutations } from '@/lib/reconcile/reprocess';
import { markProcessingDead, processMutations, recordProcessingFailure } from '@/lib/reconcile/process-mutations';
import { resetDatabase } from '@/tests/support/database';
import { receiveTransfers } from '@/tests/support/mutations';

const jobsFor = async (mutationId: string) => {
  const rows = await db().$queryRawUnsafe<{ count: bigint }[]>(
    `SELECT count(*) AS count FROM ${PGBOSS_SCHEMA}.job WHERE name = $1 AND data->'mutationIds' ? $2`,
    QUEUES.processMutation,
    mutationId,
  );
  return Number(rows[0]!.count);
};

const killed = async (id: string) =>
  db().mutation.update({ where: { id }, data: { processing: 'dead', processError: 'gave up after repeated failures' } });

beforeEach(resetDatabase);

describe('giving up on a mutation', () => {
  test('the dead-letter state keeps the last failure after the reason, so a person sees why', async () => {
    const [failing, untried] = await receiveTransfers({ amount: 10_000, type: 'DB' }, { amount: 20_000, type: 'DB' });
    await recordProcessingFailure(failing!, new Error('deadlock detected'));

    await markProcessingDead([failing!, untried!], 'gave up after repeated failures');

    expect(await db().mutation.findUniqueOrThrow({ where: { id: failing! } })).toMatchObject({
      processing: 'dead',
      processAttempts: 1,
      processError: 'gave up after repeated failures: deadlock detected',
    });
    expect(await db().mutation.findUniqueOrThrow({ where: { id: untried! } })).toMatchObject({
      processing: 'dead',
      processError: 'gave up after repeated failures',
    });
  });
});

describe('reprocessing the dead mutations of a webhook call', () => {
  test('dead mutations go back to received without their error, get a new job, and are then processed', async () => {
    const [dead, alive] = await receiveTransfers({ amount: 10_000, type: 'DB' }, { amount: 20_000, type: 'DB' });
    await processMutations([alive!]);
    await killed(dead!);
    const { deliveryId } = await db().mutation.findUniqueOrThrow({ where: { id: dead! } });
    const jobsBefore = await jobsFor(dead!);

    const result = await reprocessDeadMutations(deliveryId, 'owner@cocok.local');

    expect(result.mutationIds).toEqual([dead]);
    expect(await db().mutation.findUniqueOrThrow({ where: { id: dead! } })).toMatchObject({ processing: 'received', processError: null });
    expect(await db().mutation.findUniqueOrThrow({ where: { id: alive! } })).toMatchObject({ processing: 'processed' });
    expect(await jobsFor(dead!)).toBe(jobsBefore + 1);
    expect(await jobsFor(alive!)).toBe(1);
    expect(await db().historyEntry.findMany({ where: { mutationId: dead! }, select: { actor: true, action: true } })).toEqual([
      { actor: 'owner@cocok.local', action: 'reprocess_requested' },
    ]);

    expect((await processMutations([dead!])).get(dead!)).toBe('processed');
    expect(await db().mutation.findUniqueOrThrow({ where: { id: dead! } })).toMatchObject({ processing: 'processed', matchState: 'debit' });
  });

  test('asking again, or for a call without dead mutations, changes nothing', async () => {
    const [id] = await receiveTransfers({ amount: 30_000, type: 'DB' });
    await killed(id!);
    const { deliveryId } = await db().mutation.findUniqueOrThrow({ where: { id: id! } });
    await reprocessDeadMutations(deliveryId, 'finance@cocok.local');
    const jobs = await jobsFor(id!);

    expect(await reprocessDeadMutations(deliveryId, 'finance@cocok.local')).toEqual({ mutationIds: [] });
    expect(await jobsFor(id!)).toBe(jobs);
    expect(await db().historyEntry.count({ where: { mutationId: id! } })).toBe(1);
  });

  test('an unknown call is refused as not found', async () => {
    await expect(reprocessDeadMutations('0190c0de-0000-7000-8000-000000000000', 'owner@cocok.local')).rejects.toThrow(DomainError);
  });
});
