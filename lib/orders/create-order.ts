import { db, inTransaction } from '@/lib/db';
import { DomainError, violatedConstraint } from '@/lib/errors';
import { Prisma, type Order, type OrderSource } from '@/lib/generated/prisma/client';
import { formatRupiah } from '@/lib/money';
import { describeIssues, orderInputSchema } from '@/lib/orders/order-input';
import { matchWaitingTransfers } from '@/lib/reconcile/match-waiting-transfers';
import { recordHistory } from '@/lib/reconcile/store';
import { WAITING_FOR_ORDER, sqlList } from '@/lib/reconcile/states';
import { pickUniqueCode } from '@/lib/reconcile/unique-code';
import type { Settings } from '@/lib/settings/definitions';
import { loadSettings } from '@/lib/settings/store';

const ATTEMPTS = 8;
const DAY_MS = 24 * 60 * 60_000;

export interface CreatedOrder {
  order: Order;
  created: boolean;
}

/**
 * Creates an order with a unique code that no other open order's payable amount uses; the
 * partial unique index decides races. The same reference again returns the existing order.
 * A transfer that arrived before its order is matched right away.
 */
export async function createOrder(input: unknown, source: OrderSource, actor: string): Promise<CreatedOrder> {
  const parsed = orderInputSchema.safeParse(input);
  if (!parsed.success) throw new DomainError('invalid', 'orderInvalid', { details: describeIssues(parsed.error) });
  const { reference, amount, customer_name, account_number, expires_in_minutes } = parsed.data;

  const existing = await db().order.findUnique({ where: { referenceKey: reference.toUpperCase() } });
  if (existing) return sameOrder(existing, reference, amount);

  const settings = await loadSettings();
  const { min, max } = settings.uniqueCodeRange;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const now = new Date();
    const code = pickUniqueCode(amount, settings.uniqueCodeRange, await takenPayables(amount, settings, now));
    if (code === null) {
      throw new DomainError('unique_codes_exhausted', 'uniqueCodesExhausted', { min, max, amount: formatRupiah(amount) });
    }
    const expiresInMinutes = expires_in_minutes ?? settings.orderExpiryMinutes;
    try {
      const order = await inTransaction(async (tx) => {
        const created = await tx.order.create({
          data: {
            reference,
            referenceKey: reference.toUpperCase(),
            customerName: customer_name,
            amount,
            uniqueCode: code,
            payableAmount: amount + BigInt(code),
            accountNumber: account_number?.replace(/[\s-]/g, '') ?? null,
            source,
            createdAt: now,
            expiresAt: new Date(now.getTime() + expiresInMinutes * 60_000),
          },
        });
        await recordHistory(tx, {
          actor,
          action: 'order_created',
          orderId: created.id,
          details: { source, uniqueCode: code, payableAmount: String(created.payableAmount) },
        });
        return created;
      });
      await matchWaitingTransfers(order, settings.match);
      return { order: await db().order.findUniqueOrThrow({ where: { id: order.id } }), created: true };
    } catch (error) {
      const constraint = violatedConstraint(error);
      if (constraint === 'orders_open_payable_amount_key') continue;
      if (constraint?.startsWith('orders_reference')) {
        return sameOrder(await db().order.findUniqueOrThrow({ where: { referenceKey: reference.toUpperCase() } }), reference, amount);
      }
      throw error;
    }
  }
  throw new DomainError('conflict', 'orderRaceRetry');
}

/**
 * Payable amounts a new order must not use: those of open orders; those of orders closed within
 * `closedAmountHoldDays`, whose late transfer would otherwise pay a stranger's order; and those of
 * credits still waiting for an order, which a new order of that amount would take by coincidence.
 * The closed orders are probed one amount at a time, so their history does not slow this down.
 */
async function takenPayables(amount: bigint, settings: Settings, now: Date): Promise<Set<bigint>> {
  const low = amount + BigInt(settings.uniqueCodeRange.min);
  const high = amount + BigInt(settings.uniqueCodeRange.max);
  const since = new Date(now.getTime() - settings.match.lateOrderMinutes * 60_000);
  const closedSince = new Date(now.getTime() - settings.match.closedAmountHoldDays * DAY_MS);
  const rows = await db().$queryRaw<{ amount: bigint }[]>`
    SELECT payable_amount AS amount FROM orders WHERE status = 'pending' AND payable_amount BETWEEN ${low} AND ${high}
    UNION
    SELECT payable_amount FROM orders
    WHERE status IN ('expired', 'cancelled') AND closed_at >= ${closedSince}
      AND payable_amount = ANY(ARRAY(SELECT generate_series(${low}::bigint, ${high}::bigint)))
    UNION
    SELECT amount FROM mutations
    WHERE type = 'CR' AND amount BETWEEN ${low} AND ${high} AND received_at >= ${since}
      AND match_state IN ${Prisma.raw(sqlList(WAITING_FOR_ORDER))}`;
  return new Set(rows.map((row) => row.amount));
}

function sameOrder(existing: Order, reference: string, amount: bigint): CreatedOrder {
  if (existing.reference !== reference || existing.amount !== amount) {
    throw new DomainError('conflict', 'referenceTaken', { reference: existing.reference, amount: String(existing.amount) });
  }
  return { order: existing, created: false };
}
