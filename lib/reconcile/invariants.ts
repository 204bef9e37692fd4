import type { SqlExecutor } from '@/lib/db';
import { formatRupiah } from '@/lib/money';
import { PAID, sqlList } from '@/lib/reconcile/states';

/** What must hold between orders, payments, mutations' match states and history, whoever wrote them. */
export type InvariantName =
  | 'orderPaidAmount'
  | 'orderStatus'
  | 'paymentAmount'
  | 'mutationOverAllocated'
  | 'matchedWithoutPayments'
  | 'paymentsWithoutMatch'
  | 'paymentWithoutHistory'
  | 'mutationStateWithoutHistory'
  | 'orderStatusWithoutHistory'
  | 'mutationDays'
  | 'revenueDays'
  | 'revenueAccountDays'
  | 'matchDays'
  | 'acceptedDifference';

/** Each invariant in plain words, as the operator's check prints them. */
export const INVARIANTS: Record<InvariantName, string> = {
  orderPaidAmount: "An order's paid amount is the sum of its active payments",
  orderStatus: "An order's status agrees with its paid amount: open, expired and cancelled orders hold no money, paid ones some",
  paymentAmount: 'Every active payment is a positive amount from a credit',
  mutationOverAllocated: 'No mutation gives out more than its amount',
  matchedWithoutPayments: "A matched mutation's active payments add up to its whole amount",
  paymentsWithoutMatch: 'A mutation with active payments is matched (or in review with the parts of a split)',
  paymentWithoutHistory: 'Every payment, and every undoing of one, has its history row',
  mutationStateWithoutHistory: "A mutation's match state is the one its latest history entry leads to",
  orderStatusWithoutHistory: "An order's status is the one its latest history entry leads to",
  mutationDays: 'The daily summary of mutations (mutation_days) adds up to a recount of the mutations',
  revenueDays: 'The daily revenue summary (revenue_days) adds up to a recount of the paid orders',
  revenueAccountDays: 'The daily revenue per account (revenue_account_days) adds up to a recount of the payments',
  matchDays: 'The daily matching summary (match_days) adds up to a recount of the matches that hold',
  acceptedDifference: "An accepted difference that holds is its paid order's paid minus payable amount, never zero, with a reason",
};

export interface Violation {
  invariant: InvariantName;
  /** The rows concerned: the order, the mutation (with Moota's id), the payment. */
  orderId?: string;
  mutationId?: string;
  mootaId?: string;
  /** What is wrong, in plain English, naming the rows. */
  message: string;
}

export interface InvariantReport {
  violations: Violation[];
  /** How many rows broke each invariant; only the first `perInvariant` of each are in `violations`. */
  counts: Partial<Record<InvariantName, number>>;
}

type Row = Record<string, string | null>;

interface Check {
  invariant: InvariantName;
  /** Each row is one violation; `total` (count(*) OVER ()) is how many there are in all. */
  sql: (limit: string) => string;
  values?: unknown[];
  describe: (row: Row) => Omit<Violation, 'invariant'>;
}

const rupiah = (value: string | null | undefined) => formatRupiah(BigInt(value ?? 0));

/** Actions that make a payment (written with the mutation and the order it pays). */
const PAYING = ['matched_automatically', 'confirmed', 'matched_by_hand', 'split'];
/** The history action(s) that can leave a mutation in each state; 'pending' and 'debit' are written without history. */
const MUTATION_STATE_ACTIONS: Record<string, string[]> = {
  matched: PAYING,
  suggested: ['suggested'],
  review: ['needs_review', 'split'],
  unmatched: ['left_unmatched', 'undone', 'unmarked_not_an_order'],
  ignored: ['marked_not_an_order'],
};
/** The history action(s) that can leave an order in each status; a pending order may have none at all. */
const ORDER_STATUS_ACTIONS: Record<string, string[]> = {
  pending: ['undone'],
  cancelled: ['order_cancelled'],
  expired: ['order_expired', 'undone'],
  ...Object.fromEntries(PAID.map((status) => [status, [...PAYING, 'undone']])),
  // Accepting what an underpaid or overpaid order was paid short or over leaves it paid.
  paid: [...PAYING, 'undone', 'difference_accepted'],
};
const MUTATION_STATE_CHANGES = [...new Set(Object.values(MUTATION_STATE_ACTIONS).flat())];
const ORDER_STATUS_CHANGES = [...new Set(Object.values(ORDER_STATUS_ACTIONS).flat())];

