import { db, poolExecutor } from '@/lib/db';
import { uuidv7 } from '@/lib/ids';
import { processMutationJobs, WAKE_WORKERS } from '@/lib/jobs/queue';
import type { MootaMutation } from '@/lib/moota/payload';
import type { SignatureResult } from '@/lib/generated/prisma/client';

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

// One statement, so one round trip and its own transaction, stores the delivery and its new
// mutations and enqueues their processing; ON CONFLICT makes the unique moota_id, not a read
// before the write, decide what is new.
const STORE_DELIVERY_SQL = `
WITH incoming AS (
  SELECT * FROM jsonb_to_recordset($7::jsonb) AS m(
    id uuid, moota_id text, bank_id text, bank_type text, bank_label text, account_number text,
    account_holder text, type mutation_type, amount bigint, balance bigint, description text, note text,
    occurred_at timestamptz, payment_order_id text, taggings jsonb)
), stored AS (
  INSERT INTO mutations (id, moota_id, delivery_id, received_at, bank_id, bank_type, bank_label, account_number,
    account_holder, type, amount, balance, description, note, occurred_at, payment_order_id, taggings)
  SELECT id, moota_id, $1, $2, bank_id, bank_type, bank_label, account_number, account_holder, type, amount,
    balance, description, note, occurred_at, payment_order_id, taggings
  FROM incoming
  ON CONFLICT (moota_id) DO NOTHING
  RETURNING id
), delivery AS (
  INSERT INTO deliveries (id, received_at, source_address, http_status, outcome, signature, headers, body,
    body_bytes, accepted, duplicates)
  VALUES ($1, $2, $3, 200, 'accepted', 'valid', $4, $5, $6,
    (SELECT count(*) FROM stored), $8::int - (SELECT count(*) FROM stored))
), ${processMutationJobs('SELECT id FROM stored')}
SELECT (SELECT count(*) FROM stored) AS accepted, ${WAKE_WORKERS} AS woken`;

/**
 * Stores a verified delivery and its mutations (`parseDelivery` kept the first of each
 * mutation_id in the body; `duplicatesInBody` counts the others), each Moota mutation once, and enqueues processing
 * of the new ones, all in one statement. Plain SQL on the pool under Prisma: this is the path Moota
 * waits on.
 */
export async function storeAcceptedDelivery(
  call: DeliveryCall,
  redactedBody: string,
  mutations: readonly MootaMutation[],
  duplicatesInBody = 0,
): Promise<StoredDelivery> {
  const deliveryId = uuidv7(call.receivedAt.getTime());
  const incoming = mutations.map((m) => ({
    id: uuidv7(call.receivedAt.getTime()),
    moota_id: m.mootaId,
    bank_id: m.bankId,
    bank_type: m.bankType,
    bank_label: m.bankLabel,
    account_number: m.accountNumber,
    account_holder: m.accountHolder,
    type: m.type,
    amount: String(m.amount),
    balance: m.balance === null ? null : String(m.balance),
    description: m.description,
    note: m.note,
    occurred_at: m.occurredAt.toISOString(),
    payment_order_id: m.paymentOrderId,
    taggings: m.taggings,
  }));
  const {
    rows: [stored],
  } = (await poolExecutor().executeSql(STORE_DELIVERY_SQL, [
    deliveryId,
    call.receivedAt,
    call.sourceAddress,
    JSON.stringify(call.headers),
    redactedBody,
    call.bodyBytes,
    JSON.stringify(incoming),
    mutations.length + duplicatesInBody,
  ])) as { rows: { accepted: string }[] };
  const accepted = Number(stored!.accepted);
  return { deliveryId, accepted, duplicates: mutations.length + duplicatesInBody - accepted };
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

/** Rejected calls are kept for this long: enough to investigate, not enough for a flood to fill the disk. */
export const REJECTED_RETENTION_DAYS = 30;

export async function pruneRejectedDeliveries(now = new Date()): Promise<number> {
  const { count } = await db().delivery.deleteMany({
    where: { outcome: 'rejected', receivedAt: { lt: new Date(now.getTime() - REJECTED_RETENTION_DAYS * 86_400_000) } },
  });
  return count;
}
