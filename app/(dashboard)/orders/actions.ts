'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { acceptDifference } from '@/lib/differences/accept-difference';
import { DIFFERENCE_CATEGORIES } from '@/lib/differences/categories';
import { defineAction } from '@/lib/next/action';
import { cancelOrder } from '@/lib/orders/close-orders';
import { createOrder } from '@/lib/orders/create-order';
import { importOrders, type ImportResult } from '@/lib/orders/import-orders';
import { validateOrderForm, type OrderFormErrors } from '@/lib/orders/order-form';
import type { OrderStatus } from '@/lib/reconcile/decide';
import { IMPORT_CHUNK } from '@/app/(dashboard)/orders/import/chunk';

export type CreateOrderResult =
  | { kind: 'invalid'; errors: OrderFormErrors }
  | {
      kind: 'created' | 'existing';
      reference: string;
      amount: string;
      uniqueCode: number;
      payableAmount: string;
      expiresAt: string | null;
      /** What the order is now: an existing order may be paid, expired or cancelled already. */
      status: OrderStatus;
      paidAmount: string;
    };

const text = z.string().max(1000);

export const createOrderAction = defineAction(
  {
    name: 'createOrder',
    permission: 'manage_orders',
    schema: z.object({ reference: text, amount: text, customerName: text, accountNumber: text, expiresInMinutes: text }),
  },
  async (values, user): Promise<CreateOrderResult> => {
    const { errors, input } = validateOrderForm(values);
    if (!input) return { kind: 'invalid', errors };
    const { order, created } = await createOrder(input, 'dashboard', user.email);
    revalidatePath('/orders');
    return {
      kind: created ? 'created' : 'existing',
      reference: order.reference,
      amount: String(order.amount),
      uniqueCode: order.uniqueCode,
      payableAmount: String(order.payableAmount),
      expiresAt: order.expiresAt?.toISOString() ?? null,
      status: order.status,
      paidAmount: String(order.paidAmount),
    };
  },
);

export const cancelOrderAction = defineAction(
  {
    name: 'cancelOrder',
    permission: 'manage_orders',
    schema: z.object({ reference: z.string().trim().min(1).max(64), reason: z.string().trim().max(500).optional() }),
  },
  async ({ reference, reason }, user) => {
    const order = await cancelOrder(reference, user.email, reason || null);
    revalidatePath('/orders');
    revalidatePath(`/orders/${encodeURIComponent(order.reference)}`);
    return { reference: order.reference, status: order.status };
  },
);

export interface ImportRowResult {
  line: number;
  reference: string;
  status: 'created' | 'existing' | 'failed';
  /** The file's own problems with the row, already in the reader's words (made in the browser). */
  message?: string;
  /** Why the server could not save the row (`errors.<code>`). */
  error?: ImportResult['error'];
  uniqueCode?: number;
  payableAmount?: string;
}

export const importOrdersAction = defineAction(
  {
    name: 'importOrders',
    permission: 'manage_orders',
    schema: z.object({
      rows: z
        .array(z.object({ line: z.number().int().min(1), reference: z.string().max(200), input: z.record(z.string(), z.unknown()) }))
        .min(1)
        .max(IMPORT_CHUNK),
    }),
  },
  async ({ rows }, user): Promise<ImportRowResult[]> => {
    // createOrder checks each input again; the browser's parse only decides what is sent.
    const results = await importOrders(
      rows.map((row) => ({ line: row.line, values: { reference: row.reference }, input: row.input, errors: [] })),
      user.email,
    );
    revalidatePath('/orders');
    return results.map((result) => ({
      line: result.line,
      reference: result.reference,
      status: result.status,
      error: result.error,
      uniqueCode: result.uniqueCode,
      payableAmount: result.payableAmount === undefined ? undefined : String(result.payableAmount),
    }));
  },
);

export const acceptDifferenceAction = defineAction(
  {
    name: 'acceptDifference',
    permission: 'reconcile',
    schema: z.object({ orderId: z.uuid(), category: z.enum(DIFFERENCE_CATEGORIES), reason: z.string().max(500) }),
  },
  async ({ orderId, category, reason }, user) => {
    const { reference, amount } = await acceptDifference({ orderId, category, reason, actor: user.email });
    revalidatePath(`/orders/${encodeURIComponent(reference)}`);
    return { reference, amount: amount.toString() };
  },
);
