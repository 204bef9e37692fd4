'use server';

import { z } from 'zod';
import { parseTypedAmount } from '@/lib/money';
import { defineAction } from '@/lib/next/action';
import { MAX_PRACTICE_DESCRIPTION, PRACTICE_KINDS, SANDBOX_ACCOUNTS } from '@/lib/sandbox/practice-transfer';
import { practiceTransferState, sendPracticeTransfer, type PracticeTransferState } from '@/lib/sandbox/send-practice-transfer';

export interface SentPractice {
  mutationId: string;
  amount: string;
  reference: string | null;
  account: string;
}

const typedAmount = (text: string) => (text.trim() === '' ? undefined : parseTypedAmount(text));

export const sendPracticeTransferAction = defineAction(
  {
    name: 'sendPracticeTransfer',
    permission: 'reconcile',
    schema: z.object({
      kind: z.enum(PRACTICE_KINDS),
      reference: z.string().trim().max(64),
      amount: z.string().max(40),
      difference: z.enum(['exact', 'short', 'over']),
      differenceAmount: z.string().max(40),
      description: z.string().max(MAX_PRACTICE_DESCRIPTION * 2),
    }),
  },
  async (input, user): Promise<SentPractice> => {
    const difference = input.difference === 'exact' ? undefined : typedAmount(input.differenceAmount);
    const sent = await sendPracticeTransfer(
      {
        kind: input.kind,
        reference: input.reference || undefined,
        amount: typedAmount(input.amount),
        short: input.difference === 'short' ? difference : undefined,
        over: input.difference === 'over' ? difference : undefined,
        description: input.description,
      },
      user.email,
    );
    return { mutationId: sent.mutationId, amount: String(sent.amount), reference: sent.reference, account: SANDBOX_ACCOUNTS[input.kind].label };
  },
);

export const practiceTransferStateAction = defineAction(
  { name: 'practiceTransferState', permission: 'reconcile', schema: z.object({ mutationId: z.uuid() }) },
  async ({ mutationId }): Promise<PracticeTransferState> => practiceTransferState(mutationId),
);
