/**
 * The daily summaries the database keeps by triggers (migrations 20261203180100_summaries and
 * 20261203180101_revenue_summaries): each row is one key of one day in one `slot`, and what it
 * counts is the sum over the slots.
 */
export interface SummaryTable {
  name: string;
  /** The key besides `slot`, `day` first. */
  key: readonly string[];
  /** What is summed. */
  counts: readonly string[];
}

export const SUMMARY_TABLES = [
  { name: 'mutation_days', key: ['day', 'bank_id', 'type', 'state', 'sandbox'], counts: ['mutations', 'amount'] },
  { name: 'revenue_days', key: ['day'], counts: ['orders', 'revenue'] },
  { name: 'revenue_account_days', key: ['day', 'account_number', 'bank_label'], counts: ['orders', 'revenue'] },
  { name: 'match_days', key: ['day', 'automatic', 'minutes'], counts: ['matches'] },
] as const satisfies readonly SummaryTable[];
