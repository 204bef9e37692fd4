import type { OrderStatus } from '@/lib/reconcile/decide';

/** Another candidate whose difference from the transfer is within this much of the chosen one's reads as just as likely. */
export const SIMILAR_CANDIDATE_RUPIAH = 1_000n;

/** How a transfer compares with an order's payable amount. */
export type Difference = { kind: 'exact' } | { kind: 'less' | 'more'; amount: bigint };

export function differenceOf(transfer: bigint, payable: bigint): Difference {
  if (transfer === payable) return { kind: 'exact' };
  return transfer < payable ? { kind: 'less', amount: payable - transfer } : { kind: 'more', amount: transfer - payable };
}

const distance = (transfer: bigint, payable: bigint) => (transfer > payable ? transfer - payable : payable - transfer);

export interface ConfirmTarget {
  orderId: string;
  reference: string;
  payableAmount: bigint;
  status: OrderStatus;
  expiresAt: Date | null;
}

/** Why a confirmation departs from the exact rule: each is said to the person, who acknowledges it once. */
export type Departure =
  | { kind: 'less' | 'more'; amount: bigint }
  | { kind: 'expired'; since: Date | null }
  | { kind: 'cancelled' }
  | { kind: 'similar'; reference: string; payableAmount: bigint };

/**
 * What a person must acknowledge before a transfer pays this order: a difference from its payable
 * amount, an order no longer open, another candidate about as close. An exact amount on an open
 * order confirms at once: the database keeps exact payable amounts of open orders unique, so no
 * other candidate can make it doubtful.
 */
export function confirmDepartures(transfer: bigint, order: ConfirmTarget, others: readonly ConfirmTarget[] = []): Departure[] {
  const departures: Departure[] = [];
  const difference = differenceOf(transfer, order.payableAmount);
  if (difference.kind !== 'exact') departures.push(difference);
  if (order.status === 'expired') departures.push({ kind: 'expired', since: order.expiresAt });
  if (order.status === 'cancelled') departures.push({ kind: 'cancelled' });
  if (departures.length === 0) return departures;
  const own = distance(transfer, order.payableAmount);
  const similar = others.find(
    (other) =>
      other.orderId !== order.orderId && other.status !== 'cancelled' && distance(transfer, other.payableAmount) <= own + SIMILAR_CANDIDATE_RUPIAH,
  );
  if (similar) departures.push({ kind: 'similar', reference: similar.reference, payableAmount: similar.payableAmount });
  return departures;
}
