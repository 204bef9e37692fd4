'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { defineAction } from '@/lib/next/action';
import { reprocessDeadMutations } from '@/lib/reconcile/reprocess';
import { requestSync } from '@/lib/sync/sync-job';
import { requestedWindow } from '@/lib/sync/window';
import { jakartaDay } from '@/lib/time/jakarta';

export const reprocessDeliveryAction = defineAction(
  { name: 'reprocessDelivery', permission: 'reprocess_webhooks', schema: z.object({ deliveryId: z.uuid() }) },
  async ({ deliveryId }, user) => {
    const { mutationIds } = await reprocessDeadMutations(deliveryId, user.email);
    revalidatePath(`/webhooks/${deliveryId}`);
    revalidatePath('/webhooks');
    return { count: mutationIds.length };
  },
);

/** "Sync now": the window is checked here, the run opened at once, and the worker reads the pages. */
export const startSyncAction = defineAction(
  {
    name: 'startSync',
    permission: 'sync',
    schema: z.object({ from: z.string().max(20).optional(), to: z.string().max(20).optional(), mootaBankId: z.string().max(100).optional() }),
  },
  async ({ from, to, mootaBankId }, user) => {
    const window = requestedWindow({ from, to }, jakartaDay(new Date()));
    const bankId = mootaBankId?.trim() || null;
    if (bankId && !(await db().account.findUnique({ where: { mootaBankId: bankId }, select: { id: true } }))) {
      throw new DomainError('invalid', 'syncAccountUnknown');
    }
    const runId = await requestSync({ trigger: 'manual', requestedBy: user.email, window, mootaBankId: bankId });
    return { runId };
  },
);
