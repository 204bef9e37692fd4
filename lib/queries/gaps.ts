import { accountName } from '@/lib/accounts/account-name';
import { db } from '@/lib/db';
import { mutationFilterQuery } from '@/lib/queries/mutations';
import { addDays, jakartaDay, startOfJakartaDay } from '@/lib/time/jakarta';

export const GAP_DAYS = 7;

/** Mutations of one account and Jakarta day that reached Cocok only through one other source than the webhook. */
export interface GapDay {
  mootaBankId: string;
  /** Label and masked number; the bank id when the account is not known. */
  account: string;
  sandbox: boolean;
  /** The bank's date, a Jakarta calendar day. */
  day: string;
  origin: 'apiSync' | 'statement';
  count: number;
  /** The mutations list narrowed to exactly these mutations. */
  href: string;
}

interface GapRow {
  bank_id: string;
  day: string;
  origin: 'api-sync' | 'statement';
  count: number;
  label: string | null;
  account_number: string | null;
  sandbox: boolean | null;
}

/**
 * Gaps: per account and Jakarta day of the bank's date over the last `days` days (today included),
 * the mutations the webhook never delivered, by the source that found them. Read through the
 * partial index over webhook_seen_at IS NULL, so it stays small however many mutations there are.
 */
export async function listGaps(now: Date = new Date(), days: number = GAP_DAYS): Promise<GapDay[]> {
  const firstDay = addDays(jakartaDay(now), -(days - 1));
  const rows = await db().$queryRaw<GapRow[]>`
    SELECT g.bank_id, g.day, g.origin::text AS origin, g.count, a.label, a.account_number, a.sandbox
      FROM (
        SELECT bank_id, to_char(occurred_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS day, origin, count(*)::int AS count
          FROM mutations
         WHERE webhook_seen_at IS NULL AND occurred_at >= ${startOfJakartaDay(firstDay)}
         GROUP BY 1, 2, 3
      ) g
      LEFT JOIN accounts a ON a.moota_bank_id = g.bank_id
     ORDER BY g.day DESC, a.label NULLS LAST, g.bank_id, g.origin`;
  return rows.map((row) => {
    const origin = row.origin === 'api-sync' ? 'apiSync' : 'statement';
    const query = mutationFilterQuery({ account: row.bank_id, gap: true, origin, from: row.day, to: row.day });
    return {
      mootaBankId: row.bank_id,
      account: row.account_number === null ? row.bank_id : accountName({ label: row.label, accountNumber: row.account_number }),
      sandbox: row.sandbox ?? false,
      day: row.day,
      origin,
      count: row.count,
      href: `/mutations?${query}`,
    };
  });
}