/** A VALUES list of (state, allowed actions); the names are fixed here, never input. */
const allowedActions = (table: Record<string, string[]>) =>
  Object.entries(table)
    .map(([state, actions]) => `('${state}', ARRAY[${actions.map((a) => `'${a}'`).join(', ')}]::text[])`)
    .join(', ');

const ACTIVE_PAYMENTS = `SELECT mutation_id, order_id, amount, split FROM payments WHERE undone_at IS NULL`;

/**
 * A summary summed over its slots beside a recount from the rows, keeping the keys where they
 * differ; `expected` and `summed` each give `key` and the figures (`a`, `b`), a key absent from one
 * side counts zero there.
 */
const summaryDifferences = (expected: string, summed: string, limit: string) => `
  SELECT key, coalesce(e.a, 0)::text AS expected_a, coalesce(e.b, 0)::text AS expected_b,
         coalesce(s.a, 0)::text AS summed_a, coalesce(s.b, 0)::text AS summed_b, count(*) OVER () AS total
  FROM (${expected}) e FULL JOIN (${summed}) s USING (key)
  WHERE coalesce(e.a, 0) <> coalesce(s.a, 0) OR coalesce(e.b, 0) <> coalesce(s.b, 0)
     OR (e.label IS DISTINCT FROM s.label AND coalesce(e.a, 0) <> 0)
  ORDER BY key ${limit}`;

const describeSummary =
  (table: string, a: string, b?: string) =>
  (row: Row): Omit<Violation, 'invariant'> => {
    const figures = (side: 'summed' | 'expected') => `${row[`${side}_a`]} ${a}` + (b ? ` and ${row[`${side}_b`]} ${b}` : '');
    return { message: `The summary ${table} holds ${figures('summed')} for ${row.key}, but a recount of the rows gives ${figures('expected')}.` };
  };

const JAKARTA_DAY = (column: string) => `to_char(${column} AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD')`;
const PAID_LIST = sqlList(PAID);

/** The revenue report's rule on rows: money a sandbox transfer paid is not revenue; an order only sandbox money paid counts nowhere. */
const PAID_ORDERS = `
  SELECT o.id, o.paid_at, o.paid_amount - coalesce(sandbox_paid.amount, 0) AS revenue
  FROM orders o LEFT JOIN LATERAL (
    SELECT sum(p.amount) AS amount FROM payments p JOIN mutations m ON m.id = p.mutation_id
    WHERE p.order_id = o.id AND p.undone_at IS NULL AND m.sandbox) sandbox_paid ON true
  WHERE o.status IN ${PAID_LIST} AND o.paid_at IS NOT NULL
    AND (sandbox_paid.amount IS NULL OR o.paid_amount > sandbox_paid.amount)`;

