import { accountName } from '@/lib/accounts/account-name';
import { db } from '@/lib/db';
import type { SignatureResult } from '@/lib/generated/prisma/enums';
import { mootaTokenStatus } from '@/lib/moota/connection';

/** An account that has had no webhook for longer than this while a sync or statement found its mutations is flagged. */
export const SILENT_WEBHOOK_HOURS = 6;
export const REJECTED_WINDOW_HOURS = 24;

/** Why a webhook call was refused, in kinds an operator acts on. */
export type RejectionKind = 'badSignature' | 'missingSignature' | 'addressNotAllowed' | 'noSecret' | 'tooLarge' | 'badBody' | 'other';

/** The kind of a refusal, from the answer's status and the signature check (receive-webhook.ts decides both). */
export function rejectionKind(httpStatus: number, signature: SignatureResult): RejectionKind {
  if (signature === 'invalid') return 'badSignature';
  if (signature === 'missing') return 'missingSignature';
  if (httpStatus === 403) return 'addressNotAllowed';
  if (httpStatus === 503) return 'noSecret';
  if (httpStatus === 413) return 'tooLarge';
  if (httpStatus === 400 || httpStatus === 422) return 'badBody';
  return 'other';
}

export interface AccountWebhookHealth {
  mootaBankId: string;
  account: string;
  sandbox: boolean;
  lastWebhookAt: string | null;
  /** Mutations a sync or statement found that the webhook has not delivered, first seen after the last webhook. */
  foundSinceWebhook: number;
  /** No webhook for longer than SILENT_WEBHOOK_HOURS (or never) while those were found: check Moota's webhook settings. */
  silent: boolean;
}

export interface WebhookHealth {
  generatedAt: string;
  silentAfterHours: number;
  accounts: AccountWebhookHealth[];
  sync: { state: 'notConnected' | 'never' | 'succeeded'; at: string | null };
  rejected: { kind: RejectionKind; count: number }[];
}

interface AccountRow {
  moota_bank_id: string;
  label: string | null;
  account_number: string;
  sandbox: boolean;
  last_webhook_at: Date | null;
  found_since: number;
}

/**
 * The health panel: when each account last heard from the webhook, the last successful sync,
 * the calls refused in the last REJECTED_WINDOW_HOURS by kind, and which accounts have gone silent.
 * `connected` says whether a Moota API token is set (read from Settings when not given).
 */
export async function webhookHealth(now: Date = new Date(), options: { connected?: boolean } = {}): Promise<WebhookHealth> {
  const connected = options.connected ?? (await mootaTokenStatus()).source !== 'none';
  const rejectedSince = new Date(now.getTime() - REJECTED_WINDOW_HOURS * 3_600_000);
  const silentBefore = now.getTime() - SILENT_WEBHOOK_HOURS * 3_600_000;
  // The newest mutation the webhook delivered, by the bank's date, stands for the last webhook: one
  // probe of the (bank_id, occurred_at) index instead of reading every mutation of the account.
  const [accounts, lastSync, rejected] = await Promise.all([
    db().$queryRaw<AccountRow[]>`
      SELECT a.moota_bank_id, a.label, a.account_number, a.sandbox, hook.webhook_seen_at AS last_webhook_at,
             (SELECT count(*)::int FROM mutations m
               WHERE m.bank_id = a.moota_bank_id AND m.webhook_seen_at IS NULL
                 AND m.received_at > COALESCE(hook.webhook_seen_at, '-infinity'::timestamptz)) AS found_since
        FROM accounts a
        LEFT JOIN LATERAL (
          SELECT webhook_seen_at FROM mutations m
           WHERE m.bank_id = a.moota_bank_id AND m.webhook_seen_at IS NOT NULL
           ORDER BY occurred_at DESC, id DESC LIMIT 1
        ) hook ON true
       ORDER BY a.sandbox, a.label NULLS LAST, a.account_number, a.id`,
    connected
      ? db().syncRun.findFirst({ where: { state: 'succeeded' }, orderBy: { finishedAt: 'desc' }, select: { finishedAt: true } })
      : Promise.resolve(null),
    db().delivery.groupBy({
      by: ['httpStatus', 'signature'],
      where: { outcome: { in: ['rejected', 'partial'] }, receivedAt: { gte: rejectedSince, lte: now } },
      _count: { _all: true },
    }),
  ]);
  const byKind = new Map<RejectionKind, number>();
  for (const group of rejected) {
    const kind = rejectionKind(group.httpStatus, group.signature);
    byKind.set(kind, (byKind.get(kind) ?? 0) + group._count._all);
  }
  return {
    generatedAt: now.toISOString(),
    silentAfterHours: SILENT_WEBHOOK_HOURS,
    accounts: accounts.map((row) => ({
      mootaBankId: row.moota_bank_id,
      account: accountName({ label: row.label, accountNumber: row.account_number }),
      sandbox: row.sandbox,
      lastWebhookAt: row.last_webhook_at?.toISOString() ?? null,
      foundSinceWebhook: row.found_since,
      silent: row.found_since > 0 && (row.last_webhook_at === null || row.last_webhook_at.getTime() < silentBefore),
    })),
    sync: !connected
      ? { state: 'notConnected', at: null }
      : lastSync?.finishedAt
        ? { state: 'succeeded', at: lastSync.finishedAt.toISOString() }
        : { state: 'never', at: null },
    rejected: [...byKind].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
  };
}
