/** How an account is named on screen: its label (or bank) and the last four digits, e.g. "BCA Toko ••2233". */
export function accountLabel(account: { label: string | null; bankType: string | null; accountNumber: string }): string {
  const name = account.label?.trim() || account.bankType?.toUpperCase() || '';
  const digits = account.accountNumber.replace(/\s+/g, '');
  const masked = digits.length > 4 ? `••${digits.slice(-4)}` : digits;
  return name ? `${name} ${masked}` : masked;
}
