import { typedAmountOrNull } from '@/lib/money';
import { MAX_ORDER_AMOUNT } from '@/lib/orders/order-input';
import { isStorableText } from '@/lib/text';

/** The dashboard's new-order form as typed: every field is text. */
export interface OrderFormValues {
  reference: string;
  amount: string;
  customerName: string;
  accountNumber: string;
  expiresInMinutes: string;
}

export type OrderFormField = keyof OrderFormValues;

/** Message keys (under orders.form.errors) per field that is wrong. */
export type OrderFormErrors = Partial<Record<OrderFormField, string>>;

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_/-]*$/;
const MAX_EXPIRY_MINUTES = 60 * 24 * 90;

/**
 * Checks the form field by field, in the words a person needs to fix it, and gives the input for
 * createOrder (which checks again) when nothing is wrong. Amounts may be typed the Indonesian way.
 */
export function validateOrderForm(values: OrderFormValues): { errors: OrderFormErrors; input?: Record<string, unknown> } {
  const errors: OrderFormErrors = {};
  const reference = values.reference.trim();
  if (reference === '') errors.reference = 'referenceRequired';
  else if (reference.length < 3 || reference.length > 64) errors.reference = 'referenceLength';
  else if (!REFERENCE.test(reference)) errors.reference = 'referenceChars';

  let amount: bigint | null = null;
  if (values.amount.trim() === '') errors.amount = 'amountRequired';
  else {
    amount = typedAmountOrNull(values.amount);
    if (amount === null) errors.amount = 'amountInvalid';
    else if (amount <= 0n) errors.amount = 'amountPositive';
    else if (amount > MAX_ORDER_AMOUNT) errors.amount = 'amountTooLarge';
  }

  const customerName = values.customerName.trim();
  if (customerName.length > 200) errors.customerName = 'customerTooLong';

  const accountNumber = values.accountNumber.trim();
  if (accountNumber.length > 40) errors.accountNumber = 'accountTooLong';
  else if (accountNumber !== '' && !/^[0-9 -]+$/.test(accountNumber)) errors.accountNumber = 'accountDigits';

  const expiry = values.expiresInMinutes.trim();
  let expiresInMinutes: number | null = null;
  if (expiry !== '') {
    expiresInMinutes = /^\d+$/.test(expiry) ? Number(expiry) : NaN;
    if (!(expiresInMinutes >= 1 && expiresInMinutes <= MAX_EXPIRY_MINUTES)) errors.expiresInMinutes = 'expiryInvalid';
  }

  for (const [field, text] of Object.entries(values) as [OrderFormField, string][]) {
    if (!isStorableText(text)) errors[field] = 'textUnstorable';
  }

  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    input: {
      reference,
      amount: String(amount),
      customer_name: customerName || null,
      account_number: accountNumber || null,
      expires_in_minutes: expiresInMinutes,
    },
  };
}
