import { db, inTransaction } from '@/lib/db';
import { errorMessage } from '@/lib/errors';
import { matchAutomatically } from '@/lib/reconcile/match-automatically';
import { lockMutations } from '@/lib/reconcile/store';
import { loadSettings } from '@/lib/settings/store';

const STORED_ERROR_LENGTH = 2000;

export type ProcessResult = 'processed' | 'already-processed' | 'not-found' | { failed: unknown };

/** Mutations matched in one transaction at most: a backlog holds a bounded set of locks at a time. */
export const MUTATIONS_PER_TRANSACTION = 1000;

/**
 * Processes stored mutations exactly once: matches each credit to the order it pays. The row
 * locks and the state check make a second run (a retried job, a second worker, a sweep) a no-op.
 * They go in id order, up to `perTransaction` in one transaction; if that fails, each of its
 * mutations is tried in its own, so that one bad mutation fails alone and the rest are processed.
 */
export async function processMutations(
  mutationIds: readonly string[],
  { perTransaction = MUTATIONS_PER_TRANSACTION } = {},
): Promise<Map<string, ProcessResult>> {
  const ids = [...new Set(mutationIds)].sort();
  const results = new Map<string, ProcessResult>();
  for (let start = 0; start < ids.length; start += perTransaction) {
    for (const [id, result] of await processBatch(ids.slice(start, start + perTransaction))) results.set(id, result);
  }
  return results;
}

async function processBatch(ids: string[]): Promise<Map<string, ProcessResult>> {
  try {
    return await processTogether(ids);
  } catch (error) {
    if (ids.length === 1) return new Map([[ids[0]!, { failed: error }]]);
    const results = new Map<string, ProcessResult>();
    for (const id of ids) {
      const result = await processTogether([id]).catch((failure: unknown) => new Map([[id, { failed: failure }]]));
      results.set(id, result.get(id)!);
    }
    return results;
  }
}

async function processTogether(ids: string[]): Promise<Map<string, ProcessResult>> {
  const { match } = await loadSettings();
  return inTransaction(async (tx) => {
    const results = new Map<string, ProcessResult>(ids.map((id) => [id, 'not-found']));
    const waiting = (await lockMutations(tx, ids)).filter((mutation) => {
      results.set(mutation.id, mutation.processing === 'received' ? 'processed' : 'already-processed');
      return mutation.processing === 'received';
    });
    if (waiting.length === 0) return results;
    await matchAutomatically(tx, waiting, match, { processedAt: new Date() });
    return results;
  });
}

/** Records a failed attempt where people can see it; the queue decides whether to retry. */
export async function recordProcessingFailure(mutationId: string, error: unknown): Promise<void> {
  await db().mutation.updateMany({
    where: { id: mutationId, processing: 'received' },
    data: { processAttempts: { increment: 1 }, processError: storedError(error) },
  });
}

/**
 * Retries are exhausted: the mutations wait for a person in the dead-letter state, with the last
 * failure recorded kept after the reason, so whoever looks sees why they failed.
 */
export async function markProcessingDead(mutationIds: readonly string[], reason: string): Promise<void> {
  await db().$executeRaw`
    UPDATE mutations SET processing = 'dead', process_error = left(${reason} || coalesce(': ' || process_error, ''), ${STORED_ERROR_LENGTH})
    WHERE id = ANY(${[...mutationIds]}::uuid[]) AND processing = 'received'`;
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

const storedError = (error: unknown) => errorMessage(error).slice(0, STORED_ERROR_LENGTH);
