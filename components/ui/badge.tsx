import type { ReactNode } from 'react';
import type {
  CallbackState,
  DeliveryOutcome,
  MatchState,
  OrderStatus,
  ProcessingState,
  SignatureResult,
  SyncRunState,
} from '@/lib/generated/prisma/enums';

const TONES = {
  green: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200',
  amber: 'bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200',
  red: 'bg-red-100 text-red-900 dark:bg-red-900/40 dark:text-red-200',
  slate: 'bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200',
  blue: 'bg-sky-100 text-sky-900 dark:bg-sky-900/40 dark:text-sky-200',
};

export type Tone = keyof typeof TONES;

export function Badge({ tone = 'slate', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}>{children}</span>;
}

/** The colour each state of each kind of record wears, wherever it is shown. */
const STATUS_TONES = {
  matchState: {
    pending: 'slate',
    unmatched: 'red',
    suggested: 'amber',
    review: 'amber',
    matched: 'green',
    ignored: 'slate',
    debit: 'blue',
  } satisfies Record<MatchState, Tone>,
  orderStatus: { pending: 'amber', paid: 'green', underpaid: 'red', overpaid: 'blue', expired: 'slate', cancelled: 'slate' } satisfies Record<
    OrderStatus,
    Tone
  >,
  callback: { pending: 'amber', delivered: 'green', failed: 'red', skipped: 'slate' } satisfies Record<CallbackState, Tone>,
  outcome: { accepted: 'green', partial: 'amber', rejected: 'red' } satisfies Record<DeliveryOutcome, Tone>,
  signature: { valid: 'green', unchecked: 'slate', invalid: 'red', missing: 'red' } satisfies Record<SignatureResult, Tone>,
  processing: { processed: 'green', received: 'amber', dead: 'red' } satisfies Record<ProcessingState, Tone>,
  syncRun: { running: 'amber', succeeded: 'green', failed: 'red' } satisfies Record<SyncRunState, Tone>,
} as const;

type StatusKind = keyof typeof STATUS_TONES;

/** A status badge: `of` says what kind of record, `value` its state; the label is the caller's words. */
export function StatusBadge<K extends StatusKind>({ of, value, children }: { of: K; value: keyof (typeof STATUS_TONES)[K]; children: ReactNode }) {
  return <Badge tone={STATUS_TONES[of][value] as Tone}>{children}</Badge>;
}