const SUMMARY_CHECKS: Check[] = [
  {
    invariant: 'mutationDays',
    sql: (limit) =>
      summaryDifferences(
        `SELECT concat_ws(' ', ${JAKARTA_DAY('occurred_at')}, bank_id, type,
                CASE match_state WHEN 'matched' THEN 'matched' WHEN 'ignored' THEN 'ignored' ELSE 'open' END,
                CASE WHEN sandbox THEN 'sandbox' END) AS key,
                count(*) AS a, sum(amount) AS b, NULL::text AS label
         FROM mutations GROUP BY 1`,
        `SELECT concat_ws(' ', to_char(day, 'YYYY-MM-DD'), bank_id, type, state, CASE WHEN sandbox THEN 'sandbox' END) AS key,
                sum(mutations) AS a, sum(amount) AS b, NULL::text AS label
         FROM mutation_days GROUP BY 1`,
        limit,
      ),
    describe: describeSummary('mutation_days', 'mutations', 'rupiah'),
  },
  {
    invariant: 'revenueDays',
    sql: (limit) =>
      summaryDifferences(
        `SELECT ${JAKARTA_DAY('paid_at')} AS key, count(*) AS a, sum(revenue) AS b, NULL::text AS label FROM (${PAID_ORDERS}) paid GROUP BY 1`,
        `SELECT to_char(day, 'YYYY-MM-DD') AS key, sum(orders) AS a, sum(revenue) AS b, NULL::text AS label FROM revenue_days GROUP BY 1`,
        limit,
      ),
    describe: describeSummary('revenue_days', 'orders', 'rupiah'),
  },
  {
    invariant: 'revenueAccountDays',
    sql: (limit) =>
      summaryDifferences(
        `SELECT ${JAKARTA_DAY('o.paid_at')} || ' ' || m.account_number AS key, count(DISTINCT o.id) AS a, sum(p.amount) AS b,
                max(m.bank_label) AS label
         FROM orders o JOIN payments p ON p.order_id = o.id AND p.undone_at IS NULL
         JOIN mutations m ON m.id = p.mutation_id AND NOT m.sandbox
         WHERE o.status IN ${PAID_LIST} AND o.paid_at IS NOT NULL GROUP BY 1`,
        `SELECT key, sum(orders) AS a, sum(revenue) AS b, max(nullif(bank_label, '')) FILTER (WHERE orders <> 0) AS label
         FROM (SELECT to_char(day, 'YYYY-MM-DD') || ' ' || account_number AS key, bank_label, sum(orders) AS orders, sum(revenue) AS revenue
               FROM revenue_account_days GROUP BY 1, 2) labelled
         GROUP BY 1`,
        limit,
      ),
    describe: describeSummary('revenue_account_days', 'orders', 'rupiah (or another bank label)'),
  },
  {
    // The match that holds for each matched credit: its last paying history entry.
    invariant: 'matchDays',
    sql: (limit) =>
      summaryDifferences(
        `SELECT concat_ws(' ', ${JAKARTA_DAY('created_at')}, CASE WHEN automatic THEN 'automatic' ELSE 'by hand' END, minutes || ' min') AS key,
                count(*) AS a, 0 AS b, NULL::text AS label
         FROM (SELECT DISTINCT ON (h.mutation_id) h.created_at, h.action = 'matched_automatically' AS automatic,
                      floor(extract(epoch FROM h.created_at - m.received_at) / 60)::int AS minutes
               FROM history h JOIN mutations m ON m.id = h.mutation_id
               WHERE h.action = ANY($1::text[]) AND m.type = 'CR' AND m.match_state = 'matched' AND NOT m.sandbox
               ORDER BY h.mutation_id, h.created_at DESC, h.id DESC) last_match
         GROUP BY 1`,
        `SELECT concat_ws(' ', to_char(day, 'YYYY-MM-DD'), CASE WHEN automatic THEN 'automatic' ELSE 'by hand' END, minutes || ' min') AS key,
                sum(matches) AS a, 0 AS b, NULL::text AS label
         FROM match_days GROUP BY 1`,
        limit,
      ),
    values: [PAYING],
    describe: describeSummary('match_days', 'matches'),
  },
];

