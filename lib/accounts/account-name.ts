/** An account number as lists show it: its last four digits behind two dots ("••2233"). */
export function maskAccountNumber(accountNumber: string): string {
  const digits = accountNumber.replace(/[\s.-]/g, '');
  return `••${digits.slice(-4)}`;
}

/** What people call an account in lists and filters: its label and masked number ("BCA Toko ••2233"). */
export function accountName(account: { label: string | null; accountNumber: string }): string {
  const masked = maskAccountNumber(account.accountNumber);
  return account.label ? `${account.label} ${masked}` : masked;
}
