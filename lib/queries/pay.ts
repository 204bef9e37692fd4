import { db } from '@/lib/db';
import { accountName } from '@/lib/accounts/account-name';

/** An account a customer may pay into, as their payment page shows it: the whole number, to copy. */
export interface PayAccount {
  bank: string;
  holder: string | null;
  accountNumber: string;
}

/** Every account, for Settings' choice of those the payment page offers. */
export async function payAccountChoices() {
  const accounts = await db().account.findMany({
    select: { mootaBankId: true, label: true, accountNumber: true, holder: true, sandbox: true },
    orderBy: [{ sandbox: 'asc' }, { label: 'asc' }, { accountNumber: 'asc' }],
  });
  return accounts.map((a) => ({ value: a.mootaBankId, name: accountName(a), holder: a.holder, sandbox: a.sandbox }));
}

/** The accounts the payment page offers: those chosen in Settings, or, with none chosen, every one that is not a sandbox. */
export async function payAccounts(chosen: readonly string[]): Promise<PayAccount[]> {
  const accounts = await db().account.findMany({
    where: chosen.length > 0 ? { mootaBankId: { in: [...chosen] } } : { sandbox: false },
    select: { label: true, bankType: true, holder: true, accountNumber: true },
    orderBy: [{ label: 'asc' }, { accountNumber: 'asc' }],
  });
  return accounts.map((a) => ({ bank: a.label ?? a.bankType?.toUpperCase() ?? '', holder: a.holder, accountNumber: a.accountNumber }));
}

/** What the payment page needs of an order; null when there is none. */
export function payOrder(orderId: string) {
  return db().order.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      reference: true,
      status: true,
      payableAmount: true,
      paidAmount: true,
      uniqueCode: true,
      expiresAt: true,
      accountNumber: true,
    },
  });
}
