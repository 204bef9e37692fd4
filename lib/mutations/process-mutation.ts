import { db } from '@/lib/db';
import { lockMutation } from '@/lib/reconcile/locks';
import { reconcileLockedMutation } from '@/lib/reconcile/reconcile-mutation';
import { loadSettings } from '@/lib/settings/store';

export type ProcessResult = 'processed' | 'already-processed' | 'not-found';

/**
 * Processes one stored mutation exactly once: matches a credit to the order it pays. The row
 * lock and the state check make a second run (a retried job, a second worker, a sweep) a no-op.
 */
export async function processMutation(mutationId: string): Promise<ProcessResult> {
  const { match } = await loadSettings();
  return db().$transaction(async (tx) => {
    const mutation = await lockMutation(tx, mutationId);
    if (!mutation) return 'not-found';
    if (mutation.processing !== 'received') return 'already-processed';
    await reconcileLockedMutation(tx, mutation, match);
    await tx.mutation.update({
      where: { id: mutationId },
      data: { processing: 'processed', processedAt: new Date(), processAttempts: { increment: 1 }, processError: null },
    });
    return 'processed';
  });
}

/** Records a failed attempt where people can see it; the queue decides whether to retry. */
export async function recordProcessingFailure(mutationId: string, error: unknown): Promise<void> {
  await db().mutation.updateMany({
    where: { id: mutationId, processing: 'received' },
    data: { processAttempts: { increment: 1 }, processError: describe(error) },
  });
}

/** Retries are exhausted: the mutation waits for a person in the dead-letter state. */
export async function markProcessingDead(mutationId: string, error: unknown): Promise<void> {
  await db().mutation.updateMany({
    where: { id: mutationId, processing: 'received' },
    data: { processing: 'dead', processError: describe(error) },
  });
}

/** Mutations still waiting long after they arrived, e.g. their job was lost with its queue row. */
export async function findStaleMutations(olderThan: Date, limit: number): Promise<string[]> {
  const rows = await db().mutation.findMany({
    where: { processing: 'received', receivedAt: { lt: olderThan } },
    select: { id: true },
    orderBy: { receivedAt: 'asc' },
    take: limit,
  });
  return rows.map((row) => row.id);
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
  return (message ?? 'unknown error').slice(0, 2000);
}
