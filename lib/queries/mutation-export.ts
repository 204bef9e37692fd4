import type pg from 'pg';
import { sqlPool } from '@/lib/db';
import type { MatchState, MutationType } from '@/lib/generated/prisma/client';
import { jakartaDayRange } from '@/lib/time/jakarta';
import type { MutationFilters } from '@/lib/queries/mutations';

/** A mutation as the export writes it: the bank's date already as Jakarta wall-clock time, amounts as integer text. */
export interface MutationExportRow {
  /** "2026-11-28 10:14:07", Jakarta time. */
  occurredAt: string;
  accountNumber: string;
  bank: string | null;
  type: MutationType;
  amount: string;
  balance: string | null;
  description: string;
  note: string | null;
  matchState: MatchState;
  /** The references of the orders the mutation pays, space separated. */
  orders: string;
  mootaId: string;
  id: string;
}

/** How many rows one statement of the export reads: large enough to amortise the round trip, small enough to stop soon after a cancel. */
export const EXPORT_BATCH_SIZE = 5000;

interface Condition {
  sql: string;
  values: unknown[];
}

/** The list's filters (`mutationWhere`) as SQL over `m`, for the export's plain statements. */
export function mutationExportCondition(filters: MutationFilters): Condition {
  const and: string[] = [];
  const values: unknown[] = [];
  const value = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  if (filters.account) and.push(`m.bank_id = ${value(filters.account)}`);
  if (filters.gap) and.push('m.webhook_seen_at IS NULL');
  if (filters.origin) and.push(`m.origin = ${value(filters.origin)}::mutation_origin`);
  if (filters.type) and.push(`m.type = ${value(filters.type)}::mutation_type`);
  const occurred = jakartaDayRange(filters.from, filters.to);
  if (occurred.gte) and.push(`m.occurred_at >= ${value(occurred.gte)}`);
  if (occurred.lt) and.push(`m.occurred_at < ${value(occurred.lt)}`);
  if (filters.min !== undefined) and.push(`m.amount >= ${value(filters.min.toString())}::bigint`);
  if (filters.max !== undefined) and.push(`m.amount <= ${value(filters.max.toString())}::bigint`);
  if (filters.q) {
    // As Prisma's `contains` writes it for the list, so both select the same rows.
    const pattern = value(`%${filters.q}%`);
    and.push(`(m.description ILIKE ${pattern} OR m.note ILIKE ${pattern})`);
  }
  return { sql: and.length > 0 ? and.join(' AND ') : 'TRUE', values };
}

// Every value as the text PostgreSQL sends: the export writes text, and the cursor goes back as it came.
const asText: pg.CustomTypesConfig = { getTypeParser: () => (text: string) => text };

/** How many mutations the filters select: what the export's progress counts towards. */
export async function countMutationsForExport(filters: MutationFilters): Promise<number> {
  const where = mutationExportCondition(filters);
  const result = await sqlPool().query<{ count: string }>({
    text: `SELECT count(*) AS count FROM mutations m WHERE ${where.sql}`,
    values: where.values,
    types: asText,
  });
  return Number(result.rows[0]!.count);
}

/**
 * Every mutation the filters select, newest first by the bank's date, in batches of `batchSize`
 * read by keyset on (occurred_at, id): one short statement each, only the columns the file needs,
 * the paid orders' references gathered in SQL. Memory stays at two batches whatever the range; ending
 * the generator (a cancelled download) reads no further batch.
 */
export async function* eachMutationBatchForExport(filters: MutationFilters, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<MutationExportRow[]> {
  const where = mutationExportCondition(filters);
  const limit = `$${where.values.length + 1}`;
  // The plain bound lets the occurred_at index start at the cursor; the row comparison breaks ties by id.
  const after = `m.occurred_at <= $${where.values.length + 2}::timestamptz AND (m.occurred_at, m.id) < ($${where.values.length + 2}::timestamptz, $${where.values.length + 3}::uuid)`;
  const statement = (keyset: boolean) => `
    WITH page AS (
      SELECT m.id, m.occurred_at, m.account_number, coalesce(m.bank_label, m.bank_type) AS bank, m.type, m.amount, m.balance,
             m.description, m.note, m.match_state, m.moota_id
        FROM mutations m
       WHERE ${where.sql}${keyset ? ` AND ${after}` : ''}
       ORDER BY m.occurred_at DESC, m.id DESC
       LIMIT ${limit}
    ), paid AS (
      SELECT p.mutation_id, string_agg(o.reference, ' ' ORDER BY p.created_at, o.reference) AS orders
        FROM payments p JOIN orders o ON o.id = p.order_id
       WHERE p.mutation_id = ANY (ARRAY(SELECT id FROM page)) AND p.undone_at IS NULL
       GROUP BY p.mutation_id
    )
    SELECT to_char(page.occurred_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD HH24:MI:SS') AS "occurredAt",
           page.occurred_at AS "cursorAt", page.account_number AS "accountNumber", page.bank, page.type, page.amount, page.balance,
           page.description, page.note, page.match_state AS "matchState", coalesce(paid.orders, '') AS orders, page.moota_id AS "mootaId", page.id
      FROM page LEFT JOIN paid ON paid.mutation_id = page.id
     ORDER BY page.occurred_at DESC, page.id DESC`;
  const read = (cursor: [string, string] | null): Promise<pg.QueryResult<MutationExportRow & { cursorAt: string }>> =>
    sqlPool().query({ text: statement(cursor !== null), values: [...where.values, batchSize, ...(cursor ?? [])], types: asText });
  // The next batch is asked for before this one is handed on: the database reads it while this
  // process writes the CSV, and no more than two batches are ever held.
  let next = read(null);
  try {
    for (;;) {
      const rows = (await next).rows;
      const last = rows.at(-1);
      const more = rows.length === batchSize && last !== undefined;
      if (more) next = read([last.cursorAt, last.id]);
      if (rows.length > 0) yield rows;
      if (!more) return;
    }
  } finally {
    // Ended early (a cancelled download): the batch read ahead finishes before the generator does.
    await next.catch(() => {});
  }
}
