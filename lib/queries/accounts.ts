import { accountName, maskAccountNumber } from '@/lib/accounts/account-name';
import { db } from '@/lib/db';

export interface AccountSummary {
  id: string;
  mootaBankId: string;
  bankType: string | null;
  label: string | null;
  holder: string | null;
  /** "••2233". */
  maskedNumber: string;
  /** Label and masked number, as filters and lists name the account. */
  name: string;
  sandbox: boolean;
  sandboxSetBy: 'moota' | 'owner' | null;
  /** The bank's date of the account's newest mutation. */
  lastMutationAt: string | null;
  /** The newer of Moota's GET /bank balance and the balance after the account's newest mutation (integer rupiah as text). */
  balance: string | null;
  balanceAt: string | null;
  refreshedAt: string | null;
}

interface AccountRow {
  id: string;
  moota_bank_id: string;
  bank_type: string | null;
  label: string | null;
  holder: string | null;
  account_number: string;
  sandbox: boolean;
  sandbox_set_by: string | null;
  balance: bigint | null;
  balance_at: Date | null;
  refreshed_at: Date | null;
  last_mutation_at: Date | null;
  mutation_balance: bigint | null;
  mutation_balance_at: Date | null;
}

/** Of two reported balances, the one reported last; a missing one never wins. */
export function newerBalance(
  bank: { balance: bigint | null; at: Date | null },
  mutation: { balance: bigint | null; at: Date | null },
): { balance: bigint; at: Date } | null {
  const candidates = [bank, mutation].filter((b): b is { balance: bigint; at: Date } => b.balance !== null && b.at !== null);
  if (candidates.length === 0) return null;
  return candidates.reduce((newest, next) => (next.at.getTime() > newest.at.getTime() ? next : newest));
}

/**
 * Every account Moota watches, live ones first, with its newest mutation and its last balance.
 * The newest mutation of each account is one probe of the (bank_id, occurred_at) index; its
 * balance was reported when Cocok received it.
 */
export async function listAccountSummaries(): Promise<AccountSummary[]> {
  const rows = await db().$queryRaw<AccountRow[]>`
    SELECT a.id, a.moota_bank_id, a.bank_type, a.label, a.holder, a.account_number, a.sandbox, a.sandbox_set_by,
           a.balance, a.balance_at, a.refreshed_at,
           newest.occurred_at AS last_mutation_at, with_balance.balance AS mutation_balance, with_balance.received_at AS mutation_balance_at
      FROM accounts a
      LEFT JOIN LATERAL (
        SELECT occurred_at FROM mutations m WHERE m.bank_id = a.moota_bank_id ORDER BY occurred_at DESC, id DESC LIMIT 1
      ) newest ON true
      LEFT JOIN LATERAL (
        SELECT balance, received_at FROM mutations m
         WHERE m.bank_id = a.moota_bank_id AND m.balance IS NOT NULL
         ORDER BY occurred_at DESC, id DESC LIMIT 1
      ) with_balance ON true
     ORDER BY a.sandbox, a.label NULLS LAST, a.account_number, a.id`;
  return rows.map((row) => {
    const balance = newerBalance({ balance: row.balance, at: row.balance_at }, { balance: row.mutation_balance, at: row.mutation_balance_at });
    return {
      id: row.id,
      mootaBankId: row.moota_bank_id,
      bankType: row.bank_type,
      label: row.label,
      holder: row.holder,
      maskedNumber: maskAccountNumber(row.account_number),
      name: accountName({ label: row.label, accountNumber: row.account_number }),
      sandbox: row.sandbox,
      sandboxSetBy: row.sandbox_set_by === 'moota' || row.sandbox_set_by === 'owner' ? row.sandbox_set_by : null,
      lastMutationAt: row.last_mutation_at?.toISOString() ?? null,
      balance: balance ? String(balance.balance) : null,
      balanceAt: balance?.at.toISOString() ?? null,
      refreshedAt: row.refreshed_at?.toISOString() ?? null,
    };
  });
}

/** An account as a filter offers it: its Moota bank id as the value, its label and masked number as the words. */
export interface AccountOption {
  value: string;
  name: string;
  sandbox: boolean;
}

/** The accounts for the filters of lists and reports. */
export async function accountOptions(): Promise<AccountOption[]> {
  const accounts = await db().account.findMany({
    select: { mootaBankId: true, label: true, accountNumber: true, sandbox: true },
    orderBy: [{ sandbox: 'asc' }, { label: 'asc' }, { accountNumber: 'asc' }],
  });
  return accounts.map((account) => ({ value: account.mootaBankId, name: accountName(account), sandbox: account.sandbox }));
}
