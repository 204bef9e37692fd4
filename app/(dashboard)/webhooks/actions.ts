'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/next/action';
import { reprocessDeadMutations } from '@/lib/reconcile/reprocess';

export const reprocessDeliveryAction = defineAction(
  { name: 'reprocessDelivery', permission: 'reprocess_webhooks', schema: z.object({ deliveryId: z.uuid() }) },
  async ({ deliveryId }, user) => {
    const { mutationIds } = await reprocessDeadMutations(deliveryId, user.email);
    revalidatePath(`/webhooks/${deliveryId}`);
    revalidatePath('/webhooks');
    return { count: mutationIds.length };
  },
);
