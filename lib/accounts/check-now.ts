import { claimRefresh } from '@/lib/accounts/store';
import { DomainError } from '@/lib/errors';

/** What "check now" needs of Moota's API (lib/moota/api.ts). */
export interface AccountRefresher {
  refreshAccount(bankId: string): Promise<void>;
}

/**
 * Asks Moota to check one account's bank now. Without a Moota connection nothing is claimed, so
 * connecting later does not have to wait out the rate limit; Moota is asked at most once per
 * REFRESH_EVERY_MINUTES per account (claimRefresh).
 */
export async function checkAccountNow(accountId: string, connect: () => Promise<AccountRefresher | null>, now = new Date()): Promise<void> {
  const moota = await connect();
  if (!moota) throw new DomainError('invalid', 'mootaNotConnected');
  const bankId = await claimRefresh(accountId, now);
  await moota.refreshAccount(bankId);
}
