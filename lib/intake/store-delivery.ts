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

/** Where a stored delivery's mutations came from: the webhook, a page of Moota's API read by a sync run, or a statement file. */
export type DeliverySource = { source: 'webhook' } | { source: 'api-sync'; syncRunId: string } | { source: 'statement'; statementImportId: string };

const WEBHOOK: DeliverySource = { source: 'webhook' };

/** A rejected call keeps at most this much of its body: a flood of garbage cannot fill the disk. */
export const REJECTED_BODY_EXCERPT = 2048;

// One statement, so one round trip and its own transaction, stores the delivery and its new
// mutations, the accounts they name for the first time, and enqueues their processing; ON CONFLICT
// makes the unique moota_id, not a read before the write, decide what is new. A mutation already
// known only records when this source first saw it; a synced page or statement that changes nothing
// leaves no trace (a webhook call is always logged). Accounts already known are not touched, so
// concurrent deliveries for one account never wait on its row.
const STORE_DELIVERY_SQL = `
WITH incoming AS (
  SELECT m.*, coalesce(m.bank_type ILIKE '%sandbox%' OR m.bank_label ILIKE '%sandbox%', false) AS says_sandbox
  FROM jsonb_to_recordset($7::jsonb) AS m(
    id uuid, moota_id text, bank_id text, bank_type text, bank_label text, account_number text,
    account_holder text, type mutation_type, amount bigint, balance bigint, description text, note text,
    occurred_at timestamptz, payment_order_id text, taggings jsonb)
), known_accounts AS (
  SELECT moota_bank_id, sandbox FROM accounts WHERE moota_bank_id IN (SELECT bank_id FROM incoming)
), new_accounts AS (
  INSERT INTO accounts (id, moota_bank_id, bank_type, label, holder, account_number, sandbox, sandbox_set_by)
  SELECT DISTINCT ON (bank_id) gen_random_uuid(), bank_id, bank_type, bank_label, account_holder, account_number,
    says_sandbox, CASE WHEN says_sandbox THEN 'moota' END
  FROM incoming
  WHERE bank_id <> '' AND bank_id NOT IN (SELECT moota_bank_id FROM known_accounts)
  ORDER BY bank_id
  ON CONFLICT (moota_bank_id) DO NOTHING
), stored AS (
  INSERT INTO mutations AS known (id, moota_id, delivery_id, received_at, bank_id, bank_type, bank_label, account_number,
    account_holder, type, amount, balance, description, note, occurred_at, payment_order_id, taggings, origin,
    webhook_seen_at, sync_seen_at, statement_seen_at, sandbox)
  SELECT id, moota_id, $1, $2, bank_id, bank_type, bank_label, account_number, account_holder, type, amount,
    balance, description, note, occurred_at, payment_order_id, taggings, $9::mutation_origin,
    CASE WHEN $9 = 'webhook' THEN $2::timestamptz END, CASE WHEN $9 = 'api-sync' THEN $2::timestamptz END,
    CASE WHEN $9 = 'statement' THEN $2::timestamptz END,
    coalesce((SELECT sandbox FROM known_accounts WHERE moota_bank_id = incoming.bank_id), says_sandbox)
  FROM incoming
  ON CONFLICT (moota_id) DO UPDATE SET
    webhook_seen_at = coalesce(known.webhook_seen_at, EXCLUDED.webhook_seen_at),
    sync_seen_at = coalesce(known.sync_seen_at, EXCLUDED.sync_seen_at),
    statement_seen_at = coalesce(known.statement_seen_at, EXCLUDED.statement_seen_at)
  WHERE (known.webhook_seen_at IS NULL AND EXCLUDED.webhook_seen_at IS NOT NULL)
    OR (known.sync_seen_at IS NULL AND EXCLUDED.sync_seen_at IS NOT NULL)
    OR (known.statement_seen_at IS NULL AND EXCLUDED.statement_seen_at IS NOT NULL)
  RETURNING id, xmax = 0 AS inserted
), new_mutations AS (
  SELECT id FROM stored WHERE inserted
), delivery AS (
  INSERT INTO deliveries (id, received_at, source_address, http_status, outcome, signature, headers, body,
    body_bytes, accepted, duplicates, source, sync_run_id, statement_import_id)
  SELECT $1, $2, $3, 200, 'accepted', CASE WHEN $9 = 'webhook' THEN 'valid' ELSE 'unchecked' END::signature_result, $4, $5, $6,
    (SELECT count(*) FROM new_mutations), $8::int - (SELECT count(*) FROM new_mutations), $9::mutation_origin, $10::uuid, $11::uuid
  WHERE $9 = 'webhook' OR EXISTS (SELECT FROM stored)
), ${processMutationJobs('SELECT id FROM new_mutations')}
SELECT (SELECT count(*) FROM new_mutations) AS accepted, ${WAKE_WORKERS} AS woken`;

/**
 * Stores a delivery and its mutations (`parseDelivery` kept the first of each mutation_id in the
 * body; `duplicatesInBody` counts the others), each Moota mutation once, and enqueues processing
 * of the new ones, all in one statement. Webhook calls, synced pages and statement rows all come
 * in here. Plain SQL on the pool under Prisma: this is the path Moota waits on.
 */
export async function storeAcceptedDelivery(
  call: DeliveryCall,
  redactedBody: string,
  mutations: readonly MootaMutation[],
  duplicatesInBody = 0,
  from: DeliverySource = WEBHOOK,
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
    from.source,
    from.source === 'api-sync' ? from.syncRunId : null,
    from.source === 'statement' ? from.statementImportId : null,
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
