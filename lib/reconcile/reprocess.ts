import { inTransaction } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { enqueueMutationProcessing } from '@/lib/jobs/queue';
import { recordHistory } from '@/lib/reconcile/store';

export interface ReprocessResult {
  /** The mutations sent back to processing. */
  mutationIds: string[];
}

/**
 * Sends a call's dead-lettered mutations back to processing: each returns to "received" without
 * its last error and gets a new job, in one transaction with a history entry naming who asked.
 * Mutations that are not dead are left alone, so asking twice does nothing the second time.
 */
export async function reprocessDeadMutations(deliveryId: string, actor: string): Promise<ReprocessResult> {
  return inTransaction(async (tx) => {
    const delivery = await tx.delivery.findUnique({ where: { id: deliveryId }, select: { id: true } });
    if (!delivery) throw new DomainError('not_found', 'deliveryNotFound');
    const revived = await tx.mutation.updateManyAndReturn({
      where: { deliveryId, processing: 'dead' },
      data: { processing: 'received', processError: null },
      select: { id: true },
    });
    const mutationIds = revived.map((row) => row.id);
    if (mutationIds.length === 0) return { mutationIds };
    await enqueueMutationProcessing(tx, mutationIds);
    await recordHistory(
      tx,
      mutationIds.map((mutationId) => ({ actor, action: 'reprocess_requested' as const, mutationId, details: { deliveryId } })),
    );
    return { mutationIds };
  });
}
