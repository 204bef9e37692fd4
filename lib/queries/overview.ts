import { db } from '@/lib/db';
import { WAITING_FOR_PERSON } from '@/lib/reconcile/states';
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
    db().mutation.count({ where: { matchState: { in: [...WAITING_FOR_PERSON] } } }),
    db().mutation.findMany({
      where: { matchState: { in: [...WAITING_FOR_PERSON] } },
      orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
      take: OLDEST_WAITING_SHOWN,
      select: { id: true, amount: true, bankLabel: true, accountNumber: true, description: true, matchState: true, receivedAt: true },
    }),
    db().delivery.count({ where: { outcome: { in: ['rejected', 'partial'] }, receivedAt: { gte: dayStart, lt: dayEnd } } }),
    db().mutation.count({ where: { processing: 'dead' } }),
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
      count: waitingCount,
      oldest: oldest.map((m) => ({
        id: m.id,
        amount: String(m.amount),
        bankLabel: m.bankLabel,
        accountNumber: m.accountNumber,
        description: m.description,
        matchState: m.matchState as WaitingTransfer['matchState'],
        receivedAt: m.receivedAt.toISOString(),
      })),
    },
    failures: { rejectedToday, deadMutations },
  };
}
