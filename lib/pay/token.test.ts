import { describe, expect, test } from 'vitest';
import { orderIdOfPayToken, payLinkKey, payToken } from '@/lib/pay/token';

const KEY = payLinkKey('an app secret of at least thirty-two characters');
const ORDER = '019ae0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f';

describe('payment link tokens', () => {
  test('a token names its order, URL-safe and without the reference', () => {
    const token = payToken(ORDER, KEY);
    expect(token).toMatch(/^[A-Za-z0-9_-]{38}$/);
    expect(orderIdOfPayToken(token, KEY)).toBe(ORDER);
  });

  test.each([
    ['one character changed', (t: string) => `${t.slice(0, 30)}${t[30] === 'A' ? 'B' : 'A'}${t.slice(31)}`],
    ['another order with this signature', (t: string) => `${payToken('019ae0c1-2b3c-7d4e-8f50-6a7b8c9d0e20', KEY).slice(0, 22)}${t.slice(22)}`],
    ['cut short', (t: string) => t.slice(0, 37)],
    ['padded', (t: string) => `${t}=`],
    ['nothing', () => ''],
    ['the reference', () => 'INV-1001'],
  ])('%s is not a link', (_label, change) => {
    expect(orderIdOfPayToken(change(payToken(ORDER, KEY)), KEY)).toBeNull();
  });

  test("another installation's key opens no link", () => {
    expect(orderIdOfPayToken(payToken(ORDER, KEY), payLinkKey('another secret of at least thirty-two characters'))).toBeNull();
  });
});
