'use server';

import { z } from 'zod';
import { DomainError } from '@/lib/errors';
import { defineAction, translateError } from '@/lib/next/action';
import { parseTypedAmount } from '@/lib/money';
import { confirmSuggestions, matchTransfer } from '@/lib/reconcile/confirm-match';
import { markNotAnOrder } from '@/lib/reconcile/mark-not-an-order';
import { splitPayment } from '@/lib/reconcile/split-payment';
import { effectsForHistory } from '@/lib/reconcile/undo-effects';
import { previewUndo, undoMatch } from '@/lib/reconcile/undo-match';

const id = z.uuid();
const text = (max: number) => z.string().trim().min(1).max(max);
const rupiah = z.string().trim().min(1).max(20);

// The queue page polls its list and refetches after each action, so no page is revalidated here:
// re-rendering the whole queue on the server with every answer would only cost time.

/**
 * Pays an order with the whole transfer: a confirmation when the matcher offered it, else a hand
 * match. One that departs from the exact rule is refused unless the person acknowledged why
 * (`acknowledged`, with a reason): a page loaded before the order changed cannot skip the question.
 */
export const matchOrderAction = defineAction(
  {
    name: 'unmatched.match',
    permission: 'reconcile',
    schema: z.object({ mutationId: id, orderId: id, reason: z.string().trim().max(500).optional(), acknowledged: z.boolean().default(false) }),
  },
  async (input, user) => {
    const result = await matchTransfer({ ...input, reason: input.reason || null, actor: user.email });
    return { changed: result.changed, confirming: result.confirmed };
  },
);

/** Records one transfer paying several orders in part. */
export const splitAction = defineAction(
  {
    name: 'unmatched.split',
    permission: 'reconcile',
    schema: z.object({
      mutationId: id,
      parts: z
        .array(z.object({ orderId: id, amount: rupiah }))
        .min(1)
        .max(20),
      reason: z.string().trim().max(500).optional(),
    }),
  },
  async (input, user) => {
    if (!input.reason) throw new DomainError('invalid', 'splitNeedsReason');
    const allocations = input.parts.map((part) => ({ mutationId: input.mutationId, orderId: part.orderId, amount: parseTypedAmount(part.amount) }));
    const result = await splitPayment({ allocations, actor: user.email, reason: input.reason || null });
    return { changed: result.changed };
  },
);

/** Sets a transfer aside as "not an order", with a note saying what it is. */
export const markNotAnOrderAction = defineAction(
  { name: 'unmatched.notAnOrder', permission: 'reconcile', schema: z.object({ mutationId: id, note: text(500) }) },
  async (input, user) => {
    const result = await markNotAnOrder({ mutationId: input.mutationId, note: input.note, actor: user.email });
    return { changed: result.changed };
  },
);

/** What undoing a transfer's match would change, per order, before the person confirms it. */
export const previewUndoAction = defineAction(
  { name: 'unmatched.previewUndo', permission: 'reconcile', schema: z.object({ mutationId: id }) },
  async (input) => {
    const preview = await previewUndo(input.mutationId);
    return preview.kind === 'payments' ? { kind: preview.kind, effects: effectsForHistory(preview.effects) } : preview;
  },
);

/** Takes back a match (automatic or by hand, or a "not an order"); the transfer waits in the queue again. */
export const undoAction = defineAction(
  { name: 'unmatched.undo', permission: 'reconcile', schema: z.object({ mutationId: id, reason: text(500) }) },
  async (input, user) => {
    const result = await undoMatch({ mutationId: input.mutationId, reason: input.reason, actor: user.email });
    return { changed: result.changed };
  },
);

/** Confirms the top suggestion of each chosen transfer; says how many went through and why others did not. */
export const bulkConfirmAction = defineAction(
  {
    name: 'unmatched.bulkConfirm',
    permission: 'reconcile',
    schema: z.object({ mutationIds: z.array(id).min(1).max(100), reason: z.string().trim().max(500).optional() }),
  },
  async (input, user) => {
    // The bulk dialog is the one question: suggestions that do not fit exactly go through with its reason, or not at all.
    const { confirmed, failed } = await confirmSuggestions(input.mutationIds, user.email, { reason: input.reason || null });
    return {
      confirmed,
      failed: await Promise.all(failed.map(async ({ mutationId, error }) => ({ mutationId, message: await translateError(error) }))),
    };
  },
);
