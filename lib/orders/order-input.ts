import { z } from 'zod';
import { DomainError } from '@/lib/errors';
import { parseMachineAmount } from '@/lib/money';
import { storableTextSchema } from '@/lib/text';

/** The largest order Cocok takes: Rp 100 miliar. */
export const MAX_ORDER_AMOUNT = 100_000_000_000n;

const rupiah = z.union([z.number(), z.string(), z.bigint()]).transform((value, ctx) => {
  try {
    const amount = parseMachineAmount(value);
    if (amount <= 0n) ctx.addIssue({ code: 'custom', message: 'amount must be more than 0' });
    else if (amount > MAX_ORDER_AMOUNT) ctx.addIssue({ code: 'custom', message: 'amount is too large' });
    else if (typeof value !== 'bigint' && /[.,]\d*[1-9]/.test(String(value))) {
      ctx.addIssue({ code: 'custom', message: 'amount must be whole rupiah' });
    }
    return amount;
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof DomainError ? error.message : 'amount must be a number' });
    return z.NEVER;
  }
});

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .pipe(storableTextSchema(max))
    .nullish()
    .transform((text) => (text ? text : null));

/** An order as the store's API, the dashboard form and a CSV row describe it. */
export const orderInputSchema = z.object({
  reference: z
    .string({ message: 'reference is required' })
    .trim()
    .min(3, 'reference must be at least 3 characters')
    .max(64, 'reference must be at most 64 characters')
    .regex(/^[A-Za-z0-9][A-Za-z0-9_/-]*$/, 'reference may only contain letters, digits, "-", "_" and "/"'),
  amount: rupiah,
  customer_name: optionalText(200),
  account_number: optionalText(40).refine((text) => text === null || /^[0-9 -]+$/.test(text), {
    message: 'account_number may only contain digits',
  }),
  expires_in_minutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 90)
    .nullish(),
});

export type OrderInput = z.output<typeof orderInputSchema>;

export const MAX_CANCEL_REASON_LENGTH = 500;

/** What the store API's cancel takes: an optional reason, kept in the order's history. */
export const cancelInputSchema = z.object({
  reason: z
    .string({ message: 'reason must be text' })
    .trim()
    .max(MAX_CANCEL_REASON_LENGTH, `reason must be at most ${MAX_CANCEL_REASON_LENGTH} characters`)
    .nullish(),
});

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}
