import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db';
import { enqueueMutationProcessing } from '@/lib/jobs/queue';
import type { MootaMutation } from '@/lib/moota/payload';
import type { Prisma, SignatureResult } from '@/lib/generated/prisma/client';

export interface DeliveryCall {
  receivedAt: Date;
  sourceAddress: string;
  headers: Record<string, string>;
  bodyBytes: number;
}

export interface StoredDelivery {
  deliveryId: string;
  accepted: number;
  duplicates: number;
}

/** A rejected call keeps at most this much of its body: a flood of garbage cannot fill the disk. */
export const REJECTED_BODY_EXCERPT = 2048;

/**
 * Stores a verified delivery and its mutations in one transaction, each Moota mutation once
 * (the unique constraint on moota_id decides, not a read before the write), and enqueues
 * processing of the new ones in that same transaction.
 */
export async function storeAcceptedDelivery(
  call: DeliveryCall,
  redactedBody: string,
  mutations: readonly MootaMutation[],
): Promise<StoredDelivery> {
  const deliveryId = randomUUID();
  return db().$transaction(async (tx) => {
    await tx.delivery.create({
      data: {
        id: deliveryId,
        receivedAt: call.receivedAt,
        sourceAddress: call.sourceAddress,
        httpStatus: 200,
        outcome: 'accepted',
        signature: 'valid',
        headers: call.headers,
        body: redactedBody,
        bodyBytes: call.bodyBytes,
      },
    });
    const created = await tx.mutation.createManyAndReturn({
      data: mutations.map((mutation) => ({
        mootaId: mutation.mootaId,
        deliveryId,
        receivedAt: call.receivedAt,
        bankId: mutation.bankId,
        bankType: mutation.bankType,
        bankLabel: mutation.bankLabel,
        accountNumber: mutation.accountNumber,
        accountHolder: mutation.accountHolder,
        type: mutation.type,
        amount: mutation.amount,
        balance: mutation.balance,
        description: mutation.description,
        note: mutation.note,
        occurredAt: mutation.occurredAt,
        paymentOrderId: mutation.paymentOrderId,
        taggings: mutation.taggings as Prisma.InputJsonValue,
        raw: mutation.raw as Prisma.InputJsonValue,
      })),
      skipDuplicates: true,
      select: { id: true },
    });
    const accepted = created.length;
    const duplicates = mutations.length - accepted;
    if (duplicates > 0 || accepted > 0) {
      await tx.delivery.update({ where: { id: deliveryId }, data: { accepted, duplicates } });
    }
    await enqueueMutationProcessing(
      tx,
      created.map((row) => row.id),
    );
    return { deliveryId, accepted, duplicates };
  });
}

export interface Rejection {
  httpStatus: number;
  reason: string;
  signature: SignatureResult;
  bodyExcerpt: string;
}

export async function storeRejectedDelivery(call: DeliveryCall, rejection: Rejection): Promise<string> {
  const excerpt = rejection.bodyExcerpt;
  const { id } = await db().delivery.create({
    data: {
      receivedAt: call.receivedAt,
      sourceAddress: call.sourceAddress,
      httpStatus: rejection.httpStatus,
      outcome: 'rejected',
      reason: rejection.reason,
      signature: rejection.signature,
      headers: call.headers,
      body: excerpt.slice(0, REJECTED_BODY_EXCERPT),
      bodyTruncated: excerpt.length > REJECTED_BODY_EXCERPT,
      bodyBytes: call.bodyBytes,
    },
    select: { id: true },
  });
  return id;
}
