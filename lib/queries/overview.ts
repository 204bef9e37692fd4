import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { sqlList, WAITING_FOR_PERSON } from '@/lib/reconcile/states';
import { rangeInstants } from '@/lib/reports/range';
import { ratio } from '@/lib/reports/totals';
import { addDays, jakartaDay } from '@/lib/time/jakarta';

export const OLDEST_WAITING_SHOWN = 5;

export interface PeriodFigures {
  /** Integer rupiah as decimal strings. */
  moneyIn: string;
  moneyOut: string;
  credits: number;
  matchedCredits: number;
  /** Matched credits over credits not set aside as "not an order"; null without credits. */
  matchedRate: number | null;
}

export interface WaitingTransfer {
  id: string;
  amount: string;
  bankLabel: string | null;
  accountNumber: string;
  description: string;
  matchState: 'unmatched' | 'suggested' | 'review';
  receivedAt: string;
}

export interface Overview {
  generatedAt: string;
  today: PeriodFigures & { day: string };
  month: PeriodFigures & { month: string };
  openOrders: number;
  waiting: { count: number; oldest: WaitingTransfer[] };
  failures: { rejectedToday: number; deadMutations: number };
}

const WAITING = Prisma.raw(sqlList(WAITING_FOR_PERSON));

interface WaitingRow {
  id: string;
  amount: bigint;
  bank_label: string | null;
  account_number: string;
  description: string;
  match_state: WaitingTransfer['matchState'];
  received_at: Date;
}

interface FigureRow {
  in_today: string;
  out_today: string;
  credits_today: number;
  matched_today: number;
  in_month: string;
  out_month: string;
  credits_month: number;
  matched_month: number;
}

/**
 * The figures of the overview page for the Jakarta day and month that contain `now`, read from the
 * daily summary (`mutation_days`) rather than the mutations. Sandbox mutations are left out of the
 * money and the counts; they still wait in the queue like any other.
 */
export async function overview(now: Date = new Date()): Promise<Overview> {
  const day = jakartaDay(now);
  const monthStartDay = `${day.slice(0, 7)}-01`;
  const { start: dayStart, end: dayEnd } = rangeInstants({ from: day, to: day });
  const nextMonthDay = addDays(`${day.slice(0, 7)}-28`, 4).slice(0, 7) + '-01';

  const [[figures], openOrders, waitingCount, oldest, rejectedToday, deadMutations] = await Promise.all([
    db().$queryRaw<FigureRow[]>`
      SELECT COALESCE(sum(amount) FILTER (WHERE type = 'CR' AND day = ${day}::date), 0)::text AS in_today,
             COALESCE(sum(amount) FILTER (WHERE type = 'DB' AND day = ${day}::date), 0)::text AS out_today,
             COALESCE(sum(mutations) FILTER (WHERE type = 'CR' AND state <> 'ignored' AND day = ${day}::date), 0)::int AS credits_today,
             COALESCE(sum(mutations) FILTER (WHERE type = 'CR' AND state = 'matched' AND day = ${day}::date), 0)::int AS matched_today,
             COALESCE(sum(amount) FILTER (WHERE type = 'CR'), 0)::text AS in_month,
             COALESCE(sum(amount) FILTER (WHERE type = 'DB'), 0)::text AS out_month,
             COALESCE(sum(mutations) FILTER (WHERE type = 'CR' AND state <> 'ignored'), 0)::int AS credits_month,
             COALESCE(sum(mutations) FILTER (WHERE type = 'CR' AND state = 'matched'), 0)::int AS matched_month
        FROM mutation_days
       WHERE day >= ${monthStartDay}::date AND day < ${nextMonthDay}::date AND NOT sandbox`,
    db().order.count({ where: { status: 'pending' } }),
    // The states are written into the SQL, not bound: a bound enum is cast at run time, and the
    // partial indexes over the waiting and dead mutations then do not apply.
    db().$queryRaw<[{ count: number }]>`SELECT count(*)::int AS count FROM mutations WHERE match_state IN ${WAITING}`,
    db().$queryRaw<WaitingRow[]>`
      SELECT id, amount, bank_label, account_number, description, match_state::text AS match_state, received_at
        FROM mutations WHERE match_state IN ${WAITING}
       ORDER BY received_at, id LIMIT ${OLDEST_WAITING_SHOWN}`,
    db().delivery.count({ where: { outcome: { in: ['rejected', 'partial'] }, receivedAt: { gte: dayStart, lt: dayEnd } } }),
    db().$queryRaw<[{ count: number }]>`SELECT count(*)::int AS count FROM mutations WHERE processing = 'dead'`,
  ]);
  const row = figures!;
  return {
    generatedAt: now.toISOString(),
    today: {
      day,
      moneyIn: row.in_today,
      moneyOut: row.out_today,
      credits: row.credits_today,
      matchedCredits: row.matched_today,
      matchedRate: ratio(row.matched_today, row.credits_today),
    },
    month: {
      month: day.slice(0, 7),
      moneyIn: row.in_month,
      moneyOut: row.out_month,
      credits: row.credits_month,
      matchedCredits: row.matched_month,
      matchedRate: ratio(row.matched_month, row.credits_month),
    },
    openOrders,
    waiting: {
      count: waitingCount[0].count,
      oldest: oldest.map((m) => ({
        id: m.id,
        amount: String(m.amount),
        bankLabel: m.bank_label,
        accountNumber: m.account_number,
        description: m.description,
        matchState: m.match_state,
        receivedAt: m.received_at.toISOString(),
      })),
    },
    failures: { rejectedToday, deadMutations: deadMutations[0].count },
  };
}
