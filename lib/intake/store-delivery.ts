import { db, poolExecutor } from '@/lib/db';
import { uuidv7 } from '@/lib/ids';
import { processMutationJobs, WAKE_WORKERS } from '@/lib/jobs/queue';
import type { MootaMutation } from '@/lib/moota/payload';
import { storableText } from '@/lib/moota/storable';
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
  INSERT INTO deliveries (id, received_at, source_address, http_status, outcome, reason, signature, headers, body,
    body_bytes, accepted, duplicates, source, sync_run_id, statement_import_id)
  SELECT $1, $2, $3, CASE WHEN $12::text IS NULL THEN 200 ELSE 400 END,
    CASE WHEN $12::text IS NULL THEN 'accepted' ELSE 'partial' END::delivery_outcome, $12::text,
    CASE WHEN $9 = 'webhook' THEN 'valid' ELSE 'unchecked' END::signature_result, $4, $5, $6,
    (SELECT count(*) FROM new_mutations), $8::int - (SELECT count(*) FROM new_mutations), $9::mutation_origin, $10::uuid, $11::uuid
  WHERE $9 = 'webhook' OR EXISTS (SELECT FROM stored)
), ${processMutationJobs('SELECT id FROM new_mutations')}
SELECT (SELECT count(*) FROM new_mutations) AS accepted, ${WAKE_WORKERS} AS woken`;

/**
 * Stores a delivery and its mutations (`parseDelivery` kept the first of each mutation_id in the
 * body; `duplicatesInBody` counts the others), each Moota mutation once, and enqueues processing
 * of the new ones, all in one statement. Webhook calls, synced pages and statement rows all come
 * in here. Plain SQL on the pool under Prisma: this is the path Moota waits on. `refusedReason`
 * names the mutations of the body that could not be stored: the delivery is then logged as
 * partial, answered 400.
 */
export async function storeAcceptedDelivery(
  call: DeliveryCall,
  redactedBody: string,
  mutations: readonly MootaMutation[],
  duplicatesInBody = 0,
  from: DeliverySource = WEBHOOK,
  refusedReason: string | null = null,
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
    refusedReason === null ? null : storableText(refusedReason),
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

/** A refused unsigned call from one address is logged whole this many times a minute; the rest are counted. */
export const REFUSED_CALLS_LOGGED_PER_MINUTE = 10;

// The counter row decides, under its row lock, whether this call is among the first of its minute
// (logged, and remembered as the minute's last logged call) or only counted.
const STORE_COUNTED_REFUSAL_SQL = `
WITH counted AS (
  INSERT INTO refused_call_counts AS known (source_address, minute, calls, last_delivery_id) VALUES ($3, $11, 1, $1)
  ON CONFLICT (source_address, minute) DO UPDATE SET
    calls = known.calls + 1,
    last_delivery_id = CASE WHEN known.calls + 1 <= $12 THEN EXCLUDED.last_delivery_id ELSE known.last_delivery_id END
  RETURNING calls
), logged AS (
  INSERT INTO deliveries (id, received_at, source_address, http_status, outcome, reason, signature, headers, body, body_truncated, body_bytes)
  SELECT $1, $2, $3, $4, 'rejected', $5, $6::signature_result, $7::jsonb, $8, $9, $10
  WHERE (SELECT calls FROM counted) <= $12
  RETURNING id
)
SELECT (SELECT id FROM logged) AS id`;

/**
 * Logs a refused call; null when it was only counted. A call that bore a valid signature came
 * from Moota with the secret and is always logged; any other refusal can come from anyone, so
 * beyond REFUSED_CALLS_LOGGED_PER_MINUTE per address and minute it only adds to a counter.
 */
export async function storeRejectedDelivery(call: DeliveryCall, rejection: Rejection): Promise<string | null> {
  const excerpt = storableText(rejection.bodyExcerpt.slice(0, REJECTED_BODY_EXCERPT));
  const row = {
    receivedAt: call.receivedAt,
    sourceAddress: call.sourceAddress,
    httpStatus: rejection.httpStatus,
    reason: storableText(rejection.reason),
    signature: rejection.signature,
    headers: call.headers,
    body: excerpt,
    bodyTruncated: rejection.bodyExcerpt.length > REJECTED_BODY_EXCERPT,
    bodyBytes: call.bodyBytes,
  };
  if (rejection.signature === 'valid') {
    const { id } = await db().delivery.create({ data: { ...row, outcome: 'rejected' }, select: { id: true } });
    return id;
  }
  const id = uuidv7(call.receivedAt.getTime());
  const minute = new Date(Math.floor(call.receivedAt.getTime() / 60_000) * 60_000);
  const {
    rows: [stored],
  } = (await poolExecutor().executeSql(STORE_COUNTED_REFUSAL_SQL, [
    id,
    row.receivedAt,
    row.sourceAddress,
    row.httpStatus,
    row.reason,
    row.signature,
    JSON.stringify(row.headers),
    row.body,
    row.bodyTruncated,
    row.bodyBytes,
    minute,
    REFUSED_CALLS_LOGGED_PER_MINUTE,
  ])) as { rows: { id: string | null }[] };
  return stored?.id ?? null;
}

/** Rejected calls are kept for this long: enough to investigate, not enough for a flood to fill the disk. */
export const REJECTED_RETENTION_DAYS = 30;

/** However many addresses a flood comes from, rejected calls take at most this much of the log (their text). */
export const REJECTED_LOG_BYTES = 50 * 1024 * 1024;

// Newest first, the running size of the rejected calls; whatever lies beyond the budget goes.
const PRUNE_REJECTED_BEYOND_BUDGET_SQL = `
DELETE FROM deliveries WHERE id IN (
  SELECT id FROM (
    SELECT id, sum(octet_length(body) + octet_length(headers::text) + coalesce(octet_length(reason), 0))
      OVER (ORDER BY received_at DESC, id DESC) AS running
    FROM deliveries WHERE outcome = 'rejected'
  ) sized WHERE running > $1)`;

/** Prunes rejected calls older than the retention period or beyond the log's size budget, and old counters. */
export async function pruneRejectedDeliveries(now = new Date(), budgetBytes = REJECTED_LOG_BYTES): Promise<number> {
  const before = new Date(now.getTime() - REJECTED_RETENTION_DAYS * 86_400_000);
  const { count } = await db().delivery.deleteMany({ where: { outcome: 'rejected', receivedAt: { lt: before } } });
  const beyondBudget = await db().$executeRawUnsafe(PRUNE_REJECTED_BEYOND_BUDGET_SQL, budgetBytes);
  await db().refusedCallCount.deleteMany({ where: { minute: { lt: before } } });
  return count + beyondBudget;
}
