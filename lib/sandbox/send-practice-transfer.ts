import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { MatchState, OrderStatus } from '@/lib/generated/prisma/client';
import { auditHeaders } from '@/lib/intake/delivery-call';
import { storeAcceptedDelivery } from '@/lib/intake/store-delivery';
import { parseDelivery, redactSecrets } from '@/lib/moota/payload';
import { signedDelivery } from '@/lib/sandbox/moota-generator';
import { buildPracticeTransfer, type PracticeKind } from '@/lib/sandbox/practice-transfer';
import { loadSettings } from '@/lib/settings/store';

/** The delivery's source address: it came from the Sandbox page, not from Moota. */
export const SANDBOX_SOURCE_ADDRESS = 'sandbox';

export interface PracticeTransferInput {
  kind: PracticeKind;
  /** An order's reference (any case): the transfer is of its payable amount. */
  reference?: string;
  amount?: bigint;
  short?: bigint;
  over?: bigint;
  description?: string;
}

export interface SentPracticeTransfer {
  mutationId: string;
  mootaId: string;
  amount: bigint;
  reference: string | null;
}

/**
 * Sends a practice transfer into a sandbox account the way a signed Moota delivery arrives: the
 * intake stores it (creating the sandbox account the first time) and enqueues its matching.
 */
export async function sendPracticeTransfer(input: PracticeTransferInput, actor: string, now = new Date()): Promise<SentPracticeTransfer> {
  const reference = input.reference?.trim();
  const order = reference
    ? await db().order.findUnique({ where: { referenceKey: reference.toUpperCase() }, select: { reference: true, payableAmount: true } })
    : null;
  if (reference && !order) throw new DomainError('not_found', 'orderNotFound', { reference });

  const transfer = buildPracticeTransfer({ ...input, order: order ?? undefined }, { now });
  const parsed = parseDelivery(JSON.parse(transfer.body));
  if (!parsed.ok) throw new Error(`a practice transfer the intake cannot read: ${parsed.error}`);

  const secret = (await loadSettings()).webhook.secrets[0];
  const headers = new Headers(secret ? signedDelivery(transfer.body, secret) : { 'Content-Type': 'application/json' });
  headers.set('X-Cocok-Sandbox-By', actor);
  await storeAcceptedDelivery(
    { receivedAt: now, sourceAddress: SANDBOX_SOURCE_ADDRESS, headers: auditHeaders(headers), bodyBytes: Buffer.byteLength(transfer.body) },
    JSON.stringify(redactSecrets(JSON.parse(transfer.body))),
    parsed.mutations,
  );
  const { id } = await db().mutation.findUniqueOrThrow({ where: { mootaId: transfer.mutation.mutation_id }, select: { id: true } });
  return { mutationId: id, mootaId: transfer.mutation.mutation_id, amount: transfer.amount, reference: order?.reference ?? null };
}

export interface PracticeTransferState {
  matchState: MatchState;
  sandbox: boolean;
  /** The order the transfer pays, once matched. */
  order: { reference: string; status: OrderStatus } | null;
}

/** Where a sent practice transfer stands: waiting, matched (to which order) or left for a person. */
export async function practiceTransferState(mutationId: string): Promise<PracticeTransferState> {
  const mutation = await db().mutation.findUnique({
    where: { id: mutationId },
    select: {
      matchState: true,
      sandbox: true,
      payments: { where: { undoneAt: null }, select: { order: { select: { reference: true, status: true } } }, take: 1 },
    },
  });
  if (!mutation) throw new DomainError('not_found', 'transferNotFound');
  return { matchState: mutation.matchState, sandbox: mutation.sandbox, order: mutation.payments[0]?.order ?? null };
}

export interface OpenOrderChoice {
  reference: string;
  payableAmount: bigint;
  customerName: string | null;
}

/** Open orders to practise on, newest first, those whose reference starts with `search` when given. */
export async function openOrdersToPractiseOn(search = '', limit = 50): Promise<OpenOrderChoice[]> {
  const prefix = search.trim().toUpperCase();
  return db().order.findMany({
    where: { status: 'pending', ...(prefix && { referenceKey: { startsWith: prefix } }) },
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: { reference: true, payableAmount: true, customerName: true },
  });
}
