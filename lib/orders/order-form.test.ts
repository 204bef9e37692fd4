import { describe, expect, test } from 'vitest';
import { validateOrderForm, type OrderFormErrors, type OrderFormValues } from '@/lib/orders/order-form';
import { orderInputSchema } from '@/lib/orders/order-input';

const valid: OrderFormValues = { reference: 'INV-2001', amount: '150000', customerName: '', accountNumber: '', expiresInMinutes: '' };

describe('validateOrderForm', () => {
  test.each<[string, Partial<OrderFormValues>, OrderFormErrors]>([
    ['a missing reference', { reference: '  ' }, { reference: 'referenceRequired' }],
    ['a short reference', { reference: 'AB' }, { reference: 'referenceLength' }],
    ['a long reference', { reference: 'A'.repeat(65) }, { reference: 'referenceLength' }],
    ['a reference with spaces', { reference: 'INV 1' }, { reference: 'referenceChars' }],
    ['a reference starting with a dash', { reference: '-INV1' }, { reference: 'referenceChars' }],
    ['a missing amount', { amount: '' }, { amount: 'amountRequired' }],
    ['an amount in words', { amount: 'seratus ribu' }, { amount: 'amountInvalid' }],
    ['an amount with sen', { amount: '150.000,50' }, { amount: 'amountInvalid' }],
    ['a zero amount', { amount: '0' }, { amount: 'amountPositive' }],
    ['a negative amount', { amount: '-5000' }, { amount: 'amountPositive' }],
    ['an amount over Rp 100 miliar', { amount: '100000000001' }, { amount: 'amountTooLarge' }],
    ['a long customer name', { customerName: 'x'.repeat(201) }, { customerName: 'customerTooLong' }],
    ['a NUL in the customer name', { customerName: 'Budi\0' }, { customerName: 'textUnstorable' }],
    ['a lone surrogate in the reference', { reference: 'INV-\uD800' }, { reference: 'textUnstorable' }],
    ['letters in the account', { accountNumber: '8730-ABC' }, { accountNumber: 'accountDigits' }],
    ['a long account', { accountNumber: '1'.repeat(41) }, { accountNumber: 'accountTooLong' }],
    ['expiry in words', { expiresInMinutes: 'satu jam' }, { expiresInMinutes: 'expiryInvalid' }],
    ['zero minutes', { expiresInMinutes: '0' }, { expiresInMinutes: 'expiryInvalid' }],
    ['more than 90 days', { expiresInMinutes: '129601' }, { expiresInMinutes: 'expiryInvalid' }],
    ['several at once', { reference: '', amount: 'x' }, { reference: 'referenceRequired', amount: 'amountInvalid' }],
  ])('%s', (_label, change, expected) => {
    const result = validateOrderForm({ ...valid, ...change });
    expect(result.errors).toEqual(expected);
    expect(result.input).toBeUndefined();
  });

  test.each<[string, Partial<OrderFormValues>, Record<string, unknown>]>([
    ['the bare minimum', {}, { reference: 'INV-2001', amount: '150000', customer_name: null, account_number: null, expires_in_minutes: null }],
    ['Indonesian thousands', { amount: 'Rp 1.500.000' }, { amount: '1500000' }],
    [
      'all fields, trimmed',
      { reference: ' INV/7 ', customerName: ' Budi ', accountNumber: '873-011 2233', expiresInMinutes: '60' },
      { reference: 'INV/7', customer_name: 'Budi', account_number: '873-011 2233', expires_in_minutes: 60 },
    ],
  ])('%s gives input createOrder accepts', (_label, change, expected) => {
    const result = validateOrderForm({ ...valid, ...change });
    expect(result.errors).toEqual({});
    expect(result.input).toMatchObject(expected);
    expect(orderInputSchema.safeParse(result.input).success).toBe(true);
  });
});
