import { db, inTransaction } from '@/lib/db';
import { DomainError } from '@/lib/errors';

/** An account as Moota's GET /bank describes it. */
export interface ReportedAccount {
  bankId: string;
  bankType: string | null;
  label: string | null;
  holder: string | null;
  accountNumber: string;
  balance: bigint | null;
  lastUpdate: Date | null;
}

/** Moota's Account Sandbox is not marked in its answers; its bank type or label says so. */
export function saysSandbox(account: { bankType: string | null; label: string | null }): boolean {
  return /sandbox/i.test(account.bankType ?? '') || /sandbox/i.test(account.label ?? '');
}

/** How often Moota may be asked to check one account's bank now (Moota charges for each check). */
export const REFRESH_EVERY_MINUTES = 5;

/**
 * Records the accounts Moota reported: their details and balance; an account Moota says is a
 * sandbox becomes one unless the owner decided otherwise.
 */
export async function recordReportedAccounts(accounts: readonly ReportedAccount[], now = new Date()): Promise<void> {
  await inTransaction(async (tx) => {
    for (const account of accounts) {
      const sandbox = saysSandbox(account);
      const details = {
        bankType: account.bankType,
        label: account.label,
        holder: account.holder,
        accountNumber: account.accountNumber,
        balance: account.balance,
        balanceAt: account.balance === null ? null : (account.lastUpdate ?? now),
        updatedAt: now,
      };
      const existing = await tx.account.findUnique({ where: { mootaBankId: account.bankId }, select: { sandboxSetBy: true, sandbox: true } });
      if (!existing) {
        await tx.account.create({ data: { mootaBankId: account.bankId, ...details, sandbox, sandboxSetBy: sandbox ? 'moota' : null } });
        continue;
      }
      const followMoota = existing.sandboxSetBy !== 'owner' && sandbox && !existing.sandbox;
      await tx.account.update({
        where: { mootaBankId: account.bankId },
        data: { ...details, ...(followMoota ? { sandbox: true, sandboxSetBy: 'moota' } : {}) },
      });
      if (followMoota) await tx.mutation.updateMany({ where: { bankId: account.bankId }, data: { sandbox: true } });
    }
  });
}

/** The owner marks an account as sandbox or not; its mutations follow in the same transaction. */
export async function setAccountSandbox(accountId: string, sandbox: boolean, actor: string): Promise<void> {
  await inTransaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { id: accountId }, select: { mootaBankId: true } });
    if (!account) throw new DomainError('not_found', 'accountNotFound');
    await tx.account.update({ where: { id: accountId }, data: { sandbox, sandboxSetBy: 'owner', updatedAt: new Date() } });
    await tx.mutation.updateMany({ where: { bankId: account.mootaBankId, sandbox: !sandbox }, data: { sandbox } });
    await tx.historyEntry.create({
      data: { actor, action: sandbox ? 'account_marked_sandbox' : 'account_marked_live', details: { mootaBankId: account.mootaBankId } },
    });
  });
}

/**
 * Claims the right to ask Moota to check an account now, at most once per REFRESH_EVERY_MINUTES
 * across every server: the claim is one conditional update. Returns the account's Moota bank id.
 */
export async function claimRefresh(accountId: string, now = new Date()): Promise<string> {
  const since = new Date(now.getTime() - REFRESH_EVERY_MINUTES * 60_000);
  const claimed = await db().account.updateManyAndReturn({
    where: { id: accountId, OR: [{ refreshedAt: null }, { refreshedAt: { lt: since } }] },
    data: { refreshedAt: now },
    select: { mootaBankId: true },
  });
  if (claimed[0]) return claimed[0].mootaBankId;
  const account = await db().account.findUnique({ where: { id: accountId }, select: { refreshedAt: true } });
  if (!account) throw new DomainError('not_found', 'accountNotFound');
  const minutes = Math.floor((now.getTime() - account.refreshedAt!.getTime()) / 60_000);
  throw new DomainError('conflict', 'refreshTooSoon', { minutes, wait: Math.max(1, REFRESH_EVERY_MINUTES - minutes) });
}
