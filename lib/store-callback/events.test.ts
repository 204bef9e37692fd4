import { describe, expect, test } from 'vitest';
import type { PaymentStatus } from '@/lib/reconcile/decide';
import { eventForStatus, type OrderPaymentEvent } from './events';

describe('eventForStatus', () => {
  test.each<[string, PaymentStatus, OrderPaymentEvent]>([
    ['paid exactly: the order is paid', 'paid', 'order.paid'],
    ['paid more than due: the order is paid', 'overpaid', 'order.paid'],
    ['paid less than due: never order.paid', 'underpaid', 'order.underpaid'],
  ])('%s', (_label, status, expected) => {
    expect(eventForStatus(status)).toBe(expected);
  });
});
