/** Pure helpers of the finance work queue, safe to use in the browser and on the server. */
import { z } from 'zod';
import { pageParams } from '@/lib/search-params';
import { isUuid } from '@/lib/uuid';

/** The work queue's query parameters; `keep` holds the transfers just acted on, as comma-separated ids. */
export const queueParams = z.object({
  ...pageParams,
  keep: z
    .string()
    .optional()
    .transform((text) => (text ?? '').split(',').filter(isUuid)),
});

/** The order search's query parameter. */
export const orderSearchParams = z.object({ q: z.string().default('') });

/** What a search box text means: a rupiah amount ("150000", "Rp 150.000") or words (reference, customer). */
export function parseOrderSearch(text: string): { amount: bigint | null; words: string } {
  const words = text.trim().replace(/\s+/g, ' ').slice(0, 100);
  const digits = /^(rp\.?\s*)?[\d.\s]+$/i.test(words) ? words.replace(/\D/g, '') : '';
  return { amount: digits && digits.length <= 15 ? BigInt(digits) : null, words };
}

export interface SplitCheck {
  total: bigint;
  remaining: bigint;
  problem: 'empty' | 'not_positive' | 'duplicate' | 'too_much' | null;
}

/** Whether the amounts of a split may be recorded: each more than zero, each order once, in sum at most the transfer. */
export function checkSplit(transfer: bigint, parts: readonly { orderId: string; amount: bigint | null }[]): SplitCheck {
  const total = parts.reduce((sum, part) => sum + (part.amount ?? 0n), 0n);
  const remaining = transfer - total;
  const problem =
    parts.length === 0
      ? 'empty'
      : parts.some((part) => part.amount === null || part.amount <= 0n)
        ? 'not_positive'
        : new Set(parts.map((part) => part.orderId)).size !== parts.length
          ? 'duplicate'
          : total > transfer
            ? 'too_much'
            : null;
  return { total, remaining, problem };
}