const CHECKS: Check[] = [
  {
    invariant: 'orderPaidAmount',
    sql: (limit) => `
      SELECT o.id, o.reference, o.paid_amount::text AS paid, coalesce(p.total, 0)::text AS payments, count(*) OVER () AS total
      FROM orders o LEFT JOIN (SELECT order_id, sum(amount) AS total FROM (${ACTIVE_PAYMENTS}) a GROUP BY order_id) p ON p.order_id = o.id
      WHERE o.paid_amount <> coalesce(p.total, 0) ORDER BY o.id ${limit}`,
    describe: (row) => ({
      orderId: row.id!,
      message: `Order ${row.reference} (${row.id}) has a paid amount of ${rupiah(row.paid)}, but its active payments add up to ${rupiah(row.payments)}.`,
    }),
  },
  {
    invariant: 'orderStatus',
    sql: (limit) => `
      SELECT id, reference, status::text AS status, paid_amount::text AS paid, payable_amount::text AS payable, count(*) OVER () AS total
      FROM orders
      WHERE (status IN ('pending', 'expired', 'cancelled') AND paid_amount <> 0)
         OR (status IN ${sqlList(PAID)} AND (paid_amount <= 0 OR paid_at IS NULL))
         OR (status = 'underpaid' AND paid_amount >= payable_amount)
         OR (status = 'overpaid' AND paid_amount <= payable_amount)
      ORDER BY id ${limit}`,
    describe: (row) => ({
      orderId: row.id!,
      message: `Order ${row.reference} (${row.id}) is ${row.status} with ${rupiah(row.paid)} paid of ${rupiah(row.payable)} payable (or no time it was paid).`,
    }),
  },
  {
    invariant: 'acceptedDifference',
    sql: (limit) => `
      SELECT d.id, o.id AS order_id, o.reference, o.status::text AS status, d.amount::text AS amount,
             (o.paid_amount - o.payable_amount)::text AS difference, count(*) OVER () AS total
      FROM accepted_differences d JOIN orders o ON o.id = d.order_id
      WHERE d.undone_at IS NULL
        AND (o.status <> 'paid' OR d.amount = 0 OR d.amount <> o.paid_amount - o.payable_amount OR btrim(d.reason) = ''
             OR (d.category = 'refund_owed' AND d.amount < 0) OR (d.category IN ('bank_fee', 'discount') AND d.amount > 0))
      ORDER BY d.id ${limit}`,
    describe: (row) => ({
      orderId: row.order_id!,
      message: `Order ${row.reference} (${row.order_id}) is ${row.status} with an accepted difference of ${rupiah(row.amount)}, but its paid minus payable amount is ${rupiah(row.difference)} (or the difference has no reason, or a category that does not fit it).`,
    }),
  },
  {
    invariant: 'paymentAmount',
    sql: (limit) => `
      SELECT p.id, p.mutation_id, m.moota_id, p.order_id, p.amount::text AS amount, count(*) OVER () AS total
      FROM payments p JOIN mutations m ON m.id = p.mutation_id
      WHERE p.undone_at IS NULL AND (p.amount <= 0 OR m.type <> 'CR') ORDER BY p.id ${limit}`,
    describe: (row) => ({
      mutationId: row.mutation_id!,
      mootaId: row.moota_id!,
      orderId: row.order_id!,
      message: `Payment ${row.id} of ${rupiah(row.amount)} from mutation ${row.moota_id} is not a positive amount of a credit.`,
    }),
  },
  {
    invariant: 'mutationOverAllocated',
    sql: (limit) => `
      SELECT m.id, m.moota_id, m.amount::text AS amount, p.total::text AS allocated, count(*) OVER () AS total
      FROM mutations m JOIN (SELECT mutation_id, sum(amount) AS total FROM (${ACTIVE_PAYMENTS}) a GROUP BY mutation_id) p ON p.mutation_id = m.id
      WHERE p.total > m.amount ORDER BY m.id ${limit}`,
    describe: (row) => ({
      mutationId: row.id!,
      mootaId: row.moota_id!,
      message: `Mutation ${row.moota_id} (${row.id}) brought in ${rupiah(row.amount)} but its active payments give out ${rupiah(row.allocated)}.`,
    }),
  },
  {
    invariant: 'matchedWithoutPayments',
    sql: (limit) => `
      SELECT m.id, m.moota_id, m.amount::text AS amount, coalesce(p.total, 0)::text AS allocated, count(*) OVER () AS total
      FROM mutations m LEFT JOIN (SELECT mutation_id, sum(amount) AS total FROM (${ACTIVE_PAYMENTS}) a GROUP BY mutation_id) p ON p.mutation_id = m.id
      WHERE m.match_state = 'matched' AND coalesce(p.total, 0) <> m.amount ORDER BY m.id ${limit}`,
    describe: (row) => ({
      mutationId: row.id!,
      mootaId: row.moota_id!,
      message: `Mutation ${row.moota_id} (${row.id}) is matched, but its active payments add up to ${rupiah(row.allocated)} of its ${rupiah(row.amount)}.`,
    }),
  },
  {
    // A split that has not given out the whole transfer yet leaves it in review with its parts.
    invariant: 'paymentsWithoutMatch',
    sql: (limit) => `
      SELECT m.id, m.moota_id, m.match_state::text AS state, p.total::text AS allocated, count(*) OVER () AS total
      FROM mutations m JOIN (
        SELECT mutation_id, sum(amount) AS total, bool_and(split) AS all_split FROM (${ACTIVE_PAYMENTS}) a GROUP BY mutation_id
      ) p ON p.mutation_id = m.id
      WHERE NOT (m.match_state = 'matched' OR (m.match_state = 'review' AND p.all_split AND p.total < m.amount))
      ORDER BY m.id ${limit}`,
    describe: (row) => ({
      mutationId: row.id!,
      mootaId: row.moota_id!,
      message: `Mutation ${row.moota_id} (${row.id}) has active payments of ${rupiah(row.allocated)} but is ${row.state}, not matched.`,
    }),
  },
  {
    // Counted per transfer and order: each payment, and each undoing of one, has its own history row.
    invariant: 'paymentWithoutHistory',
    sql: (limit) => `
      SELECT p.mutation_id, m.moota_id, p.order_id, o.reference, p.made, p.undone, coalesce(h.paying, 0) AS paying,
        coalesce(h.undoing, 0) AS undoing, count(*) OVER () AS total
      FROM (SELECT mutation_id, order_id, count(*) AS made, count(*) FILTER (WHERE undone_at IS NOT NULL) AS undone
            FROM payments GROUP BY mutation_id, order_id) p
      JOIN mutations m ON m.id = p.mutation_id JOIN orders o ON o.id = p.order_id
      LEFT JOIN (SELECT mutation_id, order_id, count(*) FILTER (WHERE action = ANY($1::text[])) AS paying,
                   count(*) FILTER (WHERE action = 'undone') AS undoing
                 FROM history WHERE mutation_id IS NOT NULL AND order_id IS NOT NULL GROUP BY mutation_id, order_id) h
        ON h.mutation_id = p.mutation_id AND h.order_id = p.order_id
      WHERE coalesce(h.paying, 0) < p.made OR coalesce(h.undoing, 0) < p.undone
      ORDER BY p.mutation_id, p.order_id ${limit}`,
    values: [PAYING],
    describe: (row) => ({
      mutationId: row.mutation_id!,
      mootaId: row.moota_id!,
      orderId: row.order_id!,
      message:
        `Mutation ${row.moota_id} paid order ${row.reference} ${row.made} time(s) (${row.undone} undone), ` +
        `but history records ${row.paying} payment(s) and ${row.undoing} undoing(s) between them.`,
    }),
  },
  {
    // The latest state-changing entries (all of them when several share its time) must include one that leads to the state.
    invariant: 'mutationStateWithoutHistory',
    sql: (limit) => `
      WITH allowed(state, actions) AS (VALUES ${allowedActions(MUTATION_STATE_ACTIONS)})
      SELECT m.id, m.moota_id, m.match_state::text AS state, array_to_string(latest.actions, ', ') AS latest, count(*) OVER () AS total
      FROM mutations m JOIN allowed ON allowed.state = m.match_state::text
      LEFT JOIN LATERAL (
        SELECT array_agg(h.action ORDER BY h.action) AS actions FROM history h
        WHERE h.mutation_id = m.id AND h.action = ANY($1::text[]) AND h.created_at = (
          SELECT max(created_at) FROM history WHERE mutation_id = m.id AND action = ANY($1::text[]))
      ) latest ON true
      WHERE NOT (coalesce(latest.actions, '{}') && allowed.actions) ORDER BY m.id ${limit}`,
    values: [MUTATION_STATE_CHANGES],
    describe: (row) => ({
      mutationId: row.id!,
      mootaId: row.moota_id!,
      message: `Mutation ${row.moota_id} (${row.id}) is ${row.state}, but its latest history ${row.latest ? `says ${row.latest}` : 'is missing'}.`,
    }),
  },
  {
    invariant: 'orderStatusWithoutHistory',
    sql: (limit) => `
      WITH allowed(status, actions) AS (VALUES ${allowedActions(ORDER_STATUS_ACTIONS)})
      SELECT o.id, o.reference, o.status::text AS status, array_to_string(latest.actions, ', ') AS latest, count(*) OVER () AS total
      FROM orders o JOIN allowed ON allowed.status = o.status::text
      LEFT JOIN LATERAL (
        SELECT array_agg(h.action ORDER BY h.action) AS actions FROM history h
        WHERE h.order_id = o.id AND h.action = ANY($1::text[]) AND h.created_at = (
          SELECT max(created_at) FROM history WHERE order_id = o.id AND action = ANY($1::text[]))
      ) latest ON true
      WHERE NOT (coalesce(latest.actions, '{}') && allowed.actions) AND NOT (o.status = 'pending' AND latest.actions IS NULL)
      ORDER BY o.id ${limit}`,
    values: [ORDER_STATUS_CHANGES],
    describe: (row) => ({
      orderId: row.id!,
      message: `Order ${row.reference} (${row.id}) is ${row.status}, but its latest history ${row.latest ? `says ${row.latest}` : 'is missing'}.`,
    }),
  },
  ...SUMMARY_CHECKS,
];

/**
 * Checks every invariant over the whole database (run it in a transaction of its own, or a
 * REPEATABLE READ one to see a single snapshot). Sound data gives no violations.
 */
export async function checkInvariants(sql: SqlExecutor, { perInvariant = 100 } = {}): Promise<InvariantReport> {
  const report: InvariantReport = { violations: [], counts: {} };
  const limit = `LIMIT ${Math.max(1, Math.floor(perInvariant))}`;
  for (const check of CHECKS) {
    const { rows } = (await sql.executeSql(check.sql(limit), check.values ?? [])) as { rows: Row[] };
    if (rows.length === 0) continue;
    report.counts[check.invariant] = Number(rows[0]!.total);
    report.violations.push(...rows.map((row) => ({ invariant: check.invariant, ...check.describe(row) })));
  }
  return report;
}
