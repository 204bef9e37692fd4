import { isAddressAllowed, resolveClientAddress, type Allowlist } from '@/lib/moota/client-address';
import { describeRefused, parseMootaJson, readDelivery, redactBody, redactSecrets, type MootaMutation } from '@/lib/moota/payload';
import { verifySignature } from '@/lib/moota/signature';
import { jsonDepth, MAX_JSON_DEPTH } from '@/lib/moota/storable';
import { isDatabaseUnavailable, withinDeadline } from '@/lib/database/unavailable';
import type { SignatureResult } from '@/lib/generated/prisma/client';
import { auditHeaders, BodyTooLargeError, PEER_ADDRESS_HEADER, readBodyWithin, refusedCallHeaders } from '@/lib/intake/delivery-call';
import { refusalReason } from '@/lib/moota/refusal-reasons';
import { storeAcceptedDelivery, storeRejectedDelivery, type DeliveryCall } from '@/lib/intake/store-delivery';

export interface WebhookConfig {
  secrets: readonly string[];
  allowlist: Allowlist;
  trustedProxyHops: number;
  maxBodyBytes: number;
  /** The `performance.now()` time by which the database must have answered (Moota waits 5 s); none if absent. */
  databaseDeadline?: number;
}

interface Refusal {
  httpStatus: number;
  reason: string;
  signature: SignatureResult;
  body?: Uint8Array;
}

interface Acceptance {
  body: Uint8Array;
  redactedBody: string;
  mutations: MootaMutation[];
  duplicatesInBody: number;
  /** Why the mutations of the body that cannot be stored were refused; null when there are none. */
  refusedReason: string | null;
  refused: number;
}

const refusal = (httpStatus: number, reason: string, signature: SignatureResult, body?: Uint8Array): Refusal => ({
  httpStatus,
  reason,
  signature,
  body,
});

/**
 * Moota's webhook, end to end: who is calling, how big, signed by whom, what shape; then the
 * delivery is stored and answered. Status codes tell Moota whether to retry: 4xx never will
 * succeed, 503 means try again later (the database is away), 500 means the database refused what
 * passed every check (a bug of ours, logged), 200 means stored (or already stored).
 */
export async function receiveWebhook(request: Request, config: WebhookConfig): Promise<Response> {
  const started = performance.now();
  const deadline = config.databaseDeadline ?? Number.POSITIVE_INFINITY;
  const call: DeliveryCall = {
    receivedAt: new Date(),
    sourceAddress: resolveClientAddress({
      socketAddress: request.headers.get(PEER_ADDRESS_HEADER) ?? 'unknown',
      forwardedFor: request.headers.get('x-forwarded-for'),
      trustedProxyHops: config.trustedProxyHops,
    }),
    headers: auditHeaders(request.headers),
    bodyBytes: Number(request.headers.get('content-length')) || 0,
  };

  const outcome = await check(request, call, config);
  if ('httpStatus' in outcome) {
    if (outcome.signature !== 'valid') call.headers = refusedCallHeaders(request.headers);
    return refuse(call, outcome, deadline);
  }

  try {
    const stored = await withinDeadline(
      storeAcceptedDelivery(call, outcome.redactedBody, outcome.mutations, outcome.duplicatesInBody, undefined, outcome.refusedReason),
      deadline,
    );
    const counts = { delivery_id: stored.deliveryId, accepted: stored.accepted, duplicates: stored.duplicates };
    if (outcome.refusedReason !== null) {
      // The good mutations are stored (a retry finds them as duplicates); the refused ones would be
      // refused on every retry, hence 400, with each named.
      return Response.json({ status: 'partial', ...counts, refused: outcome.refused, error: outcome.refusedReason }, { status: 400 });
    }
    return Response.json({ status: 'received', ...counts, duration_ms: Math.round(performance.now() - started) });
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      console.error('webhook: the database is not available', { sourceAddress: call.sourceAddress, error });
      return Response.json({ status: 'error', error: 'could not store the delivery, try again later' }, { status: 503 });
    }
    // Every retry would meet the same refusal: "try again later" would be a lie.
    console.error('webhook: the database refused a delivery that passed every check', { sourceAddress: call.sourceAddress, error });
    const detail = error instanceof Error ? error.message : String(error);
    return refuse(call, refusal(500, refusalReason('databaseRefused', { detail }), 'valid', outcome.body), deadline);
  }
}

async function check(request: Request, call: DeliveryCall, config: WebhookConfig): Promise<Refusal | Acceptance> {
  if (config.secrets.length === 0) {
    return refusal(503, refusalReason('noSecret'), 'unchecked');
  }
  if (!isAddressAllowed(call.sourceAddress, config.allowlist)) {
    return refusal(403, refusalReason('notAllowed', { address: call.sourceAddress }), 'unchecked');
  }
  let body: Uint8Array;
  try {
    body = await readBodyWithin(request, config.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return refusal(413, refusalReason('tooLarge', { limit: error.limit }), 'unchecked');
    }
    throw error;
  }
  call.bodyBytes = body.byteLength;

  const signature = verifySignature(body, request.headers.get('signature'), config.secrets);
  if (signature !== 'valid') {
    const reason = refusalReason(signature === 'missing' ? 'signatureMissing' : 'signatureInvalid');
    return refusal(401, reason, signature, body);
  }

  const text = Buffer.from(body).toString('utf8');
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) return refusal(400, refusalReason('tooDeep', { depth, limit: MAX_JSON_DEPTH }), signature, body);
  let json: unknown;
  try {
    // Numeric mutation ids above 2^53 keep every digit: two transfers are never one by rounding.
    json = parseMootaJson(text);
  } catch {
    return refusal(400, refusalReason('notJson'), signature, body);
  }
  const read = readDelivery(json, call.receivedAt);
  if (!read.ok) return refusal(400, read.error, signature, body);
  // A mutation that can never be stored does not hold back the others of its delivery: Moota sends
  // the same body on every retry, so refusing it whole would keep good transfers out for good.
  const refusedReason = read.refused.length > 0 ? describeRefused(read.refused) : null;
  if (refusedReason !== null && read.mutations.length === 0) return refusal(400, refusedReason, signature, body);
  return {
    body,
    redactedBody: JSON.stringify(redactSecrets(json)),
    mutations: read.mutations,
    duplicatesInBody: read.duplicatesInBody,
    refusedReason,
    refused: read.refused.length,
  };
}

async function refuse(call: DeliveryCall, refusal: Refusal, deadline: number): Promise<Response> {
  const excerpt = refusal.body ? redactBody(Buffer.from(refusal.body).toString('utf8')) : '';
  let deliveryId: string | null = null;
  try {
    deliveryId = await withinDeadline(
      storeRejectedDelivery(call, { httpStatus: refusal.httpStatus, reason: refusal.reason, signature: refusal.signature, bodyExcerpt: excerpt }),
      deadline,
    );
  } catch (error) {
    console.error('webhook: could not record a rejected call', { reason: refusal.reason, error });
  }
  return Response.json({ status: 'rejected', error: refusal.reason, delivery_id: deliveryId ?? undefined }, { status: refusal.httpStatus });
}
